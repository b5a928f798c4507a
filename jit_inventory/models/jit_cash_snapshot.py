import logging
import threading
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import float_is_zero

from .jit_demand_statistics import _STOCKOUT_DAYS_SQL

_logger = logging.getLogger(__name__)

# Measures that are stock levels: a group of several days shows their average
# per day, not their sum (the value of a month is not 30 times a day's value).
_LEVEL_MEASURES = (
    "quantity",
    "inventory_value",
    "free_qty",
    "cash_tied_up",
    "excess_value",
    "holding_cost",
)

# Valued quantity and value of each product of a company at the end of a day:
# the sum of its stock valuation layers dated before that moment (a layer is
# dated by its stock move, so that imported history counts on its own day;
# revaluations without a move by their creation).
_VALUATION_SQL = """
    SELECT svl.product_id, SUM(svl.quantity), SUM(svl.value)
      FROM stock_valuation_layer svl
      LEFT JOIN stock_move m ON m.id = svl.stock_move_id
     WHERE svl.company_id = %(company_id)s
       AND COALESCE(m.date, svl.create_date) < %(date_to)s
     GROUP BY svl.product_id
"""

# Customer deliveries requested on the day (the move's deadline, else its
# transfer's scheduled date) and the part of them done before the day ended.
_FILL_RATE_SQL = """
    SELECT m.product_id,
           SUM(m.product_qty),
           SUM(CASE WHEN m.state = 'done' AND m.date < %(date_to)s
                    THEN m.product_qty ELSE 0 END)
      FROM stock_move m
      JOIN stock_location source ON source.id = m.location_id
      JOIN stock_location destination ON destination.id = m.location_dest_id
      LEFT JOIN stock_picking picking ON picking.id = m.picking_id
     WHERE m.company_id = %(company_id)s
       AND m.state != 'cancel'
       AND source.usage = 'internal'
       AND destination.usage = 'customer'
       AND COALESCE(m.date_deadline, picking.scheduled_date, m.date)
           >= %(date_from)s
       AND COALESCE(m.date_deadline, picking.scheduled_date, m.date)
           < %(date_to)s
     GROUP BY m.product_id
"""


class JitCashSnapshot(models.Model):
    """What stock costs a company, one row per product and day: inventory
    value, cash tied up in free stock, holding cost, stockout events and fill
    rate. Filled each night by a scheduled action for the day just ended; the
    cash view (pivot and graph) reads it."""

    _name = "jit.cash.snapshot"
    _description = "JIT Cash and Service Snapshot"
    _order = "date desc, company_id, inventory_value desc, id"
    _rec_name = "product_id"

    date = fields.Date(
        required=True,
        index=True,
        readonly=True,
        help="Day the figures describe (in the company's time zone).",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        readonly=True,
        help="Company whose stock is measured.",
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        string="Currency",
        help="Currency of the values (the company's).",
    )
    product_id = fields.Many2one(
        "product.product",
        required=True,
        index=True,
        readonly=True,
        help="Product measured.",
    )
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        readonly=True,
        help="Category of the product on the day of the snapshot.",
    )
    quantity = fields.Float(
        string="Valued Quantity",
        digits="Product Unit of Measure",
        readonly=True,
        help="Quantity in the company's stock valuation at the end of the day. "
        "Over several days: the average per day.",
    )
    inventory_value = fields.Monetary(
        readonly=True,
        help="Value of the stock at the end of the day: the sum of the stock "
        "valuation layers, as in Odoo's inventory valuation. Over several days: "
        "the average per day.",
    )
    free_qty = fields.Float(
        string="Free Stock",
        digits="Product Unit of Measure",
        readonly=True,
        help="On hand minus reserved in the locations of the product's JIT rules "
        "when the snapshot was taken (for a day older than yesterday, taken "
        "after the fact: the valued quantity). Over several days: the average "
        "per day.",
    )
    cash_tied_up = fields.Monetary(
        readonly=True,
        help="Value of the free stock of JIT products (free stock x unit cost): "
        "money on the shelves that no customer order has claimed yet. Over "
        "several days: the average per day.",
    )
    excess_value = fields.Monetary(
        string="Excess Value",
        readonly=True,
        help="Value of the free stock above the maximum of the JIT rules: cash "
        "the rules say could be freed. Over several days: the average per day.",
    )
    holding_cost = fields.Monetary(
        string="Holding Cost per Month",
        readonly=True,
        help="Inventory value x yearly holding-cost rate (Settings) / 12. Over "
        "several days: the average per day.",
    )
    stockout_count = fields.Integer(
        string="Stockout Events",
        readonly=True,
        help="JIT rules of the product with demand (average daily usage above 0) "
        "whose location had no stock at the start and at the end of the day. "
        "Over several days: the sum (product-days out of stock).",
    )
    demanded_qty = fields.Float(
        string="Demanded Quantity",
        digits="Product Unit of Measure",
        readonly=True,
        help="Quantity of customer deliveries requested for the day (the "
        "delivery's deadline, else its scheduled date), cancelled ones left out.",
    )
    on_time_qty = fields.Float(
        string="Delivered on Time",
        digits="Product Unit of Measure",
        readonly=True,
        help="Part of the demanded quantity delivered by the end of the "
        "requested day.",
    )
    fill_rate = fields.Float(
        string="Fill Rate (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Delivered on time / demanded quantity x 100; 100 when nothing was "
        "demanded. In groups, computed from the summed quantities, not "
        "averaged.",
    )

    # ------------------------------------------------------------------
    # Cash view: levels averaged per day, fill rate from sums
    # ------------------------------------------------------------------

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        wanted = {spec.split(":")[0] for spec in fields}
        extra = []
        if "fill_rate" in wanted:
            extra = [
                name for name in ("demanded_qty", "on_time_qty") if name not in wanted
            ]
        rows = super().read_group(
            domain, list(fields) + extra, groupby, offset, limit, orderby, lazy
        )
        levels = [name for name in _LEVEL_MEASURES if name in wanted]
        if levels and rows:
            days = self._jit_days_per_group(domain, groupby[:1] if lazy else groupby)
            for row in rows:
                count = days(row)
                for name in levels:
                    if row.get(name) and count:
                        row[name] = row[name] / count
        if "fill_rate" in wanted:
            for row in rows:
                row["fill_rate"] = self._jit_fill_rate(
                    row.get("demanded_qty") or 0.0, row.get("on_time_qty") or 0.0
                )
                for name in extra:
                    row.pop(name, None)
        return rows

    @api.model
    def _jit_days_per_group(self, domain, groupby):
        """Function giving, for a read_group row, the number of snapshot days
        its level measures are averaged over: every day with a snapshot in the
        row's period, whether or not the row's own product has a line that day
        (no line means nothing in stock)."""
        date_groupby = [spec for spec in groupby if spec.split(":")[0] == "date"]
        counts = super().read_group(
            self._jit_period_domain(domain),
            ["snapshot_days:count_distinct(date)"],
            date_groupby,
            lazy=False,
        )
        by_period = {
            tuple(row[spec] for spec in date_groupby): row["snapshot_days"]
            for row in counts
        }

        def days(row):
            return by_period.get(tuple(row.get(spec) for spec in date_groupby), 0)

        return days

    @api.model
    def _jit_period_domain(self, domain):
        """The conditions of ``domain`` on days and companies, so that a filter
        on a product or a category does not shrink the number of days its
        levels are averaged over. A domain with OR or NOT is kept whole."""
        normalized = expression.normalize_domain(domain)
        if any(item in ("|", "!") for item in normalized):
            return domain
        return [
            leaf
            for leaf in normalized
            if isinstance(leaf, list | tuple) and leaf[0] in ("date", "company_id")
        ]

    @api.model
    def _jit_fill_rate(self, demanded, on_time):
        """Fill rate in percent; 100 when nothing was demanded (nothing was
        missed). Example: 10 demanded, 6 delivered on time gives 60."""
        if float_is_zero(demanded, precision_digits=6):
            return 100.0
        return 100.0 * on_time / demanded

    # ------------------------------------------------------------------
    # Taking snapshots
    # ------------------------------------------------------------------

    @api.model
    def _cron_take_snapshots(self):
        """Take the snapshot of the day just ended for every company, one
        company at a time: a company that fails is logged and rolled back, the
        others are kept and committed."""
        companies = self.env["res.company"].search([])
        _logger.info("JIT cash snapshots: %s companies", len(companies))
        taken = 0
        for company in companies:
            day = self._jit_company_today(company) - timedelta(days=1)
            try:
                with self.env.cr.savepoint():
                    self._jit_take_snapshot(company, day)
                taken += 1
            except Exception:
                _logger.exception(
                    "JIT cash snapshot failed for company %s", company.name
                )
            self._jit_commit()
        _logger.info("JIT cash snapshots taken: %s of %s", taken, len(companies))
        return taken

    @api.model
    def _jit_commit(self):
        """Commit a company's snapshot, except under Odoo's test runner where
        the test owns the transaction."""
        if not getattr(threading.current_thread(), "testing", False):
            self.env.cr.commit()

    @api.model
    def _jit_company_today(self, company):
        tz_name = self.env["stock.warehouse.orderpoint"]._jit_company_timezone(company)
        return datetime.now(pytz.utc).astimezone(pytz.timezone(tz_name)).date()

    @api.model
    def _jit_day_bounds(self, company, day):
        """UTC start and end of a local day of the company."""
        tz_name = self.env["stock.warehouse.orderpoint"]._jit_company_timezone(company)
        tz = pytz.timezone(tz_name)
        start = tz.localize(datetime.combine(day, time.min))
        end = tz.localize(datetime.combine(day + timedelta(days=1), time.min))
        return (
            tz_name,
            start.astimezone(pytz.utc).replace(tzinfo=None),
            end.astimezone(pytz.utc).replace(tzinfo=None),
        )

    @api.model
    def _jit_take_snapshot(self, company, day):
        """Replace the snapshot of ``company`` for ``day`` (a date, at most
        today; today gives the figures so far). A constant number of grouped
        queries whatever the number of products."""
        company = company.sudo()
        tz_name, date_from, date_to = self._jit_day_bounds(company, day)
        self.env.flush_all()
        params = {"company_id": company.id, "date_from": date_from, "date_to": date_to}

        self.env.cr.execute(_VALUATION_SQL, params)
        valuation = {
            row[0]: (row[1] or 0.0, row[2] or 0.0) for row in self.env.cr.fetchall()
        }
        self.env.cr.execute(_FILL_RATE_SQL, params)
        service = {
            row[0]: (row[1] or 0.0, row[2] or 0.0) for row in self.env.cr.fetchall()
        }

        rules = (
            self.env["stock.warehouse.orderpoint"]
            .sudo()
            .search([("company_id", "=", company.id), ("jit_policy_id", "!=", False)])
        )
        stockouts = self._jit_stockout_rules(rules, tz_name, day, date_from)
        stockouts_by_product = defaultdict(int)
        for rule in rules.filtered(lambda op: op.id in stockouts):
            stockouts_by_product[rule.product_id.id] += 1
        if day >= self._jit_company_today(company) - timedelta(days=1):
            free_by_product, excess_by_product = self._jit_free_stock(rules)
        else:
            free_by_product, excess_by_product = self._jit_past_free_stock(
                rules, valuation
            )

        product_ids = set(valuation) | set(service) | set(free_by_product)
        product_ids |= set(stockouts_by_product)
        products = self.env["product.product"].with_company(company).browse(product_ids)
        rate = company.jit_holding_cost_rate / 100.0
        vals_list = []
        for product in products:
            quantity, value = valuation.get(product.id, (0.0, 0.0))
            demanded, on_time = service.get(product.id, (0.0, 0.0))
            unit_cost = value / quantity if quantity > 0 else product.standard_price
            free_qty = free_by_product[product.id]
            values = {
                "date": day,
                "company_id": company.id,
                "product_id": product.id,
                "categ_id": product.categ_id.id,
                "quantity": quantity,
                "inventory_value": company.currency_id.round(value),
                "free_qty": free_qty,
                "cash_tied_up": company.currency_id.round(free_qty * unit_cost),
                "excess_value": company.currency_id.round(
                    excess_by_product[product.id] * unit_cost
                ),
                "holding_cost": company.currency_id.round(value * rate / 12.0),
                "stockout_count": stockouts_by_product[product.id],
                "demanded_qty": demanded,
                "on_time_qty": on_time,
                "fill_rate": self._jit_fill_rate(demanded, on_time),
            }
            if self._jit_is_empty(values):
                continue
            vals_list.append(values)

        self.sudo().search(
            [("company_id", "=", company.id), ("date", "=", day)]
        ).unlink()
        snapshots = self.sudo().create(vals_list)
        _logger.info(
            "JIT cash snapshot of %s for %s: %s products",
            company.name,
            day,
            len(snapshots),
        )
        return snapshots

    @api.model
    def _jit_free_stock(self, rules):
        """Free stock (on hand minus reserved) and its part above the rules'
        maximum, per product, measured now."""
        free = rules._jit_free_quantities() if rules else {}
        free_by_product = defaultdict(float)
        excess_by_product = defaultdict(float)
        for rule in rules:
            free_qty = free.get(rule.id, 0.0)
            target = max(rule.product_min_qty, rule.product_max_qty)
            free_by_product[rule.product_id.id] += max(free_qty, 0.0)
            excess_by_product[rule.product_id.id] += max(free_qty - target, 0.0)
        return free_by_product, excess_by_product

    @api.model
    def _jit_past_free_stock(self, rules, valuation):
        """For a day older than yesterday (a snapshot taken after the fact),
        reservations of that day are unknown: the valued quantity of each JIT
        product counts as free, and its part above the sum of its rules'
        maximums as excess."""
        targets = defaultdict(float)
        for rule in rules:
            targets[rule.product_id.id] += max(
                rule.product_min_qty, rule.product_max_qty
            )
        free_by_product = defaultdict(float)
        excess_by_product = defaultdict(float)
        for product_id, target in targets.items():
            quantity = max(valuation.get(product_id, (0.0, 0.0))[0], 0.0)
            free_by_product[product_id] = quantity
            excess_by_product[product_id] = max(quantity - target, 0.0)
        return free_by_product, excess_by_product

    @api.model
    def _jit_is_empty(self, values):
        return not any(
            values[name]
            for name in (
                "quantity",
                "inventory_value",
                "free_qty",
                "stockout_count",
                "demanded_qty",
            )
        )

    @api.model
    def _jit_stockout_rules(self, rules, tz_name, day, date_from):
        """Ids of the rules with demand whose scope had no stock at the start
        and at the end of ``day`` (the stockout-day rule of the demand
        statistics, applied to one day)."""
        with_demand = rules.filtered(lambda op: op.jit_average_daily_usage > 0)
        if not with_demand:
            return set()
        today = max(
            day + timedelta(days=1), self._jit_company_today(with_demand.company_id)
        )
        scope = self.env["stock.warehouse.orderpoint"]._jit_scope_location
        self.env["stock.quant"].flush_model(["quantity", "location_id"])
        self.env.cr.execute(
            _STOCKOUT_DAYS_SQL,
            {
                "keys": [str(rule.id) for rule in with_demand],
                "products": [rule.product_id.id for rule in with_demand],
                "scopes": [scope(rule).parent_path for rule in with_demand],
                "tz": tz_name,
                "first_day": day,
                "today": today,
                "date_from": date_from,
            },
        )
        return {int(key) for key, out_day in self.env.cr.fetchall() if out_day == day}

    @api.model
    def action_take_snapshot_today(self):
        """Take (or retake) today's snapshot so far for the current companies,
        from the cash view (JIT managers)."""
        if not self.env.user.has_group("jit_inventory.group_jit_manager"):
            raise AccessError(
                self.env._(
                    "Only an Inventory JIT manager can refresh the cash view; ask "
                    "one, or wait for tonight's scheduled snapshot."
                )
            )
        for company in self.env.companies:
            self._jit_take_snapshot(company, self._jit_company_today(company))
        return {"type": "ir.actions.client", "tag": "soft_reload"}
