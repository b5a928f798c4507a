# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.float_utils import float_compare

from .account_move import COMPUTED_FIELDS
from .account_move_line import MATCH_FIELDS

# Changing one of these recomputes the match and approval of open bills.
BILL_SETTINGS = {
    "jit_match_enabled",
    "jit_match_tolerance_percent",
    "jit_match_tolerance_amount",
    "jit_approval_threshold",
}


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

    @api.constrains(
        "jit_match_tolerance_percent",
        "jit_match_tolerance_amount",
        "jit_approval_threshold",
        "jit_bank_cooling_days",
    )
    def _check_jit_payables_settings(self):
        for company in self:
            negative = [
                company._fields[name].get_description(self.env)["string"]
                for name in (
                    "jit_match_tolerance_percent",
                    "jit_match_tolerance_amount",
                    "jit_approval_threshold",
                    "jit_bank_cooling_days",
                )
                if company[name] < 0
            ]
            if negative:
                raise ValidationError(
                    self.env._(
                        "%(settings)s of %(company)s cannot be negative; set 0 to "
                        "turn the rule off (Settings > Just in Time > Payables).",
                        settings=", ".join(negative),
                        company=company.name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if BILL_SETTINGS & set(vals):
            self._jit_recompute_open_bills()
        return result

    def _jit_recompute_open_bills(self):
        """Recompute match and approval of the companies' unpaid vendor bills.

        Paid bills keep the status they were paid with.
        """
        bills = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("company_id", "in", self.ids),
                    ("move_type", "=", "in_invoice"),
                    ("state", "in", ("draft", "posted")),
                    ("payment_state", "in", ("not_paid", "partial")),
                ]
            )
        )
        lines = bills.invoice_line_ids.filtered("purchase_line_id")
        for name in MATCH_FIELDS:
            self.env.add_to_compute(lines._fields[name], lines)
        for name in COMPUTED_FIELDS:
            self.env.add_to_compute(bills._fields[name], bills)

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
