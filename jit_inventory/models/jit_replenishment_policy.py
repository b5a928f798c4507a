from odoo import api, fields, models
from odoo.exceptions import ValidationError


class JitReplenishmentPolicy(models.Model):
    """How JIT reorder rules are sized: service level, look-back window,
    review period and scope. Rules attached to a policy get their minimum and
    maximum recomputed from demand and lead-time history."""

    _name = "jit.replenishment.policy"
    _description = "JIT Replenishment Policy"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, help="Name shown on rules.")
    sequence = fields.Integer(default=10, help="Order of policies in lists.")
    active = fields.Boolean(
        default=True, help="Archived policies are no longer recomputed."
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="Company whose rules this policy sizes.",
    )
    service_level = fields.Float(
        string="Service Level (%)",
        default=95.0,
        help="Share of replenishment cycles that should end without a stockout. "
        "95 % gives a safety factor z of 1.645; 99 % gives 2.326.",
    )
    demand_window_days = fields.Integer(
        string="Demand Window (days)",
        default=90,
        help="Number of past calendar days (today excluded) whose demand is "
        "averaged into the average daily usage.",
    )
    review_period_days = fields.Float(
        string="Review Period (days)",
        default=7.0,
        help="Days between two orders for the same product. The maximum covers "
        "the demand of one review period above the minimum.",
    )
    exclude_stockout_days = fields.Boolean(
        string="Leave Out Stockout Days",
        help="Leave out of the window the days on which the product had no stock "
        "at the start and at the end of the day, so that a stockout does not "
        "shrink the next order.",
    )
    lead_time_min_receipts = fields.Integer(
        string="Receipts for Actual Lead Time",
        default=3,
        help="Number of done receipts needed before the measured lead time "
        "(PO confirmation to receipt) replaces the vendor's promised delay, first "
        "per vendor and product, then per vendor.",
    )
    lead_time_history_receipts = fields.Integer(
        string="Receipts Kept for Lead Time",
        default=20,
        help="Only the most recent receipts of a vendor (and product) are used "
        "for its lead-time mean and standard deviation.",
    )
    product_category_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Limit the policy to these categories and their children, for "
        "example to pilot JIT on one product line. Empty: every category.",
    )
    apply_mode = fields.Selection(
        [("auto", "Apply"), ("suggest", "Suggest only")],
        required=True,
        default="auto",
        help="Apply: the recompute writes the rule's minimum and maximum. Suggest "
        "only: it stores the suggested values and leaves the rule as it is.",
    )
    orderpoint_ids = fields.One2many(
        "stock.warehouse.orderpoint",
        "jit_policy_id",
        string="Reorder Rules",
        help="Reorder rules sized by this policy.",
    )
    orderpoint_count = fields.Integer(
        compute="_compute_orderpoint_count", help="Number of rules on this policy."
    )

    @api.depends("orderpoint_ids")
    def _compute_orderpoint_count(self):
        counts = dict(
            self.env["stock.warehouse.orderpoint"]._read_group(
                [("jit_policy_id", "in", self.ids)], ["jit_policy_id"], ["__count"]
            )
        )
        for policy in self:
            policy.orderpoint_count = counts.get(policy, 0)

    @api.constrains("service_level")
    def _check_service_level(self):
        for policy in self:
            if not 0.0 < policy.service_level < 100.0:
                raise ValidationError(
                    self.env._(
                        "The service level of policy %(policy)s is %(level)s %%; "
                        "it must be above 0 and below 100 (for example 95). "
                        "Change it on the policy form.",
                        policy=policy.name,
                        level=policy.service_level,
                    )
                )

    @api.constrains("demand_window_days")
    def _check_demand_window_days(self):
        for policy in self:
            if policy.demand_window_days < 1:
                raise ValidationError(
                    self.env._(
                        "The demand window of policy %(policy)s is %(days)s days; "
                        "it must be at least 1 day (90 is a common choice).",
                        policy=policy.name,
                        days=policy.demand_window_days,
                    )
                )

    @api.constrains("review_period_days")
    def _check_review_period_days(self):
        for policy in self:
            if policy.review_period_days < 0:
                raise ValidationError(
                    self.env._(
                        "The review period of policy %(policy)s is %(days)s days; "
                        "it cannot be negative. Use 0 to order as soon as the "
                        "minimum is reached.",
                        policy=policy.name,
                        days=policy.review_period_days,
                    )
                )

    @api.constrains("lead_time_min_receipts", "lead_time_history_receipts")
    def _check_lead_time_receipts(self):
        for policy in self:
            if (
                policy.lead_time_min_receipts < 1
                or policy.lead_time_history_receipts < policy.lead_time_min_receipts
            ):
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s needs at least 1 receipt for the actual "
                        "lead time, and keeps at least as many receipts as it "
                        "needs.",
                        policy=policy.name,
                    )
                )

    def _covers_category(self, category):
        """Whether ``category`` is in the policy's scope (children included)."""
        self.ensure_one()
        if not self.product_category_ids:
            return True
        scope_ids = set(self.product_category_ids.ids)
        return any(
            int(parent_id) in scope_ids
            for parent_id in (category.parent_path or "").split("/")
            if parent_id
        )

    def action_view_orderpoints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jit_inventory.action_jit_orderpoint"
        )
        action["domain"] = [("jit_policy_id", "=", self.id)]
        action["context"] = {"default_jit_policy_id": self.id}
        return action

    def action_recompute(self):
        """Recompute every rule of the selected policies now."""
        self.env["stock.warehouse.orderpoint"].search(
            [("jit_policy_id", "in", self.ids)]
        ).action_jit_recompute()
        return True
