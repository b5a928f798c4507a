from freezegun import freeze_time

from odoo.tests import tagged

from .common import JitInventoryCase


@tagged("post_install", "-at_install")
class TestOrdering(JitInventoryCase):
    def _purchase_lines(self, product):
        return self.env["purchase.order.line"].search([("product_id", "=", product.id)])

    def test_multiple_never_rounds_an_order_below_the_minimum(self):
        """Minimum 8, maximum 8, multiple 6, forecast 0 (Odoo 18 orders 6,
        which leaves the forecast under the minimum): a JIT rule orders 12,
        the smallest multiple of 6 that reaches 8. The same rule without a
        policy keeps Odoo's 6."""
        rule = self.create_rule(
            self.product, product_min_qty=8, product_max_qty=8, qty_multiple=6
        )
        self.assertEqual(rule.qty_forecast, 0.0)
        self.assertEqual(rule.qty_to_order, 12.0)

        plain = self.create_product("Plain widget")
        plain_rule = self.create_rule(
            plain,
            product_min_qty=8,
            product_max_qty=8,
            qty_multiple=6,
            jit_policy_id=False,
        )
        self.assertEqual(plain_rule.qty_to_order, 6.0)

    def test_vendor_minimum_raises_an_order_it_does_not_add_to(self):
        """Vendor minimum 10. Need 8 (min = max = 8, forecast 0) orders 10;
        need 12 orders 12, not 22; with a multiple of 6 the minimum 10 becomes
        12 and a need of 13 becomes 18."""
        rule = self.create_rule(self.product, product_min_qty=8, product_max_qty=8)
        rule.jit_vendor_min_qty = 10.0
        self.assertEqual(rule.qty_to_order, 10.0)
        rule.write({"product_min_qty": 12, "product_max_qty": 12})
        self.assertEqual(rule.qty_to_order, 12.0)
        rule.write({"product_min_qty": 8, "product_max_qty": 8, "qty_multiple": 6})
        self.assertEqual(rule.qty_to_order, 12.0)
        rule.write({"product_min_qty": 13, "product_max_qty": 13})
        self.assertEqual(rule.qty_to_order, 18.0)

    @freeze_time("2026-03-11 10:00:00")
    def test_scheduled_recompute_orders_below_minimum_once(self):
        """Two automatic JIT rules with the same history: 10 delivered on
        03-02 and 20 on 03-05 (window 03-01 to 03-10).
        ADU = 3; sigma_d^2 = (100 + 400) / 10 - 9 = 41; L = 5;
        SS = 1.644854 x sqrt(5 x 41) = 23.5506; ROP = 15 + 23.5506 = 38.5506
        -> min 39; max = 38.5506 + 3 x 5 = 53.5506 -> 54.
        Widget A has no stock left: forecast 0 < 39, one RFQ line for 54.
        Widget B has 970 free: blue, nothing ordered.
        A second run finds the RFQ in the forecast (54 >= 39) and orders
        nothing more.
        """
        product_b = self.create_product("JIT Widget B")
        self.put_in_stock(self.product, 30)
        self.put_in_stock(product_b, 1000)
        rule_a = self.create_rule(self.product, trigger="auto")
        rule_b = self.create_rule(product_b, trigger="auto")
        for product in (self.product, product_b):
            self.deliver(product, 10, "2026-03-02 10:00")
            self.deliver(product, 20, "2026-03-05 10:00")

        self.env["stock.warehouse.orderpoint"]._cron_jit_recompute()

        self.assertEqual((rule_a.product_min_qty, rule_a.product_max_qty), (39.0, 54.0))
        self.assertEqual(rule_b.jit_status, "blue")
        lines = self._purchase_lines(self.product)
        self.assertEqual(len(lines), 1)
        self.assertEqual(lines.product_qty, 54.0)
        self.assertEqual(lines.order_id.partner_id, self.vendor)
        self.assertEqual(lines.order_id.state, "draft")
        self.assertFalse(self._purchase_lines(product_b))

        self.env["stock.warehouse.orderpoint"]._cron_jit_recompute()

        lines = self._purchase_lines(self.product)
        self.assertEqual(len(lines), 1)
        self.assertEqual(lines.product_qty, 54.0)

    @freeze_time("2026-03-11 10:00:00")
    def test_one_bad_rule_does_not_stop_the_batch(self):
        """A rule whose preparation fails is skipped and logged; the others
        of the batch are written."""
        product_b = self.create_product("JIT Widget B")
        rule_a = self.create_rule(self.product)
        rule_b = self.create_rule(product_b)
        original = type(rule_a)._jit_prepare_recompute_vals

        def failing(record, *args, **kwargs):
            if record == rule_a:
                raise ValueError("broken rule")
            return original(record, *args, **kwargs)

        with (
            self.assertLogs(
                "odoo.addons.jit_inventory.models.stock_warehouse_orderpoint", "ERROR"
            ),
            self.patch_prepare(failing),
        ):
            written = (rule_a | rule_b)._jit_recompute()
        self.assertEqual(written, rule_b)
        self.assertFalse(rule_a.jit_computed_at)
        self.assertTrue(rule_b.jit_computed_at)

    def patch_prepare(self, replacement):
        from unittest.mock import patch

        return patch.object(
            type(self.env["stock.warehouse.orderpoint"]),
            "_jit_prepare_recompute_vals",
            replacement,
        )

    @freeze_time("2026-03-11 10:00:00")
    def test_scheduled_run_survives_a_rule_failing_at_write(self):
        """When the write of a whole batch fails, the scheduled run retries
        its rules one by one: the bad one is logged and skipped, the other is
        written."""
        product_b = self.create_product("JIT Widget B")
        rule_a = self.create_rule(self.product)
        rule_b = self.create_rule(product_b)
        Orderpoint = type(self.env["stock.warehouse.orderpoint"])
        original = Orderpoint._jit_write_values

        def failing(records, values_by_id):
            if rule_a.id in values_by_id:
                raise ValueError("cannot write rule A")
            return original(records, values_by_id)

        from unittest.mock import patch

        with (
            patch.object(Orderpoint, "_jit_write_values", failing),
            self.assertLogs(
                "odoo.addons.jit_inventory.models.stock_warehouse_orderpoint", "ERROR"
            ),
        ):
            written = self.env["stock.warehouse.orderpoint"]._cron_jit_recompute(
                order=False
            )
        self.assertGreaterEqual(written, 1)
        self.assertFalse(rule_a.jit_computed_at)
        self.assertTrue(rule_b.jit_computed_at)
