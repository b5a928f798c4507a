import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_round


class JitMarkupRule(models.Model):
    _name = "jit.markup.rule"
    _description = "JIT Pricing: Markup Rule"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        help="A short name that says what the rule is for, such as "
        "'Office supplies: 40 % markup'.",
    )
    sequence = fields.Integer(
        string="Priority",
        default=10,
        help="Rules are tried from the lowest number up; the first rule that "
        "covers a product prices it.",
    )
    active = fields.Boolean(
        default=True, help="Archived rules price nothing and are kept for history."
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="The company whose selling prices and costs this rule uses.",
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        help="Currency of the company: costs are converted to it before pricing.",
    )
    scope = fields.Selection(
        [
            ("product", "Product"),
            ("category", "Product Category"),
            ("vendor", "Vendor"),
            ("all", "All Products"),
        ],
        required=True,
        default="all",
        help="Which products the rule covers: one product, a category and its "
        "sub-categories, the products a vendor sells us, or every product.",
    )
    product_tmpl_id = fields.Many2one(
        "product.template",
        string="Product",
        help="The product this rule prices, when the scope is Product.",
    )
    categ_id = fields.Many2one(
        "product.category",
        string="Category",
        help="The category (sub-categories included) this rule prices, when the "
        "scope is Product Category.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Vendor",
        help="With the scope Vendor: the rule covers products that have a price "
        "line from this vendor, and their cost is taken from this vendor only.",
    )
    cost_basis = fields.Selection(
        [
            ("vendor_price", "Preferred Vendor Price Line"),
            ("last_purchase", "Last Purchase Order Price"),
            ("last_bill", "Last Posted Vendor Bill Price"),
        ],
        required=True,
        default="vendor_price",
        help="Where the cost comes from. It is taken net of the vendor discount, "
        "converted to the company currency at the document date and to the "
        "product's unit of measure.",
    )
    method = fields.Selection(
        [("markup", "Markup on Cost"), ("margin", "Target Margin on Price")],
        required=True,
        default="markup",
        help="Markup: price = cost x (1 + markup). Target margin: price = cost / "
        "(1 - margin). A 50 % markup on 50.00 sells at 75.00; a 50 % margin sells "
        "at 100.00.",
    )
    markup_percent = fields.Float(
        string="Markup (%)",
        help="Percentage added to the cost. It cannot be negative: that would sell "
        "under cost.",
    )
    margin_percent = fields.Float(
        string="Target Margin (%)",
        help="Share of the selling price kept as margin, from 0 up to (but not "
        "including) 100.",
    )
    rounding_step = fields.Float(
        digits="Product Price",
        help="Prices are rounded UP to the next multiple of this step plus the "
        "ending: step 1.00 and ending 0.99 give 12.99, 13.99...; step 0.05 and "
        "ending 0 give 12.05, 12.10... 0 rounds up to the currency's cent only.",
    )
    rounding_ending = fields.Float(
        string="Price Ending",
        digits="Product Price",
        help="Added to each multiple of the step, such as 0.99; must be smaller "
        "than the step.",
    )
    price_min = fields.Float(
        string="Minimum Price",
        digits="Product Price",
        help="The computed price is raised to this value when under it. 0: none.",
    )
    price_max = fields.Float(
        string="Maximum Price",
        digits="Product Price",
        help="The computed price is lowered to this value when above it, even if "
        "the margin suffers. 0: none.",
    )
    margin_floor_percent = fields.Float(
        string="Invoice Margin Floor (%)",
        help="Minimum margin on customer invoice lines of the products this rule "
        "covers; replaces the company floor when set. 0: the company floor applies.",
    )
    price_change_ids = fields.One2many(
        "jit.price.change",
        "rule_id",
        string="Price Changes",
        help="Every price change this rule made or proposed.",
    )

    @api.constrains("method", "markup_percent", "margin_percent")
    def _check_markup_and_margin(self):
        for rule in self:
            if rule.method == "markup" and rule.markup_percent < 0:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: a markup of %(markup)s %% would sell under "
                        "cost. Enter a markup of 0 %% or more.",
                        rule=rule.name,
                        markup=rule.markup_percent,
                    )
                )
            if rule.method == "margin" and not 0 <= rule.margin_percent < 100:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: a target margin of %(margin)s %% is not "
                        "possible; the margin is a share of the price and must be "
                        "at least 0 %% and under 100 %%.",
                        rule=rule.name,
                        margin=rule.margin_percent,
                    )
                )

    @api.constrains("rounding_step", "rounding_ending", "price_min", "price_max")
    def _check_rounding_and_bounds(self):
        for rule in self:
            if rule.rounding_step < 0 or rule.rounding_ending < 0:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the rounding step and the price ending "
                        "cannot be negative.",
                        rule=rule.name,
                    )
                )
            if rule.rounding_ending and rule.rounding_ending >= rule.rounding_step:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the price ending %(ending)s must be smaller "
                        "than the rounding step %(step)s (for an ending of 0.99, "
                        "use a step of 1.00).",
                        rule=rule.name,
                        ending=rule.rounding_ending,
                        step=rule.rounding_step,
                    )
                )
            if rule.price_min < 0 or rule.price_max < 0:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: minimum and maximum prices cannot be negative.",
                        rule=rule.name,
                    )
                )
            if rule.price_max and rule.price_min > rule.price_max:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the minimum price %(minimum)s is above the "
                        "maximum price %(maximum)s.",
                        rule=rule.name,
                        minimum=rule.price_min,
                        maximum=rule.price_max,
                    )
                )

    @api.constrains("margin_floor_percent")
    def _check_margin_floor(self):
        for rule in self:
            if not 0 <= rule.margin_floor_percent < 100:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the invoice margin floor must be at least "
                        "0 %% and under 100 %%.",
                        rule=rule.name,
                    )
                )

    @api.constrains("scope", "product_tmpl_id", "categ_id", "partner_id")
    def _check_scope_target(self):
        for rule in self:
            missing = {
                "product": not rule.product_tmpl_id,
                "category": not rule.categ_id,
                "vendor": not rule.partner_id,
            }.get(rule.scope)
            if missing:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the scope is %(scope)s but no %(scope)s is "
                        "chosen. Pick one in the rule's Scope section.",
                        rule=rule.name,
                        scope=dict(
                            self._fields["scope"]._description_selection(self.env)
                        )[rule.scope],
                    )
                )

    def _covers(self, template, vendor_ids):
        """Whether this rule prices ``template``, whose price lines come from
        the partners ``vendor_ids``. Meant to be overridden for new scopes."""
        self.ensure_one()
        if self.scope == "product":
            return template == self.product_tmpl_id
        if self.scope == "category":
            return template.categ_id.parent_path.startswith(self.categ_id.parent_path)
        if self.scope == "vendor":
            return self.partner_id.commercial_partner_id.id in vendor_ids
        return True

    def _compute_price(self, cost):
        """Selling price for ``cost`` (company currency, product unit): markup or
        margin, then rounded UP to the next price point, then bounded."""
        self.ensure_one()
        if self.method == "margin":
            raw_price = cost / (1 - self.margin_percent / 100)
        else:
            raw_price = cost * (1 + self.markup_percent / 100)
        price = self._round_up(raw_price)
        if self.price_min and price < self.price_min:
            price = self.price_min
        if self.price_max and price > self.price_max:
            price = self.price_max
        return price

    def _round_up(self, raw_price):
        """Smallest price point (step x n + ending) not under ``raw_price``."""
        self.ensure_one()
        # Six decimals first, so that 10 x 1.33 = 13.300000000000001 is 13.30.
        raw_price = float_round(raw_price, precision_digits=6)
        rounding = self.currency_id.rounding or 0.01
        if not self.rounding_step:
            return float_round(
                raw_price, precision_rounding=rounding, rounding_method="UP"
            )
        steps = float_round(
            (raw_price - self.rounding_ending) / self.rounding_step,
            precision_digits=6,
        )
        price = max(math.ceil(steps), 0) * self.rounding_step + self.rounding_ending
        return float_round(price, precision_rounding=rounding)
