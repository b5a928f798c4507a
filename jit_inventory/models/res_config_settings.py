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
