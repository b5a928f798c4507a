from odoo.tests import HttpCase, tagged

from .worklist_common import WorklistCase


@tagged("post_install", "-at_install")
class TestWorklistTour(HttpCase, WorklistCase):
    def test_worklist_order_now_in_browser(self):
        """In the browser, an admin opens Just in Time > Inventory >
        Replenishment Worklist, finds the red rule first and clicks Order now
        twice: one RFQ line of 50 - 4 = 46 units (rule minimum 20, maximum 50,
        4 in stock, out of 20 used over the 10-day window: usage 2/day, cover 2
        days under the 5-day lead time: red); the second click orders nothing
        more."""
        product = self._create_product("Tour Bolt", cost=3.0, vendor=self.vendor)
        rule = self._create_rule(product, minimum=20.0, maximum=50.0)
        self._receive(product, 24.0, days_ago=3)
        self._deliver(product, 20.0, days_ago=2)
        rule.action_jit_recompute()
        self.assertEqual(rule.jit_status, "red")
        self.assertAlmostEqual(rule.jit_days_of_cover, 0.0 + 2.0)

        self.start_tour("/odoo", "jit_worklist_order_now", login="admin", timeout=120)

        rfq_lines = self.env["purchase.order.line"].search(
            [("product_id", "=", product.id)]
        )
        self.assertEqual(len(rfq_lines), 1)
        self.assertAlmostEqual(rfq_lines.product_qty, 46.0)
