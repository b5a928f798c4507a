from odoo.exceptions import AccessError, UserError

from .worklist_common import WorklistCase


class TestWorklistOrderNow(WorklistCase):
    def _rfq_lines(self, product):
        return self.env["purchase.order.line"].search([("product_id", "=", product.id)])

    def test_order_now_orders_once(self):
        """Order now from the worklist creates one RFQ for what the rule needs;
        a second click while the RFQ is open orders nothing more.

        Rule minimum 20, maximum 50 (suggest mode keeps them), 4 in stock, vendor
        price 3.00. Quantity to order = 50 - 4 = 46: one draft RFQ line of 46
        for the vendor. Second click: forecast 4 + 46 = 50 >= minimum 20, so the
        quantity to order is 0 and no line nor quantity is added."""
        product = self._create_product("Order me", cost=3.0, vendor=self.vendor)
        rule = self._create_rule(product, minimum=20.0, maximum=50.0)
        self._receive(product, 4.0, days_ago=3)
        rule.action_jit_recompute()
        line = self._worklist(rule)

        line.action_order_now()

        rfq_lines = self._rfq_lines(product)
        self.assertEqual(len(rfq_lines), 1)
        self.assertAlmostEqual(rfq_lines.product_qty, 46.0)
        self.assertEqual(rfq_lines.order_id.partner_id, self.vendor)
        self.assertEqual(rfq_lines.order_id.state, "draft")

        result = line.action_order_now()

        self.assertEqual(self._rfq_lines(product), rfq_lines)
        self.assertAlmostEqual(rfq_lines.product_qty, 46.0)
        self.assertEqual(result["params"]["type"], "info")
        self.assertIn("Nothing to order", result["params"]["message"])

    def test_order_now_orders_again_after_rfq_is_cancelled(self):
        """Once the RFQ is cancelled, the forecast drops back to 4 and Order now
        orders 46 again."""
        product = self._create_product("Order again", cost=3.0, vendor=self.vendor)
        rule = self._create_rule(product, minimum=20.0, maximum=50.0)
        self._receive(product, 4.0, days_ago=3)
        rule.action_jit_order_now()
        self._rfq_lines(product).order_id.button_cancel()

        rule.action_jit_order_now()

        open_lines = self._rfq_lines(product).filtered(
            lambda pol: pol.order_id.state == "draft"
        )
        self.assertEqual(len(open_lines), 1)
        self.assertAlmostEqual(open_lines.product_qty, 46.0)

    def test_cleanup_of_processed_rules_keeps_jit_rules(self):
        """Odoo's clean-up deletes manual rules created by the system with
        nothing to order. A plain such rule is deleted; a JIT rule created the
        same way (system user, manual trigger, nothing to order) stays on the
        worklist."""
        plain = self._create_rule(self._create_product("Plain suggestion"))
        plain.jit_policy_id = False
        jit_rule = self._create_rule(self._create_product("JIT kept"))
        self.assertEqual((plain | jit_rule).mapped("trigger"), ["manual", "manual"])

        self.env["stock.warehouse.orderpoint"]._unlink_processed_orderpoints()

        self.assertFalse(plain.exists())
        self.assertTrue(jit_rule.exists())
        self.assertEqual(self._worklist(jit_rule).orderpoint_id, jit_rule)

    def test_order_now_needs_a_jit_user_and_a_jit_rule(self):
        """A purchase user without a JIT group cannot order from a JIT rule
        (access error, no RFQ); nobody orders a rule without a policy from
        the worklist button."""
        product = self._create_product("Guarded", cost=3.0, vendor=self.vendor)
        rule = self._create_rule(product, minimum=20.0, maximum=50.0)
        rule.action_jit_recompute()
        purchaser = self.env["res.users"].create(
            {
                "name": "Plain buyer",
                "login": "plain_buyer_jit",
                "groups_id": [
                    (6, 0, [self.env.ref("purchase.group_purchase_user").id])
                ],
            }
        )
        with self.assertRaises(AccessError):
            rule.with_user(purchaser).action_jit_order_now()
        self.assertFalse(self._rfq_lines(product))
        rule.jit_policy_id = False
        with self.assertRaises(UserError):
            rule.action_jit_order_now()
        self.assertFalse(self._rfq_lines(product))
