from datetime import timedelta

from odoo import fields

from .worklist_common import WorklistCase


class TestCashSnapshot(WorklistCase):
    """A company of its own (no demo stock), products at standard cost in a
    manually valued category, stock received and delivered with real moves
    (each creating its stock valuation layer), holding-cost rate 24 %/year.

    - P1, cost 10: 30 received (300.00), 10 delivered today, requested today
      (-100.00): 20 valued at 200.00. JIT rule min 5 / max 15; free stock 20.
    - P2, cost 4, no JIT rule: 50 received (200.00); 5 delivered today though
      requested yesterday (-20.00): 45 valued at 180.00. 5 more requested
      today, confirmed but not delivered.
    - P3: JIT rule with usage 2/day, never in stock: a stockout event each day.
    - P4: JIT rule with usage 2/day, 5 received yesterday, 5 delivered today
      (requested today): in stock at the start of today, so no stockout.
    - P5: JIT rule without demand, no stock: no stockout event (no demand).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cash_company = cls.env["res.company"].create({"name": "JIT Cash Co"})
        cls._prepare_company(cls.cash_company)
        cls.cash_company.jit_holding_cost_rate = 24.0
        cls.env.user.company_ids |= cls.cash_company
        cls.cash_warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.cash_company.id)], limit=1
        )
        cls.cash_policy = cls.env["jit.replenishment.policy"].create(
            {
                "name": "Cash Co",
                "company_id": cls.cash_company.id,
                "apply_mode": "suggest",
            }
        )
        company = cls.cash_company
        cls.p1 = cls._create_product("Cash P1", cost=10.0, company=company)
        cls.p2 = cls._create_product("Cash P2", cost=4.0, company=company)
        cls.p3 = cls._create_product("Cash P3", company=company)
        cls.p4 = cls._create_product("Cash P4", company=company)
        cls.p5 = cls._create_product("Cash P5", company=company)
        rule_values = {"warehouse": cls.cash_warehouse, "policy": cls.cash_policy}
        cls.rule1 = cls._create_rule(cls.p1, 5.0, 15.0, **rule_values)
        for product in (cls.p3, cls.p4, cls.p5):
            rule = cls._create_rule(product, 1.0, 4.0, **rule_values)
            usage = 0.0 if product == cls.p5 else 2.0
            rule.with_context(jit_recompute=True).jit_average_daily_usage = usage

        now = fields.Datetime.now()
        yesterday = now - timedelta(days=1)
        warehouse = cls.cash_warehouse
        cls._receive(cls.p1, 30.0, warehouse)
        cls._deliver(cls.p1, 10.0, warehouse, date_deadline=now)
        cls._receive(cls.p2, 50.0, warehouse)
        cls._deliver(cls.p2, 5.0, warehouse, date_deadline=yesterday)
        waiting = cls.env["stock.move"].create(
            {
                "name": "P2 waiting",
                "product_id": cls.p2.id,
                "product_uom_qty": 5.0,
                "product_uom": cls.p2.uom_id.id,
                "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": cls.env.ref("stock.stock_location_customers").id,
                "company_id": company.id,
                "date_deadline": now,
            }
        )
        waiting._action_confirm()
        cancelled = waiting.copy({"name": "P2 cancelled", "product_uom_qty": 7.0})
        cancelled._action_cancel()
        cls._receive(cls.p4, 5.0, warehouse, days_ago=1)
        cls._deliver(cls.p4, 5.0, warehouse, date_deadline=now)
        cls.today = fields.Date.today()

    def _snapshot(self, day):
        snapshots = self.env["jit.cash.snapshot"]._jit_take_snapshot(
            self.cash_company, day
        )
        return {snapshot.product_id: snapshot for snapshot in snapshots}

    def test_inventory_value_and_holding_cost_from_valuation_layers(self):
        """Inventory value = sum of valuation layers: P1 200.00, P2 180.00,
        total 380.00. Holding cost per month at 24 %/year (2 %/month): P1 4.00,
        P2 3.60, total 7.60."""
        rows = self._snapshot(self.today)

        self.assertAlmostEqual(rows[self.p1].quantity, 20.0)
        self.assertAlmostEqual(rows[self.p1].inventory_value, 200.0)
        self.assertAlmostEqual(rows[self.p2].quantity, 45.0)
        self.assertAlmostEqual(rows[self.p2].inventory_value, 180.0)
        self.assertAlmostEqual(rows[self.p1].holding_cost, 4.0)
        self.assertAlmostEqual(rows[self.p2].holding_cost, 3.6)
        total = self.env["jit.cash.snapshot"].read_group(
            [("company_id", "=", self.cash_company.id), ("date", "=", self.today)],
            ["inventory_value:sum", "holding_cost:sum"],
            [],
        )[0]
        self.assertAlmostEqual(total["inventory_value"], 380.0)
        self.assertAlmostEqual(total["holding_cost"], 7.6)

    def test_cash_tied_up_is_free_stock_of_jit_products(self):
        """Cash tied up = free stock of JIT products x unit cost: P1 20 x 10.00 =
        200.00; P2 has no JIT rule: 0. Excess above P1's maximum 15: 5 x 10.00
        = 50.00."""
        rows = self._snapshot(self.today)

        self.assertAlmostEqual(rows[self.p1].free_qty, 20.0)
        self.assertAlmostEqual(rows[self.p1].cash_tied_up, 200.0)
        self.assertAlmostEqual(rows[self.p1].excess_value, 50.0)
        self.assertAlmostEqual(rows[self.p2].cash_tied_up, 0.0)

    def test_stockout_events_count_days_without_stock_for_products_with_demand(self):
        """Today: P3 (demand, never in stock) is one stockout event; P4 had
        stock at the start of the day, P5 has no demand, P1 has stock: none."""
        rows = self._snapshot(self.today)

        self.assertEqual(rows[self.p3].stockout_count, 1)
        self.assertEqual(rows[self.p4].stockout_count, 0)
        self.assertNotIn(self.p5, rows, "no stock, no demand: no line")
        self.assertEqual(rows[self.p1].stockout_count, 0)

    def test_fill_rate_is_demand_delivered_on_the_requested_day(self):
        """Requested today: P1 10 (delivered), P2 5 (waiting; the cancelled 7 is
        left out), P4 5 (delivered). Fill rate = (10 + 0 + 5) / (10 + 5 + 5) =
        75 %; per product P1 100 %, P2 0 %. Yesterday: P2's 5 were requested
        and only delivered today: 0 of 5, fill rate 0 %."""
        rows = self._snapshot(self.today)

        self.assertAlmostEqual(rows[self.p1].fill_rate, 100.0)
        self.assertAlmostEqual(rows[self.p2].demanded_qty, 5.0)
        self.assertAlmostEqual(rows[self.p2].fill_rate, 0.0)
        total = self.env["jit.cash.snapshot"].read_group(
            [("company_id", "=", self.cash_company.id), ("date", "=", self.today)],
            ["fill_rate"],
            [],
        )[0]
        self.assertAlmostEqual(total["fill_rate"], 75.0)

        yesterday_rows = self._snapshot(self.today - timedelta(days=1))

        self.assertAlmostEqual(yesterday_rows[self.p2].demanded_qty, 5.0)
        self.assertAlmostEqual(yesterday_rows[self.p2].on_time_qty, 0.0)
        self.assertAlmostEqual(yesterday_rows[self.p2].inventory_value, 0.0)
        self.assertEqual(yesterday_rows[self.p3].stockout_count, 1)

    def test_snapshot_of_a_day_is_replaced_not_doubled(self):
        """Taking today's snapshot twice leaves one line per product."""
        self._snapshot(self.today)
        self._snapshot(self.today)

        lines = self.env["jit.cash.snapshot"].search(
            [("company_id", "=", self.cash_company.id), ("date", "=", self.today)]
        )
        self.assertEqual(len(lines.filtered(lambda s: s.product_id == self.p1)), 1)

    def test_cash_view_averages_levels_per_day_and_sums_events(self):
        """Two snapshot days of one month, written by hand:

        - day 1: P1 value 100.00, 1 stockout, 10 demanded / 6 on time;
          P2 value 50.00;
        - day 2: P1 value 300.00, 1 stockout, 30 demanded / 30 on time;
          P2 not listed (nothing in stock).

        Month: value per day = (100 + 50 + 300) / 2 days = 225.00; P2 alone:
        50 / 2 = 25.00 (its empty day counts as 0); stockout events summed: 2;
        fill rate from the sums: 36 / 40 = 90 % (not the average of 60 % and
        100 %). Filtered on P2 alone, still 50 / 2 days = 25.00: a filter on the
        product does not shrink the days."""
        Snapshot = self.env["jit.cash.snapshot"]
        day_1 = fields.Date.to_date("2026-03-10")
        day_2 = fields.Date.to_date("2026-03-11")
        common = {"company_id": self.cash_company.id}
        Snapshot.create(
            [
                {
                    **common,
                    "date": day_1,
                    "product_id": self.p1.id,
                    "inventory_value": 100.0,
                    "stockout_count": 1,
                    "demanded_qty": 10.0,
                    "on_time_qty": 6.0,
                },
                {
                    **common,
                    "date": day_1,
                    "product_id": self.p2.id,
                    "inventory_value": 50.0,
                },
                {
                    **common,
                    "date": day_2,
                    "product_id": self.p1.id,
                    "inventory_value": 300.0,
                    "stockout_count": 1,
                    "demanded_qty": 30.0,
                    "on_time_qty": 30.0,
                },
            ]
        )
        domain = [
            ("company_id", "=", self.cash_company.id),
            ("date", "<", "2026-04-01"),
        ]

        month = Snapshot.read_group(
            domain,
            ["inventory_value:sum", "stockout_count:sum", "fill_rate"],
            ["date:month"],
        )
        by_product = Snapshot.read_group(
            domain, ["inventory_value:sum"], ["date:month", "product_id"], lazy=False
        )

        self.assertEqual(len(month), 1)
        self.assertAlmostEqual(month[0]["inventory_value"], 225.0)
        self.assertEqual(month[0]["stockout_count"], 2)
        self.assertAlmostEqual(month[0]["fill_rate"], 90.0)
        values = {row["product_id"][0]: row["inventory_value"] for row in by_product}
        self.assertAlmostEqual(values[self.p1.id], 200.0)
        self.assertAlmostEqual(values[self.p2.id], 25.0)
        only_p2 = Snapshot.read_group(
            [*domain, ("product_id", "=", self.p2.id)],
            ["inventory_value:sum"],
            ["date:month"],
        )
        self.assertAlmostEqual(only_p2[0]["inventory_value"], 25.0)

    def test_cron_snapshots_yesterday_for_every_company(self):
        """The scheduled action takes yesterday's snapshot of each company: the
        cash company gets P2's late delivery (5 demanded, 0 on time)."""
        self.env["jit.cash.snapshot"]._cron_take_snapshots()

        line = self.env["jit.cash.snapshot"].search(
            [
                ("company_id", "=", self.cash_company.id),
                ("date", "=", self.today - timedelta(days=1)),
                ("product_id", "=", self.p2.id),
            ]
        )
        self.assertAlmostEqual(line.demanded_qty, 5.0)
        self.assertAlmostEqual(line.on_time_qty, 0.0)

    def test_valuation_of_a_past_day_follows_the_move_dates(self):
        """P6, cost 2, JIT rule maximum 6: 8 received 3 days ago, 3 delivered
        today. Three days ago the snapshot shows 8 valued 16.00; yesterday
        too; today 5 valued 10.00: a layer counts from its move's date, not
        from when the history was recorded. Three days ago (taken after the
        fact, reservations unknown) the 8 count as free: cash tied up 16.00,
        excess (8 - 6) x 2.00 = 4.00."""
        p6 = self._create_product("Cash P6", cost=2.0, company=self.cash_company)
        self._create_rule(
            p6, 2.0, 6.0, warehouse=self.cash_warehouse, policy=self.cash_policy
        )
        self._receive(p6, 8.0, self.cash_warehouse, days_ago=3)
        self._deliver(p6, 3.0, self.cash_warehouse)

        three_days_ago = self._snapshot(self.today - timedelta(days=3))[p6]
        yesterday = self._snapshot(self.today - timedelta(days=1))[p6]
        today = self._snapshot(self.today)[p6]

        self.assertAlmostEqual(three_days_ago.quantity, 8.0)
        self.assertAlmostEqual(three_days_ago.inventory_value, 16.0)
        self.assertAlmostEqual(three_days_ago.cash_tied_up, 16.0)
        self.assertAlmostEqual(three_days_ago.excess_value, 4.0)
        self.assertAlmostEqual(yesterday.inventory_value, 16.0)
        self.assertAlmostEqual(today.quantity, 5.0)
        self.assertAlmostEqual(today.inventory_value, 10.0)
