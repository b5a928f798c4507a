from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jit_default_policy_id = fields.Many2one(
        related="company_id.jit_default_policy_id",
        readonly=False,
        domain="[('company_id', '=', company_id)]",
        help="Policy proposed when reorder rules are put under JIT without "
        "choosing one.",
    )
    jit_holding_cost_rate = fields.Float(
        related="company_id.jit_holding_cost_rate",
        readonly=False,
        help="Yearly cost of keeping stock, in percent of its value; the cash "
        "view shows value x rate / 12 per month.",
    )
    jit_alert_user_id = fields.Many2one(
        related="company_id.jit_alert_user_id",
        readonly=False,
        help="User who receives stockout alerts when the vendor has no buyer.",
    )
    jit_lost_card_days = fields.Integer(
        related="company_id.jit_lost_card_days",
        readonly=False,
        help="A kanban card in circulation that has not been scanned, counted or "
        "come back with goods for more than this many days is flagged lost.",
    )
