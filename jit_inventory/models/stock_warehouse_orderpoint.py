import logging
import math
import threading
from collections import defaultdict
from statistics import NormalDist

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, float_compare, float_round, split_every

from .jit_demand_statistics import DemandRequest

_logger = logging.getLogger(__name__)

# Fields written by the recompute; a manual change of the minimum or maximum of
# a JIT rule outside the recompute locks the rule.
_MIN_MAX_FIELDS = ("product_min_qty", "product_max_qty")
# Days of cover shown when there is stock but no demand.
_NO_DEMAND_COVER_DAYS = 9999.0

JIT_STATUS = [
    ("red", "Red"),
    ("yellow", "Yellow"),
    ("green", "Green"),
    ("blue", "Blue"),
]


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    jit_policy_id = fields.Many2one(
        "jit.replenishment.policy",
        string="JIT Policy",
        index=True,
        check_company=True,
        help="Replenishment policy that sizes this rule from demand and lead "
        "times. Without a policy the rule behaves exactly as in Odoo.",
    )
    jit_vendor_id = fields.Many2one(
        "res.partner",
        string="JIT Vendor",
        compute="_compute_jit_vendor_id",
        store=True,
        index=True,
        help="Vendor the rule buys from: the rule's vendor if set, otherwise the "
        "product's first vendor.",
    )
    jit_locked = fields.Boolean(
        string="Locked",
        copy=False,
        help="Set when someone edits the minimum or maximum by hand: the "
        "recompute then leaves them alone until the rule is unlocked.",
    )
    jit_average_daily_usage = fields.Float(
        string="Average Daily Usage",
        readonly=True,
        help="Quantity that left the location for customers or production per "
        "day over the policy's window, customer returns subtracted.",
    )
    jit_demand_std_dev = fields.Float(
        string="Demand Deviation",
        readonly=True,
        help="Standard deviation of the daily demand over the same window, days "
        "without demand included.",
    )
    jit_demand_days = fields.Integer(
        string="Days Counted",
        readonly=True,
        help="Days of the window counted in the demand (stockout days left out "
        "when the policy asks for it).",
    )
    jit_lead_time_days = fields.Float(
        string="Lead Time (days)",
        readonly=True,
        help="Lead time used: days to purchase and purchase lead days of the "
        "company, plus the vendor delay (promised or measured on receipts).",
    )
    jit_lead_time_std_dev = fields.Float(
        string="Lead Time Deviation (days)",
        readonly=True,
        help="Standard deviation of the measured lead times; 0 when the "
        "promised delay is used.",
    )
    jit_lead_time_source = fields.Selection(
        [
            ("promised", "Promised by vendor"),
            ("vendor", "Measured for vendor"),
            ("vendor_product", "Measured for vendor and product"),
        ],
        string="Lead Time Source",
        readonly=True,
        help="Where the vendor part of the lead time comes from.",
    )
    jit_safety_stock = fields.Float(
        string="Safety Stock",
        readonly=True,
        help="z x sqrt(L x demand deviation^2 + usage^2 x lead time deviation^2).",
    )
    jit_reorder_point = fields.Float(
        string="Suggested Minimum",
        digits="Product Unit of Measure",
        readonly=True,
        help="Reorder point: usage x lead time + safety stock, rounded up.",
    )
    jit_order_up_to = fields.Float(
        string="Suggested Maximum",
        digits="Product Unit of Measure",
        readonly=True,
        help="Order-up-to level: reorder point + usage x review period, raised to "
        "the vendor minimum and rounded up to the order multiple.",
    )
    jit_vendor_min_qty = fields.Float(
        string="Vendor Minimum",
        digits="Product Unit of Measure",
        readonly=True,
        help="Minimum order quantity of the vendor price line, in the product's "
        "unit of measure. Orders are raised to it, never added to it.",
    )
    jit_free_qty = fields.Float(
        string="Free Stock",
        digits="Product Unit of Measure",
        readonly=True,
        help="On hand minus reserved in the rule's location at the last recompute.",
    )
    jit_days_of_cover = fields.Float(
        string="Days of Cover",
        digits=(16, 1),
        readonly=True,
        help="Free stock divided by average daily usage (9999 when there is "
        "stock and no demand).",
    )
    jit_status = fields.Selection(
        JIT_STATUS,
        string="JIT Status",
        readonly=True,
        index=True,
        help="Red: cover under the lead time. Yellow: under lead time plus review "
        "period. Green: enough. Blue: free stock above the maximum (overstock).",
    )
    jit_explanation = fields.Text(
        string="How It Was Computed",
        readonly=True,
        help="Inputs and formulas behind the numbers, in words.",
    )
    jit_computed_at = fields.Datetime(
        string="Computed On", readonly=True, help="Date of the last recompute."
    )

    @api.depends("vendor_id", "product_supplier_id")
    def _compute_jit_vendor_id(self):
        for orderpoint in self:
            orderpoint.jit_vendor_id = (
                orderpoint.vendor_id or orderpoint.product_supplier_id
            )

    # ------------------------------------------------------------------
    # Manual edits lock the rule
    # ------------------------------------------------------------------

    def write(self, vals):
        if (
            not self.env.context.get("jit_recompute")
            and "jit_locked" not in vals
            and any(fname in vals for fname in _MIN_MAX_FIELDS)
        ):
            changed = self.filtered(
                lambda op: (
                    op.jit_policy_id
                    and any(
                        fname in vals
                        and float_compare(
                            op[fname],
                            vals[fname],
                            precision_rounding=op.product_uom.rounding or 0.01,
                        )
                        for fname in _MIN_MAX_FIELDS
                    )
                )
            )
            if changed:
                super(StockWarehouseOrderpoint, changed).write({"jit_locked": True})
        return super().write(vals)

    def _jit_check_manager(self):
        if not self.env.su and not self.env.user.has_group(
            "jit_inventory.group_jit_manager"
        ):
            raise AccessError(
                self.env._(
                    "Only JIT managers can recompute or configure JIT rules; ask "
                    "an administrator for the Inventory JIT: Manager group."
                )
            )

    def action_jit_assign_default_policy(self):
        """Put the selected rules under their company's default JIT policy
        and size them now."""
        self._jit_check_manager()
        for company in self.company_id:
            policy = company.jit_default_policy_id
            if not policy:
                raise UserError(
                    self.env._(
                        "Company %(company)s has no default JIT policy. Choose one "
                        "in Settings > Just in Time, or set the JIT Policy column "
                        "of the rules.",
                        company=company.name,
                    )
                )
            rules = self.filtered(lambda op, c=company: op.company_id == c)
            rules.write({"jit_policy_id": policy.id})
        self.action_jit_recompute()
        return True

    def action_jit_unlock(self):
        """Let the recompute size the rule again, and recompute it now."""
        self._jit_check_manager()
        self.write({"jit_locked": False})
        self.action_jit_recompute()
        return True

    # ------------------------------------------------------------------
    # Quantity to order
    # ------------------------------------------------------------------

    def _get_qty_to_order(
        self, force_visibility_days=False, qty_in_progress_by_orderpoint=None
    ):
        """For JIT rules, order enough to bring the forecast back to at least
        the minimum: the order multiple rounds up, never down, and the vendor
        minimum raises the order instead of being added to it. Rules without a
        policy keep Odoo's computation."""
        qty_in_progress_by_orderpoint = qty_in_progress_by_orderpoint or {}
        if not self.jit_policy_id:
            return super()._get_qty_to_order(
                force_visibility_days=force_visibility_days,
                qty_in_progress_by_orderpoint=qty_in_progress_by_orderpoint,
            )
        self.ensure_one()
        rounding = self.product_uom.rounding
        if (
            float_compare(
                self.qty_forecast, self.product_min_qty, precision_rounding=rounding
            )
            >= 0
        ):
            return 0.0
        visibility_days = self.visibility_days
        if force_visibility_days is not False:
            visibility_days = force_visibility_days
        product_context = self._get_product_context(visibility_days=visibility_days)
        qty_in_progress = qty_in_progress_by_orderpoint.get(self.id)
        if qty_in_progress is None:
            qty_in_progress = self._quantity_in_progress()[self.id]
        forecast = (
            self.product_id.with_context(product_context).read(["virtual_available"])[
                0
            ]["virtual_available"]
            + qty_in_progress
        )
        return self._jit_order_quantity(forecast)

    def _jit_order_quantity(self, forecast):
        """Quantity to order for a forecast, meant to be overridden.

        need = max(minimum, maximum) - forecast; the order is the need raised to
        the vendor minimum, then rounded up to the order multiple. Example:
        minimum 8, maximum 8, multiple 6, forecast 0 orders 12.
        """
        self.ensure_one()
        rounding = self.product_uom.rounding
        need = max(self.product_min_qty, self.product_max_qty) - forecast
        if float_compare(need, 0.0, precision_rounding=rounding) <= 0:
            return 0.0
        quantity = max(need, self.jit_vendor_min_qty or 0.0)
        if self.qty_multiple > 0:
            multiples = float_round(quantity / self.qty_multiple, precision_digits=6)
            quantity = math.ceil(multiples) * self.qty_multiple
        return float_round(quantity, precision_rounding=rounding, rounding_method="UP")

    # ------------------------------------------------------------------
    # Recompute
    # ------------------------------------------------------------------

    def action_jit_recompute(self):
        """Recompute the selected JIT rules now (rules without a policy are
        left alone). Reserved to JIT managers: it rewrites minimums and
        maximums."""
        self._jit_check_manager()
        for batch in split_every(1000, self.ids, self.browse):
            batch._jit_recompute()
        return True

    @api.model
    def _jit_scope_location(self, orderpoint):
        """Location whose outgoing moves are the rule's demand, meant to be
        overridden. A rule on a warehouse's stock location counts everything
        that leaves the warehouse, so that pick and pack steps (internal
        transfers to output) do not hide the deliveries behind them."""
        warehouse = orderpoint.warehouse_id
        if warehouse and orderpoint.location_id == warehouse.lot_stock_id:
            return warehouse.view_location_id
        return orderpoint.location_id

    @api.model
    def _jit_company_timezone(self, company):
        """Time zone in which a company's days are cut: the company's own
        (its partner's), else UTC, whoever runs the recompute."""
        return company.partner_id.tz or "UTC"

    def _jit_sellers(self):
        """Vendor price line used by each rule: the rule's own vendor line, or
        the product's first valid line for the rule's company, by sequence
        then smallest minimum quantity (a vendor's price breaks of 100 or 500
        units are discounts, not its minimum order). One query for the whole
        recordset."""
        today = fields.Date.context_today(self)
        templates = self.product_id.product_tmpl_id
        sellers = self.env["product.supplierinfo"].search(
            [
                ("product_tmpl_id", "in", templates.ids),
                ("company_id", "in", [False, *self.company_id.ids]),
                ("partner_id.active", "=", True),
                "|",
                ("date_start", "=", False),
                ("date_start", "<=", today),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", today),
            ],
            order="sequence, min_qty, price, id",
        )
        by_template = defaultdict(list)
        for seller in sellers:
            by_template[seller.product_tmpl_id.id].append(seller)
        result = {}
        for orderpoint in self:
            if orderpoint.supplier_id:
                result[orderpoint.id] = orderpoint.supplier_id
                continue
            candidates = [
                seller
                for seller in by_template[orderpoint.product_id.product_tmpl_id.id]
                if (not seller.product_id or seller.product_id == orderpoint.product_id)
                and seller.company_id
                in (orderpoint.company_id, self.env["res.company"])
            ]
            result[orderpoint.id] = candidates[0] if candidates else sellers.browse()
        return result

    def _jit_free_quantities(self):
        """Free stock (on hand minus reserved) in each rule's location and its
        children, in one query."""
        self.env["stock.quant"].flush_model(
            ["quantity", "reserved_quantity", "location_id", "product_id"]
        )
        self.env.cr.execute(
            """
            WITH requested AS (
                SELECT *
                  FROM unnest(%(ids)s::int[], %(products)s::int[],
                              %(paths)s::varchar[]) AS r(id, product_id, path)
            )
            SELECT r.id, SUM(q.quantity - q.reserved_quantity)
              FROM requested r
              JOIN stock_quant q ON q.product_id = r.product_id
              JOIN stock_location l ON l.id = q.location_id
             WHERE l.parent_path LIKE r.path || '%%'
             GROUP BY r.id
            """,
            {
                "ids": self.ids,
                "products": [op.product_id.id for op in self],
                "paths": [op.location_id.parent_path for op in self],
            },
        )
        return dict(self.env.cr.fetchall())

    def _jit_recompute(self):
        """Recompute demand, lead time, safety stock, minimum, maximum, days of
        cover and status of the JIT rules in ``self`` with a constant number of
        queries, and write them. A rule that fails is logged and skipped."""
        orderpoints = self.filtered(
            lambda op: (
                op.active
                and op.jit_policy_id.active
                and op.jit_policy_id._covers_category(op.product_category_id)
            )
        )
        if not orderpoints:
            return self.browse()
        demand = {}
        groups = defaultdict(list)
        for orderpoint in orderpoints:
            policy = orderpoint.jit_policy_id
            tz_name = self._jit_company_timezone(orderpoint.company_id)
            groups[
                (tz_name, policy.demand_window_days, policy.exclude_stockout_days)
            ].append(
                DemandRequest(
                    orderpoint.id,
                    orderpoint.product_id.id,
                    self._jit_scope_location(orderpoint).parent_path,
                )
            )
        for (tz_name, window_days, exclude), requests in groups.items():
            demand.update(
                self.env["jit.demand.statistics"]._compute_statistics(
                    requests, window_days, tz_name, exclude
                )
            )

        sellers = orderpoints._jit_sellers()
        lead_times = {}
        for company in orderpoints.company_id:
            company_rules = orderpoints.filtered(
                lambda op, c=company: op.company_id == c
            )
            vendor_ids = {
                sellers[op.id].partner_id.id for op in company_rules if sellers[op.id]
            }
            history = max(
                company_rules.jit_policy_id.mapped("lead_time_history_receipts")
            )
            lead_times[company.id] = self.env[
                "jit.lead.time.statistics"
            ]._compute_statistics(
                company, vendor_ids, company_rules.product_id.ids, history=history
            )
        free_quantities = orderpoints._jit_free_quantities()

        now = fields.Datetime.now()
        values_by_id = {}
        orderpoints = orderpoints.with_context(
            jit_unit_category_id=self.env["ir.model.data"]._xmlid_to_res_id(
                "uom.product_uom_categ_unit"
            )
        )
        for orderpoint in orderpoints:
            try:
                values = orderpoint._jit_prepare_recompute_vals(
                    demand[orderpoint.id],
                    sellers[orderpoint.id],
                    lead_times[orderpoint.company_id.id],
                    free_quantities.get(orderpoint.id, 0.0),
                )
            except Exception:
                _logger.exception(
                    "JIT recompute failed for rule %s", orderpoint.display_name
                )
                continue
            values["jit_computed_at"] = now
            values_by_id[orderpoint.id] = values
        self._jit_write_values(values_by_id)
        return self.browse(list(values_by_id))

    # SQL array type of each field type written by ``_jit_write_values``.
    _JIT_SQL_TYPES = {
        "float": "float8[]",
        "monetary": "float8[]",
        "integer": "int4[]",
        "selection": "varchar[]",
        "text": "text[]",
        "datetime": "timestamp[]",
        "boolean": "bool[]",
    }

    def _jit_write_values(self, values_by_id):
        """Write per-rule values with one UPDATE per set of fields.

        The ORM's write converts and checks every value of every record, which
        costs more than the whole computation; the values here are plain
        numbers, texts and selections we produced ourselves. Caches are
        invalidated and dependent fields marked for recomputation as a write
        would.
        """
        groups = defaultdict(list)
        for record_id, values in values_by_id.items():
            groups[tuple(sorted(values))].append((record_id, values))
        for fnames, rows in groups.items():
            self.flush_model(fnames)
            ids = [record_id for record_id, _values in rows]
            arrays = [
                SQL(
                    "%s::" + self._JIT_SQL_TYPES[self._fields[fname].type],
                    [values[fname] for _id, values in rows],
                )
                for fname in fnames
            ]
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE stock_warehouse_orderpoint AS rule
                       SET %(columns)s,
                           write_uid = %(uid)s,
                           write_date = now() AT TIME ZONE 'UTC'
                      FROM unnest(%(ids)s::int4[], %(arrays)s) AS v(id, %(aliases)s)
                     WHERE rule.id = v.id
                    """,
                    columns=SQL(", ").join(
                        SQL("%s = %s", SQL.identifier(f), SQL.identifier("v", f))
                        for f in fnames
                    ),
                    uid=self.env.uid,
                    ids=ids,
                    arrays=SQL(", ").join(arrays),
                    aliases=SQL(", ").join(SQL.identifier(f) for f in fnames),
                )
            )
            records = self.browse([record_id for record_id, _values in rows])
            records.invalidate_recordset([*fnames, "write_uid", "write_date"])
            records.modified(fnames)

    def _jit_lead_time(self, seller, lead_times):
        """Lead time (days), its deviation and its source for one rule."""
        self.ensure_one()
        policy = self.jit_policy_id
        company = self.company_id
        purchase_days = (company.po_lead or 0.0) + (company.days_to_purchase or 0.0)
        by_vendor, by_product = lead_times
        vendor_id = seller.partner_id.id
        measured = by_product.get((vendor_id, self.product_id.id))
        source = "vendor_product"
        if not measured or measured.receipts < policy.lead_time_min_receipts:
            measured = by_vendor.get(vendor_id)
            source = "vendor"
        if not measured or measured.receipts < policy.lead_time_min_receipts:
            vendor_days = seller.delay if seller else 0.0
            return {
                "lead_time": purchase_days + vendor_days,
                "deviation": 0.0,
                "source": "promised",
                "vendor_days": vendor_days,
                "purchase_days": purchase_days,
                "receipts": measured.receipts if measured else 0,
            }
        return {
            "lead_time": purchase_days + measured.mean,
            "deviation": measured.standard_deviation,
            "source": source,
            "vendor_days": measured.mean,
            "purchase_days": purchase_days,
            "receipts": measured.receipts,
        }

    def _jit_prepare_recompute_vals(self, demand, seller, lead_times, free_qty):
        """Values written on one rule by the recompute (PRODUCT.md formulas)."""
        self.ensure_one()
        policy = self.jit_policy_id
        usage = demand.average_daily_usage
        deviation = demand.standard_deviation
        lead = self._jit_lead_time(seller, lead_times)
        lead_time = lead["lead_time"]
        z = NormalDist().inv_cdf(policy.service_level / 100.0)
        safety_stock = z * math.sqrt(
            lead_time * deviation**2 + usage**2 * lead["deviation"] ** 2
        )
        reorder_point = usage * lead_time + safety_stock
        order_up_to = reorder_point + usage * policy.review_period_days
        vendor_min_qty = 0.0
        if seller:
            vendor_min_qty = seller.product_uom._compute_quantity(
                seller.min_qty, self.product_uom, round=False
            )
        if vendor_min_qty and order_up_to - reorder_point < vendor_min_qty:
            order_up_to = reorder_point + vendor_min_qty
        step = self._jit_quantity_step()
        minimum = float_round(
            reorder_point, precision_rounding=step, rounding_method="UP"
        )
        maximum = float_round(
            max(order_up_to, minimum), precision_rounding=step, rounding_method="UP"
        )
        if self.qty_multiple > 0:
            multiples = float_round(maximum / self.qty_multiple, precision_digits=6)
            maximum = math.ceil(multiples) * self.qty_multiple

        if usage > 0:
            days_of_cover = max(free_qty, 0.0) / usage
        else:
            days_of_cover = _NO_DEMAND_COVER_DAYS if free_qty > 0 else 0.0
        applies = policy.apply_mode == "auto" and not self.jit_locked
        # Overstock is judged against the maximum the rule will really have.
        effective_maximum = maximum if applies else self.product_max_qty
        status = self._jit_status(
            free_qty, usage, days_of_cover, lead_time, effective_maximum
        )

        values = {
            "jit_average_daily_usage": usage,
            "jit_demand_std_dev": deviation,
            "jit_demand_days": demand.days_counted,
            "jit_lead_time_days": lead_time,
            "jit_lead_time_std_dev": lead["deviation"],
            "jit_lead_time_source": lead["source"],
            "jit_safety_stock": safety_stock,
            "jit_reorder_point": minimum,
            "jit_order_up_to": maximum,
            "jit_vendor_min_qty": vendor_min_qty,
            "jit_free_qty": free_qty,
            "jit_days_of_cover": min(days_of_cover, _NO_DEMAND_COVER_DAYS),
            "jit_status": status,
        }
        values["jit_explanation"] = self._jit_explain(
            demand, seller, lead, z, values, reorder_point, order_up_to
        )
        if applies:
            values.update(product_min_qty=minimum, product_max_qty=maximum)
        return values

    def _jit_quantity_step(self):
        """Step to which minimum and maximum are rounded up, meant to be
        overridden: whole units for products counted in units (a reorder point
        of 16.04 pieces means 17), the unit of measure's rounding otherwise."""
        self.ensure_one()
        uom = self.product_uom
        unit_category_id = self.env.context.get("jit_unit_category_id") or self.env[
            "ir.model.data"
        ]._xmlid_to_res_id("uom.product_uom_categ_unit")
        if uom.category_id.id == unit_category_id:
            return max(uom.rounding, 1.0)
        return uom.rounding

    def _jit_status(self, free_qty, usage, days_of_cover, lead_time, maximum):
        """Colour of a rule, meant to be overridden (PRODUCT.md, days of cover)."""
        self.ensure_one()
        if (
            maximum > 0
            and float_compare(
                free_qty, maximum, precision_rounding=self.product_uom.rounding
            )
            > 0
        ):
            return "blue"
        if usage <= 0:
            return "green"
        if days_of_cover < lead_time:
            return "red"
        if days_of_cover < lead_time + self.jit_policy_id.review_period_days:
            return "yellow"
        return "green"

    def _jit_explain(self, demand, seller, lead, z, values, reorder_point, order_up_to):
        """The inputs and formulas behind a rule's numbers, in words."""
        self.ensure_one()
        policy = self.jit_policy_id
        uom = self.product_uom.name
        _ = self.env._
        lines = [
            _(
                "Demand: %(days)s days counted of a %(window)s-day window ending "
                "yesterday (%(stockouts)s stockout days left out); %(out)s %(uom)s "
                "left for customers or production, %(returned)s %(uom)s came back. "
                "Average daily usage = (%(out)s - %(returned)s) / %(days)s = "
                "%(usage).4f %(uom)s/day; standard deviation %(deviation).4f.",
                days=demand.days_counted,
                window=policy.demand_window_days,
                stockouts=demand.stockout_days,
                out=round(demand.total_quantity, 4),
                returned=round(demand.returned_quantity, 4),
                uom=uom,
                usage=values["jit_average_daily_usage"],
                deviation=values["jit_demand_std_dev"],
            )
        ]
        if lead["source"] == "promised":
            lines.append(
                _(
                    "Lead time: vendor %(vendor)s promises %(vendor_days)s days "
                    "(%(receipts)s receipts measured, %(needed)s needed to use "
                    "them) + %(purchase_days)s purchase days of the company = "
                    "L %(lead).2f days, deviation 0.",
                    vendor=seller.partner_id.display_name or _("none"),
                    vendor_days=lead["vendor_days"],
                    receipts=lead["receipts"],
                    needed=policy.lead_time_min_receipts,
                    purchase_days=lead["purchase_days"],
                    lead=lead["lead_time"],
                )
            )
        else:
            lines.append(
                _(
                    "Lead time: %(receipts)s receipts from %(vendor)s took "
                    "%(vendor_days).2f days on average from PO confirmation "
                    "(%(scope)s) + %(purchase_days)s purchase days of the "
                    "company = L %(lead).2f days, deviation %(deviation).2f.",
                    receipts=lead["receipts"],
                    vendor=seller.partner_id.display_name,
                    vendor_days=lead["vendor_days"],
                    scope=dict(
                        self._fields["jit_lead_time_source"]._description_selection(
                            self.env
                        )
                    )[lead["source"]],
                    purchase_days=lead["purchase_days"],
                    lead=lead["lead_time"],
                    deviation=lead["deviation"],
                )
            )
        lines += [
            _(
                "Safety stock = z(%(level)s %%) %(z).4f x sqrt(%(lead).2f x "
                "%(deviation).4f^2 + %(usage).4f^2 x %(lead_deviation).2f^2) = "
                "%(safety).4f.",
                level=policy.service_level,
                z=z,
                lead=lead["lead_time"],
                deviation=values["jit_demand_std_dev"],
                usage=values["jit_average_daily_usage"],
                lead_deviation=lead["deviation"],
                safety=values["jit_safety_stock"],
            ),
            _(
                "Minimum (reorder point) = %(usage).4f x %(lead).2f + %(safety).4f "
                "= %(rop).4f, rounded up to %(minimum)s %(uom)s.",
                usage=values["jit_average_daily_usage"],
                lead=lead["lead_time"],
                safety=values["jit_safety_stock"],
                rop=reorder_point,
                minimum=values["jit_reorder_point"],
                uom=uom,
            ),
            _(
                "Maximum = reorder point + %(usage).4f x review period %(review)s "
                "days, at least reorder point + vendor minimum %(moq)s = "
                "%(target).4f, rounded up to the multiple %(multiple)s: "
                "%(maximum)s %(uom)s.",
                usage=values["jit_average_daily_usage"],
                review=policy.review_period_days,
                moq=values["jit_vendor_min_qty"],
                target=order_up_to,
                multiple=self.qty_multiple,
                maximum=values["jit_order_up_to"],
                uom=uom,
            ),
            _(
                "Days of cover = free stock %(free)s / %(usage).4f = %(cover).1f "
                "days: %(status)s.",
                free=values["jit_free_qty"],
                usage=values["jit_average_daily_usage"],
                cover=values["jit_days_of_cover"],
                status=dict(JIT_STATUS)[values["jit_status"]],
            ),
        ]
        if policy.apply_mode == "suggest":
            lines.append(_("Policy in suggest mode: minimum and maximum not written."))
        elif self.jit_locked:
            lines.append(_("Rule locked by a manual edit: minimum and maximum kept."))
        return "\n".join(lines)

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------

    @api.model
    def _cron_jit_recompute(self, batch_size=1000, order=True):
        """Recompute every JIT rule in batches, committing after each batch,
        then let Odoo's procurement order for the automatic rules that fell
        below their minimum. Odoo counts open RFQ lines in the forecast, so a
        second run does not order the same need again."""
        rule_ids = self.search(
            [("jit_policy_id", "!=", False), ("jit_policy_id.active", "=", True)],
            order="company_id, id",
        ).ids
        _logger.info(
            "JIT recompute: %s rules in batches of %s", len(rule_ids), batch_size
        )
        done = processed = 0
        for batch_ids in split_every(batch_size, rule_ids):
            batch = self.browse(batch_ids)
            written = self._jit_recompute_batch_safely(batch)
            done += len(written)
            processed += len(batch)
            self.env["ir.cron"]._notify_progress(
                done=processed, remaining=len(rule_ids) - processed
            )
            self._jit_commit()
            _logger.info("JIT recompute: %s of %s rules done", done, len(rule_ids))
        if order:
            self.browse(rule_ids)._jit_order_below_minimum()
        _logger.info("JIT recompute finished: %s rules written", done)
        return done

    @api.model
    def _jit_recompute_batch_safely(self, batch):
        """Recompute a batch in a savepoint; when something fails for the
        batch as a whole (a query, the write), retry its rules one by one so
        that a single bad rule is logged and skipped."""
        try:
            with self.env.cr.savepoint():
                return batch._jit_recompute()
        except Exception:
            _logger.exception(
                "JIT recompute: batch of %s rules failed, retrying one by one",
                len(batch),
            )
        self.env.invalidate_all()
        written_ids = []
        for rule in batch:
            try:
                with self.env.cr.savepoint():
                    written_ids += rule._jit_recompute().ids
            except Exception:
                _logger.exception("JIT recompute failed for rule %s", rule.display_name)
                self.env.invalidate_all()
        return self.browse(written_ids)

    def _jit_order_below_minimum(self):
        """Run Odoo's procurement for the automatic JIT rules whose forecast is
        under their minimum."""
        for company in self.company_id:
            rules = self.filtered(
                lambda op, c=company: op.company_id == c and op.trigger == "auto"
            )
            for batch in split_every(1000, rules.ids, self.browse):
                batch.with_company(company)._procure_orderpoint_confirm(
                    use_new_cursor=False, company_id=company, raise_user_error=False
                )
                self._jit_commit()

    @api.model
    def _jit_commit(self):
        """Commit a finished batch, except in tests where the test owns the
        transaction."""
        if not getattr(threading.current_thread(), "testing", False):
            self.env.cr.commit()
