from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    jit_pricing_approval_threshold = fields.Float(
        string="Price Change Approval Threshold (%)",
        help="A selling price change of at least this percentage of the current "
        "price waits for a pricing manager's approval; smaller changes apply at "
        "once. 0 applies every change at once.",
    )
    jit_pricing_margin_floor = fields.Float(
        string="Invoice Margin Floor (%)",
        help="Customer invoice lines whose margin is under this percentage can "
        "only be posted by a pricing manager, with a reason. A markup rule may set "
        "its own floor for the products it covers. 0 turns the guard off.",
    )
    jit_pricing_price_jump_percent = fields.Float(
        string="Price Jump Alert (%)",
        help="A purchase order line priced more than this percentage above the "
        "last price from the same vendor is flagged on the order and an activity "
        "is scheduled for the purchase manager. 0 turns the alert off.",
    )

    @api.constrains(
        "jit_pricing_approval_threshold",
        "jit_pricing_margin_floor",
        "jit_pricing_price_jump_percent",
    )
    def _check_jit_pricing_settings(self):
        for company in self:
            if company.jit_pricing_approval_threshold < 0:
                raise ValidationError(
                    self.env._(
                        "Company %(company)s: the price change approval threshold "
                        "cannot be negative. Set 0 or more in Settings > Just in "
                        "Time > Pricing.",
                        company=company.name,
                    )
                )
            if not 0 <= company.jit_pricing_margin_floor < 100:
                raise ValidationError(
                    self.env._(
                        "Company %(company)s: the invoice margin floor must be at "
                        "least 0 %% and under 100 %%. Fix it in Settings > Just in "
                        "Time > Pricing.",
                        company=company.name,
                    )
                )
            if company.jit_pricing_price_jump_percent < 0:
                raise ValidationError(
                    self.env._(
                        "Company %(company)s: the price jump alert cannot be "
                        "negative. Set 0 (off) or more in Settings > Just in Time "
                        "> Pricing.",
                        company=company.name,
                    )
                )
