from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

TRIGGERS = [
    ("vendor_price", "Vendor Price Line"),
    ("purchase", "Purchase Order Confirmed"),
    ("bill", "Vendor Bill Posted"),
    ("manual", "Manual Recompute"),
    ("scheduled", "Scheduled Recompute"),
    ("what_if", "What-if Simulation"),
]

SOURCE_DOCUMENTS = [
    ("product.supplierinfo", "Vendor Price Line"),
    ("purchase.order", "Purchase Order"),
    ("account.move", "Vendor Bill"),
]


class JitPriceChange(models.Model):
    _name = "jit.price.change"
    _description = "JIT Pricing: Price Change"
    _order = "date_effective desc, id desc"
    _rec_name = "product_tmpl_id"

    product_tmpl_id = fields.Many2one(
        "product.template",
        string="Product",
        required=True,
        index=True,
        ondelete="cascade",
        help="The product whose selling price changed or would change.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="The company whose rule and costs produced this change.",
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        help="Company currency: costs and prices are expressed in it.",
    )
    old_cost = fields.Monetary(
        help="Cost used by the previous change of this product, or the product's "
        "cost when there was none.",
    )
    new_cost = fields.Monetary(
        help="Cost found now, in company currency and per unit of the product's "
        "unit of measure, vendor discount deducted.",
    )
    old_price = fields.Monetary(help="Selling price before the change.")
    new_price = fields.Monetary(help="Selling price after the change.")
    change_percent = fields.Float(
        string="Change (%)",
        aggregator="avg",
        help="(new price - old price) / old price, in percent; 100 when the old "
        "price was 0.",
    )
    new_margin_percent = fields.Float(
        string="New Margin (%)",
        aggregator="avg",
        help="(new price - new cost) / new price, in percent.",
    )
    rule_id = fields.Many2one(
        "jit.markup.rule",
        ondelete="set null",
        help="The markup rule that computed the new price.",
    )
    trigger = fields.Selection(
        TRIGGERS,
        required=True,
        default="manual",
        help="What started the recompute.",
    )
    source_document = fields.Reference(
        SOURCE_DOCUMENTS,
        help="The document the new cost was read from: a vendor price line, a "
        "purchase order or a vendor bill.",
    )
    user_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        help="Who started the change (or approved or rejected it).",
    )
    state = fields.Selection(
        [("proposed", "Proposed"), ("applied", "Applied"), ("rejected", "Rejected")],
        required=True,
        default="proposed",
        index=True,
        help="Applied: the selling price was changed. Proposed: waiting for a "
        "pricing manager. Rejected: refused or replaced by a newer proposal.",
    )
    date_effective = fields.Datetime(
        string="Effective Date",
        default=fields.Datetime.now,
        help="When the change was applied, proposed or rejected.",
    )
    note = fields.Char(help="Why the change was proposed, replaced or rejected.")

    @api.depends("product_tmpl_id", "new_price", "state")
    def _compute_display_name(self):
        for change in self:
            change.display_name = self.env._(
                "%(product)s: %(price)s (%(state)s)",
                product=change.product_tmpl_id.display_name,
                price=change.new_price,
                state=dict(self._fields["state"]._description_selection(self.env))[
                    change.state
                ],
            )

    def _check_pricing_manager(self):
        if not self.env.user.has_group("jit_pricing.group_jit_pricing_manager"):
            raise AccessError(
                self.env._(
                    "Only a pricing manager (group Pricing JIT: Manager) can "
                    "approve or reject price changes."
                )
            )

    def action_approve(self):
        """Apply the selected proposals' new prices."""
        self._check_pricing_manager()
        not_proposed = self.filtered(lambda change: change.state != "proposed")
        if not_proposed:
            raise UserError(
                self.env._(
                    "Only proposed price changes can be approved; these are not: "
                    "%(changes)s.",
                    changes=", ".join(not_proposed.mapped("display_name")),
                )
            )
        self._apply()
        return True

    def action_reject(self):
        """Refuse the selected proposals; the selling prices stay as they are."""
        self._check_pricing_manager()
        not_proposed = self.filtered(lambda change: change.state != "proposed")
        if not_proposed:
            raise UserError(
                self.env._(
                    "Only proposed price changes can be rejected; these are not: "
                    "%(changes)s.",
                    changes=", ".join(not_proposed.mapped("display_name")),
                )
            )
        self.sudo().write(
            {
                "state": "rejected",
                "user_id": self.env.user.id,
                "date_effective": fields.Datetime.now(),
            }
        )
        return True

    def _apply(self):
        """Write the new selling prices and mark the changes applied."""
        for change in self.sudo():
            change.product_tmpl_id.with_context(
                jit_pricing_no_trigger=True
            ).list_price = change.new_price
        self.sudo().write(
            {
                "state": "applied",
                "user_id": self.env.user.id,
                "date_effective": fields.Datetime.now(),
            }
        )
