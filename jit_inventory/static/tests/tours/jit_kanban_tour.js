/** @odoo-module **/
/*
 * An admin creates a replenishment policy and a kanban loop through the UI,
 * prints the loop's cards, scans one on the scan screen and finds the new
 * request for quotation. The product "Tour Kanban Bolt", its vendor "Tour
 * Kanban Vendor" and the vendor price line are created by the test.
 */
import {registry} from "@web/core/registry";

let scannedBarcode = "";

function menu(xmlid) {
    return `.o_main_navbar [data-menu-xmlid='${xmlid}']`;
}

function menuItem(xmlid) {
    return `.dropdown-item[data-menu-xmlid='${xmlid}']`;
}

function pickInMany2one(fieldName, text) {
    return [
        {
            content: `Type ${text} in ${fieldName}`,
            trigger: `.o_field_widget[name=${fieldName}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Pick ${text}`,
            trigger: `.o_field_widget[name=${fieldName}] .o-autocomplete--dropdown-item a:contains(${text})`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("jit_kanban_loop_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Just in Time app",
            trigger: ".o_app[data-menu-xmlid='base.menu_jit_root']",
            run: "click",
        },
        {
            content: "Open Configuration",
            trigger: menu("base.menu_jit_configuration"),
            run: "click",
        },
        {
            content: "Open the replenishment policies",
            trigger: menuItem("jit_inventory.menu_jit_replenishment_policy"),
            run: "click",
        },
        {
            content: "Create a policy",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name the policy",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Tour kanban policy",
        },
        {
            content: "Save the policy",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Policy saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Open the Inventory menu of the app",
            trigger: menu("jit_inventory.menu_jit_inventory"),
            run: "click",
        },
        {
            content: "Open the kanban loops",
            trigger: menuItem("jit_inventory.menu_jit_kanban_loop"),
            run: "click",
        },
        {
            content: "New loop",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        ...pickInMany2one("product_id", "Tour Kanban Bolt"),
        {
            content: "Container quantity",
            trigger: ".o_field_widget[name=container_qty] input",
            run: "edit 12",
        },
        ...pickInMany2one("vendor_id", "Tour Kanban Vendor"),
        ...pickInMany2one("policy_id", "Tour kanban policy"),
        {
            content: "Save the loop",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Loop saved",
            trigger: ".o_form_saved",
        },
        {
            content: "The loop's cards are created",
            trigger: ".o_field_widget[name=card_ids] .o_data_row td[name=name]",
            run() {
                scannedBarcode = this.anchor.textContent.trim();
            },
        },
        {
            content: "Print the cards, and wait for the download to end",
            trigger: "button[name=action_print_cards]",
            async run(helpers) {
                await helpers.click();
                // The web client blocks the screen while the PDF downloads.
                const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
                const start = Date.now();
                while (!document.querySelector(".o_blockUI") && Date.now() - start < 15000) {
                    await pause();
                }
                while (document.querySelector(".o_blockUI")) {
                    await pause();
                }
            },
        },
        {
            content: "Open the scan screen from the loop",
            trigger: ".o_form_view .o_form_statusbar button:contains(Scan Cards)",
            run: "click",
        },
        {
            content: "Scan the first card as a hand scanner types it",
            trigger: ".o_field_widget[name=barcode] input",
            async run(helpers) {
                await helpers.edit(scannedBarcode);
            },
        },
        {
            content: "The scanner ends with Enter",
            trigger: ".o_field_widget[name=barcode] input",
            run: "press Enter",
        },
        {
            content: "The scan ordered the card from the vendor",
            trigger: ".alert-success .o_jit_scan_message:contains(Tour Kanban Vendor)",
        },
        {
            content: "Open the request for quotation",
            trigger: "button[name=action_open_purchase_order]",
            run: "click",
        },
        {
            content: "The RFQ is the vendor's",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input:value(Tour Kanban Vendor)",
        },
        {
            content: "The RFQ's messages are loaded",
            trigger: ".o_form_view .o-mail-Chatter .o-mail-Thread",
        },
        {
            content: "The RFQ holds one container of the product",
            trigger: ".o_field_widget[name=order_line] .o_data_row:contains(Tour Kanban Bolt):contains(12.00)",
        },
    ],
});
