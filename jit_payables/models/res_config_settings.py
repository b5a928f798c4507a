# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jit_match_enabled = fields.Boolean(
        related="company_id.jit_match_enabled",
        readonly=False,
        help="Hold vendor bills whose quantities or prices differ from the "
        "purchase order and receipts beyond the tolerances.",
    )
    jit_match_tolerance_percent = fields.Float(
        related="company_id.jit_match_tolerance_percent",
        readonly=False,
        help="Largest accepted variance in percent.",
    )
    jit_match_tolerance_amount = fields.Monetary(
        related="company_id.jit_match_tolerance_amount",
        readonly=False,
        help="Largest accepted variance per bill line, in company currency.",
    )
    jit_approval_threshold = fields.Monetary(
        related="company_id.jit_approval_threshold",
        readonly=False,
        help="Bills of this total or more need a second person's approval; "
        "0 turns approval off.",
    )
    jit_bank_cooling_days = fields.Integer(
        related="company_id.jit_bank_cooling_days",
        readonly=False,
        help="Days a new or changed vendor bank account waits before runs use it.",
    )
    jit_nacha_company_identification = fields.Char(
        related="company_id.jit_nacha_company_identification",
        readonly=False,
        help="ACH company identification given by your bank.",
    )
    jit_nacha_immediate_origin = fields.Char(
        related="company_id.jit_nacha_immediate_origin",
        readonly=False,
        help="ACH immediate origin agreed with your bank.",
    )
