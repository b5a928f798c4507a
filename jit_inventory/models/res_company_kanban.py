from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    jit_lost_card_days = fields.Integer(
        string="Lost-Card Days",
        default=30,
        help="A kanban card in circulation that has not been scanned, counted or "
        "come back with goods for more than this many days is flagged lost.",
    )
