from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    jit_default_policy_id = fields.Many2one(
        "jit.replenishment.policy",
        string="Default JIT Policy",
        help="Policy proposed when reorder rules are put under JIT without "
        "choosing one.",
    )
