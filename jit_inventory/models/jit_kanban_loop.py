import logging
import math
import threading

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round

from .jit_demand_statistics import DemandRequest

_logger = logging.getLogger(__name__)

MIN_CARDS = 2
# Cards still in circulation; retired cards are kept for the record only.
CIRCULATING_STATES = ("full", "empty", "ordered", "received")
# Cards away from their shelf: their order (or reorder) is for the loop's
# current product, location and source.
AWAY_STATES = ("empty", "ordered", "received")
# What a card brings back, where to and from where. Changing one of them while
# a card is away strands the card: its receipt would match no card.
CARD_KEY_FIELDS = (
    "product_id",
    "location_id",
    "company_id",
    "source_type",
    "vendor_id",
    "source_location_id",
)


def _as_id(value):
    """A field value as written: the id of a record, False for empty."""
    if isinstance(value, models.BaseModel):
        value = value.id
    return value or False


class JitKanbanLoop(models.Model):
    """A kanban card loop: a fixed number of cards, each standing for one
    container of a product at a location. An empty container's card is scanned
    and brings back one container quantity from the loop's source (a vendor or
    another location). The number of cards follows demand and lead time."""

    _name = "jit.kanban.loop"
    _description = "JIT Kanban Loop"
    _inherit = ["mail.thread"]
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(
        compute="_compute_name",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="Name of the loop, by default the product and its location.",
    )
    active = fields.Boolean(
        default=True, help="Archived loops are no longer resized or scanned."
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="Company that owns the loop, its cards and the orders they create.",
    )
    policy_id = fields.Many2one(
        "jit.replenishment.policy",
        string="Policy",
        required=True,
        check_company=True,
        default=lambda self: self.env.company.jit_default_policy_id,
        help="Replenishment policy whose demand window, stockout rule and "
        "lead-time settings size the loop when the product has no JIT rule at "
        "the loop's location. Its review period is proposed for the loop.",
    )
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        domain="[('is_storable', '=', True)]",
        tracking=True,
        help="Product the cards bring back. Only products tracked in stock.",
    )
    product_uom_id = fields.Many2one(
        related="product_id.uom_id",
        string="Unit",
        help="Unit of measure of the container quantity.",
    )
    location_id = fields.Many2one(
        "stock.location",
        string="Location",
        required=True,
        default=lambda self: self._default_location(),
        check_company=True,
        domain="[('usage', '=', 'internal')]",
        tracking=True,
        help="Stock location where full containers are kept and consumed. Goods "
        "put away here (or in a child location) return a card to Full.",
    )
    warehouse_id = fields.Many2one(
        related="location_id.warehouse_id",
        store=True,
        help="Warehouse of the loop's location: its receipt route and internal "
        "transfer type are used for replenishments.",
    )
    container_qty = fields.Float(
        string="Container Quantity",
        required=True,
        default=1.0,
        digits="Product Unit of Measure",
        tracking=True,
        help="Quantity one card brings back (Q), in the product's unit.",
    )
    source_type = fields.Selection(
        [("vendor", "Vendor"), ("location", "Other location")],
        string="Source",
        required=True,
        default="vendor",
        tracking=True,
        help="Vendor: a scan adds one container to a request for quotation of "
        "the vendor. Other location: a scan creates an internal transfer.",
    )
    vendor_id = fields.Many2one(
        "res.partner",
        string="Vendor",
        check_company=True,
        tracking=True,
        help="Vendor the cards buy from. The product needs a vendor price line "
        "(Purchase tab of the product) for this vendor.",
    )
    source_location_id = fields.Many2one(
        "stock.location",
        string="Source Location",
        check_company=True,
        domain="[('usage', '=', 'internal')]",
        tracking=True,
        help="Location the internal transfer takes the goods from.",
    )
    transfer_lead_days = fields.Float(
        string="Transfer Lead Time (days)",
        default=1.0,
        help="Days between a scan and the goods arriving from the source "
        "location; the lead time of loops fed by another location.",
    )
    review_period_days = fields.Float(
        string="Review Period (days)",
        compute="_compute_review_period_days",
        store=True,
        precompute=True,
        readonly=False,
        help="Days between two looks at the loop's cards (for example between "
        "two collections of empty cards). Proposed from the policy.",
    )
    safety_factor = fields.Float(
        default=0.2,
        help="Extra share of cards against demand and lead-time surprises: 0.2 "
        "adds 20 % to the demand over lead time plus review period.",
    )
    orderpoint_id = fields.Many2one(
        "stock.warehouse.orderpoint",
        string="JIT Rule",
        compute="_compute_orderpoint_id",
        help="JIT reorder rule of the product at the loop's location; when it "
        "exists, its average daily usage (and, for a vendor source, its lead "
        "time) size the loop.",
    )
    average_daily_usage = fields.Float(
        digits="Product Unit of Measure",
        readonly=True,
        help="Average daily usage used at the last sizing.",
    )
    lead_time_days = fields.Float(
        string="Lead Time (days)",
        readonly=True,
        help="Lead time (L) used at the last sizing.",
    )
    sizing_source = fields.Selection(
        [("rule", "JIT rule"), ("history", "Stock history")],
        readonly=True,
        help="Where the demand of the last sizing came from: the product's JIT "
        "rule at the location, or the loop's own computation from done moves.",
    )
    card_target = fields.Integer(
        string="Cards Needed",
        readonly=True,
        help="Number of cards N = ceil(usage x (L + review period) x (1 + safety "
        "factor) / container quantity), at least 2, from the last sizing.",
    )
    sizing_explanation = fields.Text(
        string="How the Cards Were Counted",
        readonly=True,
        help="Inputs and formula behind the number of cards, in words.",
    )
    date_sized = fields.Datetime(
        string="Sized On", readonly=True, help="Date of the last sizing."
    )
    card_ids = fields.One2many(
        "jit.kanban.card",
        "loop_id",
        string="Cards",
        help="Cards in circulation (retired cards are archived).",
    )
    card_count = fields.Integer(
        string="Cards in Circulation",
        compute="_compute_card_counts",
        help="Cards in circulation: full, empty, ordered and received.",
    )
    full_count = fields.Integer(
        string="Full", compute="_compute_card_counts", help="Cards in state Full."
    )
    empty_count = fields.Integer(
        string="Empty", compute="_compute_card_counts", help="Cards in state Empty."
    )
    ordered_count = fields.Integer(
        string="Ordered",
        compute="_compute_card_counts",
        help="Cards whose replenishment is on order.",
    )
    received_count = fields.Integer(
        string="Received",
        compute="_compute_card_counts",
        help="Cards whose goods are in the warehouse but not yet put away.",
    )
    retired_count = fields.Integer(
        string="Retired",
        compute="_compute_card_counts",
        help="Cards taken out of circulation when the loop shrank.",
    )
    lost_count = fields.Integer(
        string="Lost",
        compute="_compute_card_counts",
        help="Cards in circulation not seen for more than the lost-card days of "
        "the company (Settings).",
    )
    surplus_count = fields.Integer(
        string="To Retire",
        compute="_compute_card_counts",
        help="Cards above the number needed; they are retired as they come back "
        "Full.",
    )

    @api.model
    def _default_location(self):
        return (
            self.env["stock.warehouse"]
            .search([("company_id", "=", self.env.company.id)], limit=1)
            .lot_stock_id
        )

    @api.depends("product_id", "location_id")
    def _compute_name(self):
        for loop in self:
            if loop.product_id and loop.location_id:
                loop.name = self.env._(
                    "%(product)s at %(location)s",
                    product=loop.product_id.display_name,
                    location=loop.location_id.display_name,
                )
            elif not loop.name:
                loop.name = False

    @api.depends("policy_id")
    def _compute_review_period_days(self):
        for loop in self:
            if loop.policy_id:
                loop.review_period_days = loop.policy_id.review_period_days
            elif not loop.review_period_days:
                loop.review_period_days = 7.0

    @api.depends("product_id", "location_id", "company_id")
    def _compute_orderpoint_id(self):
        rules = self._jit_rules()
        for loop in self:
            loop.orderpoint_id = rules.get(loop.id, False)

    def _jit_rules(self):
        """JIT rule of each loop's product at its location, in one search."""
        loops = self.filtered(lambda loop: loop.product_id and loop.location_id)
        if not loops:
            return {}
        orderpoints = self.env["stock.warehouse.orderpoint"].search(
            [
                ("product_id", "in", loops.product_id.ids),
                ("location_id", "in", loops.location_id.ids),
                ("company_id", "in", loops.company_id.ids),
                ("jit_policy_id", "!=", False),
            ]
        )
        by_key = {
            (op.product_id.id, op.location_id.id, op.company_id.id): op
            for op in orderpoints
        }
        return {
            loop.id: by_key.get(
                (loop.product_id.id, loop.location_id.id, loop.company_id.id)
            )
            for loop in loops
            if (loop.product_id.id, loop.location_id.id, loop.company_id.id) in by_key
        }

    @api.depends("card_ids.state", "card_ids.date_last_seen", "card_target")
    def _compute_card_counts(self):
        counts = {
            (loop.id, state): count
            for loop, state, count in self.env["jit.kanban.card"]
            .with_context(active_test=False)
            ._read_group(
                [("loop_id", "in", self.ids)], ["loop_id", "state"], ["__count"]
            )
        }
        lost = dict(
            self.env["jit.kanban.card"]._read_group(
                [("loop_id", "in", self.ids), ("is_lost", "=", True)],
                ["loop_id"],
                ["__count"],
            )
        )
        for loop in self:
            for state in ("full", "empty", "ordered", "received", "retired"):
                loop[f"{state}_count"] = counts.get((loop.id, state), 0)
            loop.card_count = sum(
                counts.get((loop.id, state), 0) for state in CIRCULATING_STATES
            )
            loop.lost_count = lost.get(loop, 0)
            loop.surplus_count = max(loop.card_count - loop.card_target, 0)

    @api.constrains("container_qty")
    def _check_container_qty(self):
        for loop in self:
            if loop.container_qty <= 0:
                raise ValidationError(
                    self.env._(
                        "The container quantity of loop %(loop)s is %(qty)s; it "
                        "must be above 0: it is the quantity one card brings "
                        "back.",
                        loop=loop.name,
                        qty=loop.container_qty,
                    )
                )

    @api.constrains("safety_factor", "review_period_days", "transfer_lead_days")
    def _check_non_negative(self):
        for loop in self:
            if (
                min(
                    loop.safety_factor, loop.review_period_days, loop.transfer_lead_days
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Loop %(loop)s has a negative safety factor, review period "
                        "or transfer lead time; use 0 or more.",
                        loop=loop.name,
                    )
                )

    @api.constrains("source_type", "vendor_id", "source_location_id", "location_id")
    def _check_source(self):
        for loop in self:
            if loop.source_type == "vendor" and not loop.vendor_id:
                raise ValidationError(
                    self.env._(
                        "Loop %(loop)s buys from a vendor: choose the vendor.",
                        loop=loop.name,
                    )
                )
            if loop.source_type == "location":
                if not loop.source_location_id:
                    raise ValidationError(
                        self.env._(
                            "Loop %(loop)s is fed by another location: choose the "
                            "source location.",
                            loop=loop.name,
                        )
                    )
                if loop.source_location_id == loop.location_id:
                    raise ValidationError(
                        self.env._(
                            "Loop %(loop)s takes goods from %(location)s into the "
                            "same location; choose another source location.",
                            loop=loop.name,
                            location=loop.location_id.display_name,
                        )
                    )
            if not loop.location_id.warehouse_id:
                raise ValidationError(
                    self.env._(
                        "The location %(location)s of loop %(loop)s belongs to no "
                        "warehouse; choose a stock location of a warehouse.",
                        location=loop.location_id.display_name,
                        loop=loop.name,
                    )
                )

    @api.constrains("source_type", "vendor_id", "product_id", "company_id")
    def _check_vendor_price_line(self):
        """A vendor loop needs a price line of its vendor for its product (the
        one a scan buys with), found as the scan finds it."""
        for loop in self:
            if (
                loop.source_type != "vendor"
                or not loop.vendor_id
                or not loop.product_id
                or loop._vendor_seller()
            ):
                continue
            raise ValidationError(
                self.env._(
                    "Loop %(loop)s buys %(product)s from %(vendor)s, but the "
                    "product has no price line for this vendor (company "
                    "%(company)s), so its cards could not be ordered. Add "
                    "%(vendor)s on the Purchase tab of the product, or choose "
                    "another vendor.",
                    loop=loop.name,
                    product=loop.product_id.display_name,
                    vendor=loop.vendor_id.display_name,
                    company=loop.company_id.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        loops = super().create(vals_list)
        loops._resize()
        return loops

    def write(self, vals):
        self._check_no_card_away(vals)
        result = super().write(vals)
        sizing_fields = {
            "product_id",
            "location_id",
            "container_qty",
            "source_type",
            "vendor_id",
            "source_location_id",
            "transfer_lead_days",
            "review_period_days",
            "safety_factor",
            "policy_id",
        }
        if sizing_fields & set(vals) and not self.env.context.get("jit_kanban_sizing"):
            self.filtered("active")._resize()
        return result

    def _check_no_card_away(self, vals):
        """Refuse to change what the cards bring back, where to or from where
        while a card is Empty, Ordered or Received: its order was made for the
        current values, and its receipt would no longer find it."""
        changing = [name for name in CARD_KEY_FIELDS if name in vals]
        if not changing:
            return
        changed = self.filtered(
            lambda loop: any(
                _as_id(loop[name]) != _as_id(vals[name]) for name in changing
            )
        )
        if not changed:
            return
        away = self.env["jit.kanban.card"].search(
            [("loop_id", "in", changed.ids), ("state", "in", AWAY_STATES)],
            order="loop_id, name",
        )
        if not away:
            return
        states = dict(away._fields["state"]._description_selection(self.env))
        loop = away[0].loop_id
        cards = away.filtered(lambda card: card.loop_id == loop)
        labels = [
            self._fields[name]._description_string(self.env)
            for name in changing
            if _as_id(loop[name]) != _as_id(vals[name])
        ]
        raise UserError(
            self.env._(
                "Loop %(loop)s cannot change its %(fields)s now: cards %(cards)s "
                "are away (Empty, Ordered or Received) and their orders are for "
                "the current values; changed now, their goods would find no "
                "card. Wait until these cards come back Full, or archive the "
                "loop and create a new one with the new values.",
                loop=loop.name,
                fields=", ".join(labels),
                cards=", ".join(
                    f"{card.name} ({states[card.state]})" for card in cards
                ),
            )
        )

    def unlink(self):
        busy = self.card_ids.filtered(
            lambda card: card.state in ("ordered", "received")
        )
        if busy:
            raise UserError(
                self.env._(
                    "Loops %(loops)s have cards on order (%(cards)s); archive the "
                    "loops instead, or wait until the goods are received.",
                    loops=", ".join(busy.loop_id.mapped("name")),
                    cards=", ".join(busy.mapped("name")),
                )
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Sizing
    # ------------------------------------------------------------------

    def _sizing_inputs(self):
        """Average daily usage and lead time of each loop, in a constant number
        of queries: from the product's JIT rule at the location when there is
        one, otherwise from done moves and receipts (the statistics models).

        :return: dict ``loop.id -> dict(usage, lead_time, source, lead_text)``
        """
        rules = self._jit_rules()
        orderpoint_model = self.env["stock.warehouse.orderpoint"]
        result = {}
        requests = {}
        for loop in self:
            rule = rules.get(loop.id)
            if rule and rule.jit_computed_at:
                result[loop.id] = {
                    "usage": rule.jit_average_daily_usage,
                    "source": "rule",
                    "demand_text": self.env._(
                        "average daily usage %(usage).4f %(uom)s/day from JIT rule "
                        "%(rule)s",
                        usage=rule.jit_average_daily_usage,
                        uom=loop.product_uom_id.name,
                        rule=rule.display_name,
                    ),
                }
            else:
                policy = loop.policy_id
                tz_name = orderpoint_model._jit_company_timezone(loop.company_id)
                group = (
                    tz_name,
                    policy.demand_window_days,
                    policy.exclude_stockout_days,
                )
                requests.setdefault(group, []).append(
                    DemandRequest(
                        loop.id,
                        loop.product_id.id,
                        orderpoint_model._jit_scope_location(loop).parent_path,
                    )
                )
        for (tz_name, window_days, exclude), group_requests in requests.items():
            statistics = self.env["jit.demand.statistics"]._compute_statistics(
                group_requests, window_days, tz_name, exclude
            )
            for loop_id, demand in statistics.items():
                loop = self.browse(loop_id)
                result[loop_id] = {
                    "usage": demand.average_daily_usage,
                    "source": "history",
                    "demand_text": self.env._(
                        "average daily usage %(usage).4f %(uom)s/day = %(net)s "
                        "%(uom)s out of the location, returns deducted, over "
                        "%(days)s days counted",
                        usage=demand.average_daily_usage,
                        uom=loop.product_uom_id.name,
                        net=round(demand.total_quantity - demand.returned_quantity, 4),
                        days=demand.days_counted,
                    ),
                }

        lead_times = self._vendor_lead_times(rules)
        for loop in self:
            result[loop.id].update(lead_times[loop.id])
        return result

    def _vendor_lead_times(self, rules):
        """Lead time of each loop: the rule's for a vendor loop with a computed
        JIT rule; vendor delay (or measured receipts) plus the company's
        purchase days otherwise; the transfer lead time for a location loop."""
        result = {}
        vendor_loops = self.filtered(
            lambda loop: loop.source_type == "vendor"
            and not (rules.get(loop.id) and rules[loop.id].jit_computed_at)
        )
        measured = {}
        for company in vendor_loops.company_id:
            company_loops = vendor_loops.filtered(
                lambda loop, c=company: loop.company_id == c
            )
            history = max(company_loops.policy_id.mapped("lead_time_history_receipts"))
            measured[company.id] = self.env[
                "jit.lead.time.statistics"
            ]._compute_statistics(
                company,
                company_loops.vendor_id.ids,
                company_loops.product_id.ids,
                history=history,
            )
        for loop in self:
            rule = rules.get(loop.id)
            if loop.source_type == "location":
                result[loop.id] = {
                    "lead_time": loop.transfer_lead_days,
                    "lead_text": self.env._(
                        "transfer lead time %(days)s days from %(origin)s",
                        days=loop.transfer_lead_days,
                        origin=loop.source_location_id.display_name,
                    ),
                }
            elif rule and rule.jit_computed_at:
                result[loop.id] = {
                    "lead_time": rule.jit_lead_time_days,
                    "lead_text": self.env._(
                        "lead time %(days).2f days from JIT rule %(rule)s",
                        days=rule.jit_lead_time_days,
                        rule=rule.display_name,
                    ),
                }
            else:
                result[loop.id] = loop._vendor_lead_time(measured[loop.company_id.id])
        return result

    def _vendor_lead_time(self, measured):
        """Lead time of a vendor loop without a computed JIT rule: the measured
        vendor (and product) lead time when the policy has enough receipts,
        otherwise the delay of the vendor's price line; plus the company's
        purchase lead days and days to purchase."""
        self.ensure_one()
        company = self.company_id
        purchase_days = (company.po_lead or 0.0) + (company.days_to_purchase or 0.0)
        by_vendor, by_product = measured
        needed = self.policy_id.lead_time_min_receipts
        statistics = by_product.get((self.vendor_id.id, self.product_id.id))
        if not statistics or statistics.receipts < needed:
            statistics = by_vendor.get(self.vendor_id.id)
        if statistics and statistics.receipts >= needed:
            return {
                "lead_time": statistics.mean + purchase_days,
                "lead_text": self.env._(
                    "lead time %(lead).2f days = %(vendor_days).2f days measured on "
                    "%(receipts)s receipts of %(vendor)s + %(purchase_days)s "
                    "purchase days of the company",
                    lead=statistics.mean + purchase_days,
                    vendor_days=statistics.mean,
                    receipts=statistics.receipts,
                    vendor=self.vendor_id.display_name,
                    purchase_days=purchase_days,
                ),
            }
        seller = self._vendor_seller()
        delay = seller.delay if seller else 0.0
        return {
            "lead_time": delay + purchase_days,
            "lead_text": self.env._(
                "lead time %(lead).2f days = %(delay)s days promised by %(vendor)s "
                "+ %(purchase_days)s purchase days of the company",
                lead=delay + purchase_days,
                delay=delay,
                vendor=self.vendor_id.display_name,
                purchase_days=purchase_days,
            ),
        }

    def _vendor_seller(self):
        """Vendor price line of the loop's vendor for its product."""
        self.ensure_one()
        return (
            self.product_id.with_company(self.company_id)._select_seller(
                partner_id=self.vendor_id,
                quantity=self.container_qty,
                uom_id=self.product_uom_id,
            )
            or self.product_id.seller_ids.filtered(
                lambda seller: seller.partner_id == self.vendor_id
                and seller.company_id in (self.company_id, self.env["res.company"])
            )[:1]
        )

    @api.model
    def _card_count_needed(self, usage, lead_time, review_period, safety_factor, qty):
        """Number of cards: ceil(usage x (L + review) x (1 + safety) / Q), at
        least 2. Meant to be overridden. Rounded to 6 digits before the ceiling
        so that 3.0000000001 is 3 cards, not 4."""
        cover = usage * (lead_time + review_period) * (1.0 + safety_factor)
        return max(MIN_CARDS, math.ceil(float_round(cover / qty, precision_digits=6)))

    def _resize(self):
        """Size the loops from current demand and lead time, then add or retire
        cards so that the number in circulation matches."""
        loops = self.filtered(lambda loop: loop.active and loop.container_qty > 0)
        if not loops:
            return
        inputs = loops._sizing_inputs()
        now = fields.Datetime.now()
        for loop in loops:
            data = inputs[loop.id]
            target = self._card_count_needed(
                data["usage"],
                data["lead_time"],
                loop.review_period_days,
                loop.safety_factor,
                loop.container_qty,
            )
            explanation = loop._explain_sizing(data, target)
            loop.with_context(jit_kanban_sizing=True).write(
                {
                    "average_daily_usage": data["usage"],
                    "lead_time_days": data["lead_time"],
                    "sizing_source": data["source"],
                    "card_target": target,
                    "sizing_explanation": explanation,
                    "date_sized": now,
                }
            )
            loop._adjust_cards()

    def _explain_sizing(self, data, target):
        """The number of cards and how it was found, in words."""
        self.ensure_one()
        uom = self.product_uom_id.name
        cover = (
            data["usage"]
            * (data["lead_time"] + self.review_period_days)
            * (1.0 + self.safety_factor)
        )
        lines = [
            self.env._("Demand: %(text)s.", text=data["demand_text"]),
            self.env._("Lead time: %(text)s.", text=data["lead_text"]),
            self.env._(
                "Cards = ceil(%(usage).4f x (%(lead).2f + review period %(review)s) "
                "x (1 + safety factor %(safety)s) / container %(qty)s %(uom)s) = "
                "ceil(%(cover).4f / %(qty)s) = %(raw)s; at least %(minimum)s: "
                "%(target)s cards.",
                usage=data["usage"],
                lead=data["lead_time"],
                review=self.review_period_days,
                safety=self.safety_factor,
                qty=self.container_qty,
                uom=uom,
                cover=cover,
                raw=math.ceil(
                    float_round(cover / self.container_qty, precision_digits=6)
                ),
                minimum=MIN_CARDS,
                target=target,
            ),
        ]
        return "\n".join(lines)

    def _adjust_cards(self):
        """Add Full cards up to the target; retire Full cards above it. Cards
        that are not Full are never retired here: they are retired when they
        come back Full (see ``_retire_surplus_cards``)."""
        self.ensure_one()
        cards = self.env["jit.kanban.card"].sudo()
        circulating = cards.search(
            [("loop_id", "=", self.id), ("state", "in", CIRCULATING_STATES)]
        )
        missing = self.card_target - len(circulating)
        if missing > 0:
            new_cards = cards.create([{"loop_id": self.id} for _i in range(missing)])
            self.message_post(
                body=self.env._(
                    "%(count)s card(s) added as Full to reach %(target)s cards: "
                    "%(cards)s.",
                    count=missing,
                    target=self.card_target,
                    cards=", ".join(new_cards.mapped("name")),
                )
            )
        elif missing < 0:
            self._retire_surplus_cards()

    def _retire_surplus_cards(self):
        """Retire Full cards while the loop has more cards than it needs,
        newest first."""
        self.ensure_one()
        cards = self.env["jit.kanban.card"].sudo()
        circulating = cards.search(
            [("loop_id", "=", self.id), ("state", "in", CIRCULATING_STATES)],
            order="id desc",
        )
        surplus = len(circulating) - self.card_target
        if surplus <= 0:
            return cards
        retired = circulating.filtered(lambda card: card.state == "full")[:surplus]
        if retired:
            retired.write({"state": "retired", "active": False})
            self.message_post(
                body=self.env._(
                    "%(count)s Full card(s) retired: %(cards)s. Take them out of "
                    "the loop; %(left)s more will be retired as they come back Full.",
                    count=len(retired),
                    cards=", ".join(retired.mapped("name")),
                    left=surplus - len(retired),
                )
            )
        return retired

    def action_resize(self):
        """Size the selected loops again from today's demand and lead time."""
        self._resize()
        return True

    @api.model
    def _cron_resize(self, batch_size=200):
        """Resize every active loop, committing after each batch; a loop that
        fails is logged and skipped."""
        loop_ids = self.search([]).ids
        _logger.info("JIT kanban resize: %s loops", len(loop_ids))
        failed = 0
        for start in range(0, len(loop_ids), batch_size):
            batch = self.browse(loop_ids[start : start + batch_size])
            try:
                with self.env.cr.savepoint():
                    batch._resize()
            except Exception:
                # One bad loop must not stop the others: retry the batch one by
                # one to find it.
                for loop in batch:
                    try:
                        with self.env.cr.savepoint():
                            loop._resize()
                    except Exception:
                        failed += 1
                        _logger.exception("JIT kanban resize failed for %s", loop.name)
            # Commit each batch, except in tests where the test owns the
            # transaction.
            if not getattr(threading.current_thread(), "testing", False):
                self.env.cr.commit()
        _logger.info("JIT kanban resize finished: %s failed", failed)
        return True

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_view_cards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jit_inventory.action_jit_kanban_card"
        )
        action["domain"] = [("loop_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action

    def action_jit_order_now(self):
        """Worklist's Order now for a loop: order one container by emptying the
        Full card that has waited longest (the first card a picker would
        take), as a scan does."""
        self.ensure_one()
        self.check_access("read")
        card = self.env["jit.kanban.card"].search(
            [("loop_id", "=", self.id), ("state", "=", "full")],
            order="date_last_seen, id",
            limit=1,
        )
        if not card:
            message = self.env._(
                "Nothing to order for loop %(loop)s: no card is Full; every "
                "container is on order or waiting to be reordered (Empty cards: "
                "use Reorder on the card).",
                loop=self.name,
            )
            kind = "info"
        else:
            result = card._scan()
            message = result["message"]
            kind = "success" if result["status"] == "ordered" else "warning"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Order now"),
                "message": message,
                "type": kind,
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_print_cards(self):
        """Labels of the loop's cards in circulation."""
        cards = self.card_ids.filtered(lambda card: card.state in CIRCULATING_STATES)
        if not cards:
            raise UserError(
                self.env._(
                    "Loop %(loop)s has no card to print; save the loop or click "
                    "Resize to create its cards.",
                    loop=", ".join(self.mapped("name")),
                )
            )
        # Labels use no company layout: skip Odoo's layout configuration step.
        return self.env.ref(
            "jit_inventory.action_report_jit_kanban_card"
        ).report_action(cards, config=False)
