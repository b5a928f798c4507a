# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools.float_utils import float_compare


class ResCompany(models.Model):
    _inherit = "res.company"

    jit_match_enabled = fields.Boolean(
        string="Three-Way Match",
        help="Compare each vendor bill line linked to a purchase order line with "
        "the received quantity and the ordered price; bills out of tolerance are "
        "put on hold. Off: bills behave as in standard Odoo.",
    )
    jit_match_tolerance_percent = fields.Float(
        string="Match Tolerance (%)",
        help="Largest accepted variance, in percent of the received quantity or "
        "of the ordered price. 0 accepts no variance unless an amount tolerance "
        "is set.",
    )
    jit_match_tolerance_amount = fields.Monetary(
        string="Match Tolerance (Amount)",
        currency_field="currency_id",
        help="Largest accepted variance per bill line, in company currency. "
        "0 means no amount limit when a percent tolerance is set.",
    )
    jit_approval_threshold = fields.Monetary(
        string="Bill Approval Threshold",
        currency_field="currency_id",
        help="Vendor bills of this total or more (company currency) must be "
        "approved by a payables manager who neither created nor last edited "
        "them before they can be paid. 0 turns approval off.",
    )
    jit_bank_cooling_days = fields.Integer(
        string="Bank Account Cooling-Off (Days)",
        help="A vendor bank account added or changed is not used by payment runs "
        "for this many days, and someone is asked to confirm it with the vendor. "
        "0 turns the rule off.",
    )
    jit_nacha_company_identification = fields.Char(
        string="ACH Company Identification",
        size=10,
        help="The 10-character identification your bank gave you for ACH files "
        "(often 1 followed by the tax ID). Written in NACHA batch records.",
    )
    jit_nacha_immediate_origin = fields.Char(
        string="ACH Immediate Origin",
        size=10,
        help="The 10-character origin of NACHA files agreed with your bank, "
        "usually your tax ID. Written in the NACHA file header.",
    )

    def _jit_variance_within_tolerance(self, percent, amount):
        """True when a variance (percent and company-currency amount) is accepted.

        Both limits apply when set; a limit at 0 is not applied, and with both
        at 0 no variance is accepted.
        """
        self.ensure_one()
        limit_percent = self.jit_match_tolerance_percent
        limit_amount = self.jit_match_tolerance_amount
        rounding = self.currency_id.rounding
        if not limit_percent and not limit_amount:
            return float_compare(amount, 0.0, precision_rounding=rounding) <= 0
        if limit_percent and float_compare(percent, limit_percent, 6) > 0:
            return False
        if limit_amount and (
            float_compare(amount, limit_amount, precision_rounding=rounding) > 0
        ):
            return False
        return True
