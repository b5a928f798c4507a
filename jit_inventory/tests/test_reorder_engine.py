from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import JitInventoryCase


@tagged("post_install", "-at_install")
class TestReorderEngine(JitInventoryCase):
    @freeze_time("2026-03-11 10:00:00")
    def test_rule_sized_from_demand_and_promised_lead_time(self):
        """Formulas of PRODUCT.md on a 10-day window (2026-03-01 to 03-10).

        Stock 100. Deliveries: 10 on 03-02, 20 on 03-05, 30 on 03-09 (in the
        window); 7 today 03-11 and 9 on 02-28 (outside it).
        Daily demand [0,10,0,0,20,0,0,0,30,0]: ADU = 60 / 10 = 6.
        sigma_d^2 = (100 + 400 + 900) / 10 - 6^2 = 104, sigma_d = 10.1980.
        L = vendor delay 4 + purchase lead 1 = 5 days, sigma_L = 0 (no receipt).
        SS = 1.644854 x sqrt(5 x 104) = 37.5084.
        ROP = 6 x 5 + 37.5084 = 67.5084 -> minimum 68 (units round up).
        Max = 67.5084 + 6 x 5 = 97.5084 -> 98 (multiple 1).
        Free stock = 100 - 10 - 20 - 30 - 7 - 9 = 24; cover = 24 / 6 = 4 days
        < L = 5: red.
        """
        self.put_in_stock(self.product, 100)
        rule = self.create_rule(self.product)
        for quantity, date in (
            (10, "2026-03-02 09:00"),
            (20, "2026-03-05 12:00"),
            (30, "2026-03-09 16:00"),
            (7, "2026-03-11 08:00"),
            (9, "2026-02-28 12:00"),
        ):
            self.deliver(self.product, quantity, date)

        rule.action_jit_recompute()

        self.assertAlmostEqual(rule.jit_average_daily_usage, 6.0)
        self.assertAlmostEqual(rule.jit_demand_std_dev, 10.1980, places=4)
        self.assertEqual(rule.jit_demand_days, 10)
        self.assertAlmostEqual(rule.jit_lead_time_days, 5.0)
        self.assertEqual(rule.jit_lead_time_source, "promised")
        self.assertAlmostEqual(rule.jit_safety_stock, 37.5084, places=4)
        self.assertEqual(rule.product_min_qty, 68.0)
        self.assertEqual(rule.product_max_qty, 98.0)
        self.assertAlmostEqual(rule.jit_free_qty, 24.0)
        self.assertAlmostEqual(rule.jit_days_of_cover, 4.0)
        self.assertEqual(rule.jit_status, "red")
        self.assertTrue(rule.jit_computed_at)
        self.assertIn("(60.0 - 0.0) / 10 = 6.0000", rule.jit_explanation)
        self.assertIn("= 37.5084", rule.jit_explanation)

    @freeze_time("2026-03-11 10:00:00")
    def test_only_customer_and_production_outflows_are_demand(self):
        """Window 03-01 to 03-10, stock 200.

        Counted: 12 delivered on 03-03, 8 consumed by production on 03-04,
        a customer return of 5 on 03-06 (subtracted).
        Not counted: 15 moved to another internal location, 4 scrapped, 6 lost
        in an inventory count, 30 received from the vendor.
        ADU = (12 + 8 - 5) / 10 = 1.5.
        """
        self.put_in_stock(self.product, 200)
        rule = self.create_rule(self.product)
        production = self.env["stock.location"].search(
            [("usage", "=", "production"), ("company_id", "=", self.company.id)],
            limit=1,
        )
        scrap = self.env["stock.location"].search(
            [
                ("scrap_location", "=", True),
                ("company_id", "in", [self.company.id, False]),
            ],
            limit=1,
        )
        inventory = self.product.property_stock_inventory
        other_internal = self.env["stock.location"].create(
            {
                "name": "Shop floor",
                "usage": "internal",
                "location_id": self.warehouse.view_location_id.id,
            }
        )
        self.deliver(self.product, 12, "2026-03-03 10:00")
        self.done_move(self.product, self.stock, production, 8, "2026-03-04 10:00")
        self.done_move(self.product, self.customers, self.stock, 5, "2026-03-06 10:00")
        self.done_move(self.product, self.stock, other_internal, 15, "2026-03-07 10:00")
        self.done_move(self.product, self.stock, scrap, 4, "2026-03-07 11:00")
        self.done_move(self.product, self.stock, inventory, 6, "2026-03-08 10:00")
        self.done_move(self.product, self.suppliers, self.stock, 30, "2026-03-08 11:00")

        rule.action_jit_recompute()

        self.assertAlmostEqual(rule.jit_average_daily_usage, 1.5)
        self.assertIn("(20.0 - 5.0) / 10 = 1.5000", rule.jit_explanation)

    @freeze_time("2026-01-11 15:00:00")
    def test_days_cut_in_company_time_zone_and_today_excluded(self):
        """Company in America/New_York (UTC-5 in January); now is 2026-01-11
        10:00 local, so the 10-day window is 01-01 to 01-10 local.

        - 10 delivered 01-10 22:30 local (01-11 03:30 UTC): counted on 01-10,
          although in UTC it falls on today;
        - 3 delivered 01-11 01:00 local (06:00 UTC): today, excluded;
        - 4 delivered 01-01 23:00 local (01-02 04:00 UTC): first day, counted;
        - 6 delivered 12-31 23:30 local (01-01 04:30 UTC): before the window.
        ADU = (10 + 4) / 10 = 1.4.
        """
        self.company.partner_id.tz = "America/New_York"
        self.put_in_stock(self.product, 100)
        rule = self.create_rule(self.product)
        self.deliver(self.product, 10, "2026-01-11 03:30")
        self.deliver(self.product, 3, "2026-01-11 06:00")
        self.deliver(self.product, 4, "2026-01-02 04:00")
        self.deliver(self.product, 6, "2026-01-01 04:30")

        rule.action_jit_recompute()

        self.assertAlmostEqual(rule.jit_average_daily_usage, 1.4)

    @freeze_time("2026-03-11 10:00:00")
    def test_stockout_days_left_out_when_policy_asks(self):
        """Window 03-01 to 03-10. No stock before 03-06: 20 arrive on 03-06
        at 08:00 and 4 are delivered each day from 03-06 to 03-10 (20 in all),
        so stock ends every day from 03-01 to 03-05 at zero, having started it
        at zero, and 03-10 ends at zero but started it with 4.

        Without correction: ADU = 20 / 10 = 2.
        Leaving out the 5 stockout days (03-01 to 03-05): ADU = 20 / 5 = 4.
        """
        rule = self.create_rule(self.product)
        self.done_move(self.product, self.suppliers, self.stock, 20, "2026-03-06 08:00")
        for day in range(6, 11):
            self.deliver(self.product, 4, f"2026-03-{day:02d} 12:00")

        rule.action_jit_recompute()
        self.assertAlmostEqual(rule.jit_average_daily_usage, 2.0)

        self.policy.exclude_stockout_days = True
        rule.action_jit_recompute()
        self.assertEqual(rule.jit_demand_days, 5)
        self.assertAlmostEqual(rule.jit_average_daily_usage, 4.0)

    @freeze_time("2026-03-11 10:00:00")
    def test_measured_lead_time_replaces_promise_after_three_receipts(self):
        """Three receipts of the vendor took 4, 6 and 8 days from PO
        confirmation: mean 6, sigma_L = sqrt((4 + 0 + 4) / 3) = 1.6330.
        L = 6 + purchase lead 1 = 7. Same demand as the first test (ADU 6,
        sigma_d^2 = 104), stock 100 before.
        SS = 1.644854 x sqrt(7 x 104 + 36 x 8/3) = 47.2162.
        ROP = 6 x 7 + 47.2162 = 89.2162 -> 90; max = 89.2162 + 30 -> 120.
        """
        self.put_in_stock(self.product, 100)
        rule = self.create_rule(self.product)
        for quantity, date in (
            (10, "2026-03-02 09:00"),
            (20, "2026-03-05 12:00"),
            (30, "2026-03-09 16:00"),
        ):
            self.deliver(self.product, quantity, date)
        for days, confirmed in (
            (4, "2026-01-05"),
            (6, "2026-01-12"),
            (8, "2026-01-19"),
        ):
            self.receive_from_vendor(self.product, 5, confirmed, days)

        rule.action_jit_recompute()

        self.assertEqual(rule.jit_lead_time_source, "vendor_product")
        self.assertAlmostEqual(rule.jit_lead_time_days, 7.0)
        self.assertAlmostEqual(rule.jit_lead_time_std_dev, 1.6330, places=4)
        self.assertAlmostEqual(rule.jit_safety_stock, 47.2162, places=4)
        self.assertEqual(rule.product_min_qty, 90.0)
        self.assertEqual(rule.product_max_qty, 120.0)

    def receive_from_vendor(self, product, quantity, confirmed, days):
        """A PO confirmed at ``confirmed`` 09:00 and received ``days`` later."""
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_qty": quantity})
                ],
            }
        )
        order.button_confirm()
        picking = order.picking_ids
        picking.move_ids.quantity = quantity
        picking.move_ids.picked = True
        picking.button_validate()
        confirmed_at = f"{confirmed} 09:00:00"
        order.write({"date_approve": confirmed_at})
        picking.write({"date_done": order.date_approve + timedelta(days=days)})
        return order

    @freeze_time("2026-03-11 10:00:00")
    def test_vendor_minimum_raises_maximum_without_adding(self):
        """ADU 1 (10 delivered on one day of the 10-day window): daily
        [10, 0 x 9] gives sigma_d^2 = 100 / 10 - 1 = 9, sigma_d = 3. L = 5.
        SS = 1.644854 x sqrt(5 x 9) = 11.0342; ROP = 5 + 11.0342 = 16.0342
        -> 17. Review 5 days adds 5 (order 5 at a time) but the vendor minimum
        is 12: max = 16.0342 + 12 = 28.0342 -> 29, rounded up to the multiple
        of 6 -> 30.
        """
        product = self.create_product("Boxed widget", min_qty=12.0)
        self.put_in_stock(product, 50)
        rule = self.create_rule(product, qty_multiple=6.0)
        self.deliver(product, 10, "2026-03-03 10:00")

        rule.action_jit_recompute()

        self.assertAlmostEqual(rule.jit_demand_std_dev, 3.0)
        self.assertEqual(rule.product_min_qty, 17.0)
        self.assertEqual(rule.jit_vendor_min_qty, 12.0)
        self.assertEqual(rule.product_max_qty, 30.0)

    def test_suggest_mode_keeps_minimum_and_maximum(self):
        """A policy in suggest mode stores the suggestion only. With no demand
        the suggested maximum is 0, but the rule keeps 9: 20 in stock is
        overstock (blue) against the 9 the rule really has."""
        self.policy.apply_mode = "suggest"
        rule = self.create_rule(self.product, product_min_qty=3, product_max_qty=9)
        self.put_in_stock(self.product, 20)
        rule.action_jit_recompute()
        self.assertEqual((rule.product_min_qty, rule.product_max_qty), (3.0, 9.0))
        self.assertEqual(rule.jit_order_up_to, 0.0)
        self.assertEqual(rule.jit_status, "blue")
        self.assertTrue(rule.jit_computed_at)
        self.assertIn("suggest mode", rule.jit_explanation)

    def test_rules_outside_policy_categories_are_left_alone(self):
        """A policy scoped to one category recomputes only its products."""
        pilot = self.env["product.category"].create({"name": "Pilot line"})
        self.policy.product_category_ids = pilot
        rule = self.create_rule(self.product, product_min_qty=3, product_max_qty=9)
        rule.action_jit_recompute()
        self.assertFalse(rule.jit_computed_at)
        self.product.categ_id = pilot
        rule.action_jit_recompute()
        self.assertTrue(rule.jit_computed_at)

    @freeze_time("2026-03-11 10:00:00")
    def test_price_breaks_are_not_the_vendor_minimum(self):
        """The vendor sells from 1 unit (delay 4) and cheaper from 100 units
        (delay 9): the minimum order is 1, not 100, and the delay is that of
        the line from 1 unit. An expired line from 50 units is ignored."""
        product = self.create_product("Price-break widget", min_qty=1.0)
        self.env["product.supplierinfo"].create(
            [
                {
                    "product_tmpl_id": product.product_tmpl_id.id,
                    "partner_id": self.vendor.id,
                    "min_qty": 100.0,
                    "price": 8.0,
                    "delay": 9,
                },
                {
                    "product_tmpl_id": product.product_tmpl_id.id,
                    "partner_id": self.vendor.id,
                    "min_qty": 50.0,
                    "price": 7.0,
                    "delay": 2,
                    "date_end": "2026-01-31",
                },
            ]
        )
        rule = self.create_rule(product)
        rule.action_jit_recompute()
        self.assertEqual(rule.jit_vendor_min_qty, 1.0)
        self.assertAlmostEqual(rule.jit_lead_time_days, 5.0)
