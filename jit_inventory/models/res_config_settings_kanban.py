from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jit_lost_card_days = fields.Integer(
        related="company_id.jit_lost_card_days",
        readonly=False,
        help="A kanban card in circulation that has not been scanned, counted or "
        "come back with goods for more than this many days is flagged lost.",
    )
