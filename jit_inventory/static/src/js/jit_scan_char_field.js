/** @odoo-module **/
/*
 * Char field for barcode scanners: a hand scanner types the barcode and
 * Enter; Enter saves the value and runs the form's scan button (the object
 * method named in the field's "action" option), so the screen is ready for the
 * next card without a click.
 */
import {registry} from "@web/core/registry";
import {pick} from "@web/core/utils/objects";
import {CharField, charField} from "@web/views/fields/char/char_field";
import {useEffect} from "@odoo/owl";

export class JitScanCharField extends CharField {
    static props = {
        ...CharField.props,
        action: {type: String, optional: true},
    };

    setup() {
        super.setup();
        useEffect(
            (input) => {
                if (!input) {
                    return;
                }
                const onKeydown = (ev) => this.onScanKeydown(ev);
                input.addEventListener("keydown", onKeydown);
                input.focus();
                return () => input.removeEventListener("keydown", onKeydown);
            },
            () => [this.input.el]
        );
    }

    async onScanKeydown(ev) {
        if (ev.key !== "Enter") {
            return;
        }
        ev.preventDefault();
        ev.stopPropagation();
        await this.props.record.update({
            [this.props.name]: this.parse(ev.target.value),
        });
        await this.env.onClickViewButton({
            clickParams: {type: "object", name: this.props.action || "action_scan"},
            getResParams: () =>
                pick(
                    this.props.record,
                    "context",
                    "evalContext",
                    "resModel",
                    "resId",
                    "resIds"
                ),
        });
    }
}

export const jitScanCharField = {
    ...charField,
    component: JitScanCharField,
    extractProps: (fieldInfo, dynamicInfo) => ({
        ...charField.extractProps(fieldInfo, dynamicInfo),
        action: fieldInfo.options.action,
    }),
};

registry.category("fields").add("jit_scan_char", jitScanCharField);
