from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class JitMarginOverrideWizard(models.TransientModel):
    _name = "jit.margin.override.wizard"
    _description = "JIT Pricing: Post Invoices Under the Margin Floor"

    move_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        required=True,
        help="The customer invoices to post although some lines are under the "
        "margin floor.",
    )
    lines_summary = fields.Text(
        string="Lines Under the Floor",
        compute="_compute_lines_summary",
        help="Each line under its floor, with its margin and the floor.",
    )
    reason = fields.Text(
        required=True,
        help="Why these prices are accepted; it is written in each invoice's chatter.",
    )

    @api.depends("move_ids")
    def _compute_lines_summary(self):
        for wizard in self:
            lines = wizard.move_ids._jit_lines_below_floor()
            wizard.lines_summary = "\n".join(
                wizard.move_ids._jit_describe_lines(line) for line in lines
            )

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("jit_pricing.group_jit_pricing_manager"):
            raise AccessError(
                self.env._(
                    "Only a pricing manager (Pricing JIT: Manager) can post "
                    "invoices under the margin floor."
                )
            )
        if not (self.reason or "").strip():
            raise UserError(
                self.env._("Give the reason for posting under the margin floor.")
            )
        self.move_ids.with_context(
            jit_pricing_floor_reason=self.reason.strip()
        ).action_post()
        return {"type": "ir.actions.act_window_close"}
