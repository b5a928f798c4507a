from odoo import api, fields, models
from odoo.exceptions import ValidationError

GRADES = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D"), ("E", "E")]


class ResCompany(models.Model):
    _inherit = "res.company"

    jit_scorecard_grace_days = fields.Integer(
        string="Scorecard Grace Days",
        default=0,
        help="Days a receipt may arrive after the promised date and still count "
        "as on time in supplier scorecards.",
    )
    jit_scorecard_prior_receipts = fields.Integer(
        string="Scorecard Prior Weight (receipts)",
        default=5,
        help="How many receipts' worth of weight the company average carries in "
        "a vendor's score. A vendor with few receipts is pulled toward the "
        "company average; with many receipts its own results dominate.",
    )
    jit_weight_on_time = fields.Float(
        string="Weight: On Time",
        default=35.0,
        help="Weight of the on-time rate in the vendor score.",
    )
    jit_weight_in_full = fields.Float(
        string="Weight: In Full",
        default=35.0,
        help="Weight of the in-full rate in the vendor score.",
    )
    jit_weight_quality = fields.Float(
        string="Weight: Quality",
        default=15.0,
        help="Weight of quality (100 minus the return rate) in the vendor score.",
    )
    jit_weight_price = fields.Float(
        string="Weight: Price Stability",
        default=10.0,
        help="Weight of price stability in the vendor score.",
    )
    jit_weight_lead_time = fields.Float(
        string="Weight: Lead-Time Consistency",
        default=5.0,
        help="Weight of lead-time consistency (100 x (1 - standard deviation / "
        "mean lead time)) in the vendor score.",
    )
    jit_minimum_vendor_grade = fields.Selection(
        GRADES,
        string="Minimum Vendor Grade",
        help="Vendors graded below this grade are flagged on the JIT reorder "
        "rules they supply, and another vendor of the product with a better "
        "grade is suggested. Leave empty to flag nobody.",
    )
    jit_readiness_window_days = fields.Integer(
        string="Readiness Look-Back (days)",
        default=90,
        help="Number of past days of receipts, deliveries and purchases that a "
        "JIT readiness assessment looks at.",
    )

    @api.constrains(
        "jit_scorecard_grace_days",
        "jit_scorecard_prior_receipts",
        "jit_weight_on_time",
        "jit_weight_in_full",
        "jit_weight_quality",
        "jit_weight_price",
        "jit_weight_lead_time",
        "jit_readiness_window_days",
    )
    def _check_jit_readiness_settings(self):
        for company in self:
            weights = company._get_jit_scorecard_weights()
            if min(weights.values()) < 0 or not sum(weights.values()):
                raise ValidationError(
                    self.env._(
                        "The scorecard weights of %(company)s must be zero or more "
                        "and not all zero. Fix them in Settings > Just in Time > "
                        "Supplier Scorecard.",
                        company=company.display_name,
                    )
                )
            if (
                company.jit_scorecard_grace_days < 0
                or company.jit_scorecard_prior_receipts < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Grace days and prior weight of %(company)s cannot be "
                        "negative. Fix them in Settings > Just in Time > "
                        "Supplier Scorecard.",
                        company=company.display_name,
                    )
                )
            if company.jit_readiness_window_days < 1:
                raise ValidationError(
                    self.env._(
                        "The readiness look-back of %(company)s must be at least "
                        "one day. Fix it in Settings > Just in Time > JIT "
                        "Readiness.",
                        company=company.display_name,
                    )
                )

    def _get_jit_scorecard_weights(self):
        """Weights of the score components, by component name."""
        self.ensure_one()
        return {
            "on_time": self.jit_weight_on_time,
            "in_full": self.jit_weight_in_full,
            "quality": self.jit_weight_quality,
            "price": self.jit_weight_price,
            "lead_time": self.jit_weight_lead_time,
        }

    def _get_jit_timezone(self):
        """Time zone whose calendar days scorecards compare: the company's."""
        self.ensure_one()
        return self.partner_id.tz or "UTC"
