from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    jit_below_floor_warning = fields.Char(
        string="Margin Floor Warning",
        compute="_compute_jit_below_floor_warning",
        help="Lines of this customer invoice whose margin is under the floor.",
    )

    @api.depends(
        "move_type",
        "invoice_line_ids.jit_below_floor",
        "invoice_line_ids.jit_margin_percent",
    )
    def _compute_jit_below_floor_warning(self):
        for move in self:
            lines = move._jit_lines_below_floor()
            move.jit_below_floor_warning = (
                move._jit_describe_lines(lines) if lines else False
            )

    def _jit_margin_guard_active(self):
        """Whether any floor is set for these moves' companies, so that the guard
        costs nothing while pricing is not configured."""
        companies = self.company_id
        if any(companies.mapped("jit_pricing_margin_floor")):
            return True
        return bool(
            self.env["jit.markup.rule"]
            .sudo()
            .search_count(
                [
                    ("company_id", "in", companies.ids),
                    ("margin_floor_percent", ">", 0),
                ],
                limit=1,
            )
        )

    def _jit_lines_below_floor(self):
        invoices = self.filtered(lambda move: move.move_type == "out_invoice")
        if not invoices or not invoices._jit_margin_guard_active():
            return self.env["account.move.line"]
        return invoices.invoice_line_ids.filtered("jit_below_floor")

    def _jit_describe_lines(self, lines):
        """One phrase per line; the invoice is named when there are several."""
        several = len(lines.move_id) > 1
        phrases = []
        for line in lines:
            phrase = self.env._(
                "%(product)s: margin %(margin).2f %% under floor %(floor).2f %%",
                product=line.product_id.display_name,
                margin=line.jit_margin_percent,
                floor=line.jit_margin_floor_percent,
            )
            if several:
                phrase = f"{line.move_id.display_name.strip()}, {phrase}"
            phrases.append(phrase)
        return "; ".join(phrases)

    def _jit_is_pricing_manager(self):
        return self.env.user.has_group("jit_pricing.group_jit_pricing_manager")

    def action_post(self):
        if not self.env.context.get("jit_pricing_floor_reason"):
            below = self._jit_lines_below_floor()
            if below and self._jit_is_pricing_manager():
                return {
                    "type": "ir.actions.act_window",
                    "name": self.env._("Post under the margin floor"),
                    "res_model": "jit.margin.override.wizard",
                    "view_mode": "form",
                    "target": "new",
                    "context": {
                        "default_move_ids": [fields.Command.set(below.move_id.ids)]
                    },
                }
        return super().action_post()

    def _post(self, soft=True):
        below = self._jit_lines_below_floor()
        reason = self.env.context.get("jit_pricing_floor_reason")
        if below:
            if not self._jit_is_pricing_manager():
                raise UserError(
                    self.env._(
                        "These invoice lines are under the margin floor: "
                        "%(lines)s. Raise their prices, or ask a pricing manager "
                        "(Pricing JIT: Manager) to post the invoice with a reason.",
                        lines=self._jit_describe_lines(below),
                    )
                )
            if not reason:
                raise UserError(
                    self.env._(
                        "These invoice lines are under the margin floor: "
                        "%(lines)s. Post the invoice with its Confirm button to "
                        "give the reason for the exception.",
                        lines=self._jit_describe_lines(below),
                    )
                )
        posted = super()._post(soft=soft)
        if below:
            for move in below.move_id & posted:
                move.message_post(
                    body=Markup("%s<br/>%s<br/>%s")
                    % (
                        self.env._(
                            "Posted under the margin floor by a pricing manager."
                        ),
                        self.env._("Reason: %(reason)s", reason=reason),
                        move._jit_describe_lines(below & move.invoice_line_ids),
                    )
                )
        bills = posted.filtered(lambda move: move.move_type == "in_invoice")
        if bills and not self.env.context.get("jit_pricing_no_trigger"):
            engine = self.env["jit.pricing.engine"]
            for company in bills.company_id:
                if engine._active_rules(company):
                    company_bills = bills.filtered(
                        lambda m, c=company: m.company_id == c
                    )
                    engine.recompute(
                        company_bills.invoice_line_ids.product_id.product_tmpl_id,
                        "bill",
                        company,
                    )
        return posted
