from odoo import api, fields, models, tools
from odoo.tools import SQL

from .stock_warehouse_orderpoint import JIT_STATUS


class JitWorklistLine(models.Model):
    """The replenishment worklist: one line per JIT reorder rule (and, in
    extensions, per kanban loop), most urgent first.

    A read-only SQL view. Each source of lines is one SELECT returned by
    :meth:`_worklist_sources`; an addon adds a source (kanban loops, for
    example) by overriding that method, adding its model to ``source``'s
    selection and giving its lines ids that cannot collide: a rule's line has
    id ``rule id * 16``, the next source uses ``id * 16 + 1`` and so on.
    """

    _name = "jit.worklist.line"
    _description = "JIT Replenishment Worklist Line"
    _auto = False
    _order = "urgency, days_of_cover, need_value desc, id"
    _rec_name = "product_id"

    source = fields.Reference(
        [("stock.warehouse.orderpoint", "Reorder Rule")],
        readonly=True,
        help="Record the line comes from: a JIT reorder rule (or a kanban loop).",
    )
    orderpoint_id = fields.Many2one(
        "stock.warehouse.orderpoint",
        string="Reorder Rule",
        readonly=True,
        help="JIT reorder rule of the line, empty for other sources.",
    )
    product_id = fields.Many2one(
        "product.product", readonly=True, help="Product to replenish."
    )
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        readonly=True,
        help="Category of the product.",
    )
    vendor_id = fields.Many2one(
        "res.partner",
        string="Vendor",
        readonly=True,
        help="Vendor the rule buys from (the rule's or the product's first).",
    )
    location_id = fields.Many2one(
        "stock.location", readonly=True, help="Location the rule keeps stocked."
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse", readonly=True, help="Warehouse of the location."
    )
    company_id = fields.Many2one(
        "res.company", readonly=True, help="Company of the rule."
    )
    currency_id = fields.Many2one(
        "res.currency", readonly=True, help="Currency of the value (the company's)."
    )
    status = fields.Selection(
        JIT_STATUS,
        readonly=True,
        help="Red: cover under the lead time. Yellow: under lead time plus review "
        "period. Green: enough. Blue: free stock above the maximum (overstock).",
    )
    urgency = fields.Integer(
        readonly=True,
        aggregator=False,
        help="Rank of the status: 0 red, 1 yellow, 2 green, 3 blue, 4 not "
        "computed yet. The list is sorted by it, then by days of cover, then by "
        "value.",
    )
    color = fields.Integer(
        readonly=True,
        aggregator=False,
        help="Kanban colour of the status.",
    )
    days_of_cover = fields.Float(
        digits=(16, 1),
        readonly=True,
        aggregator="min",
        help="Free stock divided by average daily usage at the last recompute.",
    )
    free_qty = fields.Float(
        string="Free Stock",
        digits="Product Unit of Measure",
        readonly=True,
        help="On hand minus reserved in the location at the last recompute.",
    )
    average_daily_usage = fields.Float(
        digits="Product Unit of Measure",
        readonly=True,
        aggregator=False,
        help="Quantity used per day over the policy's demand window.",
    )
    lead_time_days = fields.Float(
        string="Lead Time (days)",
        readonly=True,
        aggregator="avg",
        help="Days from ordering to receiving, used for the colours.",
    )
    minimum_qty = fields.Float(
        string="Minimum",
        digits="Product Unit of Measure",
        readonly=True,
        aggregator=False,
        help="Reorder point: an order is due when the forecast falls under it.",
    )
    maximum_qty = fields.Float(
        string="Maximum",
        digits="Product Unit of Measure",
        readonly=True,
        aggregator=False,
        help="Order-up-to level: what an order refills to.",
    )
    need_qty = fields.Float(
        string="Quantity to Maximum",
        digits="Product Unit of Measure",
        readonly=True,
        help="Quantity that brings the free stock up to the maximum.",
    )
    need_value = fields.Monetary(
        string="Value of Need",
        readonly=True,
        help="Quantity to maximum x product cost at the last recompute.",
    )
    has_alert = fields.Boolean(
        string="Alert Open",
        readonly=True,
        help="A stockout alert (activity on the product) is open for the rule.",
    )
    computed_at = fields.Datetime(
        string="Computed On", readonly=True, help="Date of the last recompute."
    )

    @api.model
    def _worklist_sources(self):
        """SQL queries whose union is the worklist, meant to be extended. Each
        returns every column of the view, in the same order. Urgency ranks the
        status (0 red, 1 yellow, 2 green, 3 blue, 4 not computed); colour is
        the kanban colour index of the status."""
        # Odoo leaves a float column empty when 0 is written on a new record:
        # COALESCE, so that 0 days of cover sorts first.
        return [
            SQL(
                """
            SELECT op.id * 16 AS id,
                   'stock.warehouse.orderpoint,' || op.id AS source,
                   op.id AS orderpoint_id,
                   op.product_id,
                   tmpl.categ_id,
                   op.jit_vendor_id AS vendor_id,
                   op.location_id,
                   op.warehouse_id,
                   op.company_id,
                   company.currency_id,
                   op.jit_status AS status,
                   CASE op.jit_status
                        WHEN 'red' THEN 0 WHEN 'yellow' THEN 1
                        WHEN 'green' THEN 2 WHEN 'blue' THEN 3 ELSE 4
                   END AS urgency,
                   CASE op.jit_status
                        WHEN 'red' THEN 1 WHEN 'yellow' THEN 3
                        WHEN 'green' THEN 10 WHEN 'blue' THEN 4 ELSE 0
                   END AS color,
                   COALESCE(op.jit_days_of_cover, 0) AS days_of_cover,
                   COALESCE(op.jit_free_qty, 0) AS free_qty,
                   COALESCE(op.jit_average_daily_usage, 0) AS average_daily_usage,
                   COALESCE(op.jit_lead_time_days, 0) AS lead_time_days,
                   COALESCE(op.product_min_qty, 0) AS minimum_qty,
                   COALESCE(op.product_max_qty, 0) AS maximum_qty,
                   COALESCE(op.jit_need_qty, 0) AS need_qty,
                   COALESCE(op.jit_need_value, 0) AS need_value,
                   op.jit_alert_activity_id IS NOT NULL AS has_alert,
                   op.jit_computed_at AS computed_at
              FROM stock_warehouse_orderpoint op
              JOIN product_product product ON product.id = op.product_id
              JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
              JOIN res_company company ON company.id = op.company_id
             WHERE op.active
               AND op.jit_policy_id IS NOT NULL
            """
            )
        ]

    def init(self):
        # Odoo creates tables model by model in import order; the rule columns
        # the view reads must exist whatever the order of models/__init__.py.
        self.env["stock.warehouse.orderpoint"]._auto_init()
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL(" UNION ALL ").join(self._worklist_sources()),
            )
        )

    def action_order_now(self):
        """Order now what the line's source needs (Odoo's procurement for a
        rule: a request for quotation for a buy route)."""
        self.ensure_one()
        return self.source.action_jit_order_now()

    def action_open_source(self):
        """Open the rule (or loop) behind the line."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.source._name,
            "res_id": self.source.id,
            "views": [(False, "form")],
        }
