from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jit_pricing_approval_threshold = fields.Float(
        related="company_id.jit_pricing_approval_threshold",
        readonly=False,
        help="A selling price change of at least this percentage waits for a "
        "pricing manager's approval. 0 applies every change at once.",
    )
    jit_pricing_margin_floor = fields.Float(
        related="company_id.jit_pricing_margin_floor",
        readonly=False,
        help="Minimum margin on customer invoice lines; lines under it need a "
        "pricing manager and a reason to be posted. 0 turns the guard off.",
    )
    jit_pricing_price_jump_percent = fields.Float(
        related="company_id.jit_pricing_price_jump_percent",
        readonly=False,
        help="Flag purchase order lines priced more than this percentage above "
        "the vendor's last price. 0 turns the alert off.",
    )
