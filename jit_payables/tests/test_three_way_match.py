# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import PayablesCase


@tagged("post_install", "-at_install")
class TestThreeWayMatch(PayablesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls._vendor("Acme Supplies")

    def test_received_eight_of_ten_billed_ten_puts_bill_on_hold(self):
        """PO 10 x 100.00, 8 received, bill 10 x 100.00, tolerance 5 %.

        Billed beyond receipt: 10 - 8 = 2, that is 2 / 8 = 25 % of the
        received quantity > 5 %: quantity exceeds receipt, bill on hold, and
        Odoo's Register Payment refuses it.
        """
        self._enable_match(percent=5.0)
        order = self._purchase(self.vendor, 10, 100.0, received=8)
        bill = self._bill(self.vendor, 10, 100.0, order_line=order.order_line)

        line = bill.invoice_line_ids
        self.assertEqual(line.jit_received_qty, 8.0)
        self.assertEqual(line.jit_billed_qty, 10.0)
        self.assertAlmostEqual(line.jit_quantity_variance_percent, 25.0)
        self.assertEqual(bill.jit_match_state, "quantity")
        self.assertTrue(bill.jit_on_hold)
        with self.assertRaisesRegex(UserError, "on hold"):
            bill.action_register_payment()
        with self.assertRaisesRegex(UserError, "on hold"):
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=bill.ids
            ).create({})

    def test_receiving_the_rest_lifts_the_hold(self):
        """Same bill; the last 2 units arrive: 10 received, 10 billed, matched."""
        self._enable_match(percent=5.0)
        order = self._purchase(self.vendor, 10, 100.0, received=8)
        bill = self._bill(self.vendor, 10, 100.0, order_line=order.order_line)
        self.assertTrue(bill.jit_on_hold)

        order.order_line.qty_received = 10
        self.assertEqual(bill.jit_match_state, "matched")
        self.assertFalse(bill.jit_on_hold)

    def test_price_three_percent_over_within_five_percent_matches(self):
        """PO 10 x 100.00 all received, bill 10 x 103.00, tolerance 5 %.

        Price variance (103 - 100) / 100 = 3 % <= 5 %: matched, payable.
        """
        self._enable_match(percent=5.0)
        order = self._purchase(self.vendor, 10, 100.0, received=10)
        bill = self._bill(self.vendor, 10, 103.0, order_line=order.order_line)

        self.assertAlmostEqual(bill.invoice_line_ids.jit_price_variance_percent, 3.0)
        self.assertEqual(bill.invoice_line_ids.jit_ordered_price, 100.0)
        self.assertEqual(bill.jit_match_state, "matched")
        self.assertFalse(bill.jit_on_hold)
        action = bill.action_register_payment()
        self.assertEqual(action["res_model"], "account.payment.register")

    def test_price_six_percent_over_is_a_price_variance(self):
        """Bill 10 x 106.00 against 100.00 ordered: 6 % > 5 %, price variance."""
        self._enable_match(percent=5.0)
        order = self._purchase(self.vendor, 10, 100.0, received=10)
        bill = self._bill(self.vendor, 10, 106.0, order_line=order.order_line)

        self.assertAlmostEqual(bill.invoice_line_ids.jit_price_variance_percent, 6.0)
        self.assertEqual(bill.jit_match_state, "price")
        self.assertTrue(bill.jit_on_hold)

    def test_amount_tolerance_also_caps_the_variance(self):
        """Tolerance 5 % and 20.00: bill 10 x 103.00 against 100.00.

        3 % is within 5 %, but (103 - 100) x 10 = 30.00 > 20.00: price variance.
        """
        self._enable_match(percent=5.0, amount=20.0)
        order = self._purchase(self.vendor, 10, 100.0, received=10)
        bill = self._bill(self.vendor, 10, 103.0, order_line=order.order_line)
        self.assertEqual(bill.jit_match_state, "price")
        self.assertTrue(bill.jit_on_hold)

    def test_lower_price_than_ordered_matches(self):
        """Bill 10 x 90.00 against 100.00: paying less is no risk, matched."""
        self._enable_match(percent=0.0)
        order = self._purchase(self.vendor, 10, 100.0, received=10)
        bill = self._bill(self.vendor, 10, 90.0, order_line=order.order_line)
        self.assertEqual(bill.jit_match_state, "matched")

    def test_matching_off_leaves_the_bill_payable_as_in_odoo(self):
        """Match off: 8 of 10 received, billed 10; status shows the variance
        but the bill is not on hold and Register Payment opens."""
        order = self._purchase(self.vendor, 10, 100.0, received=8)
        bill = self._bill(self.vendor, 10, 100.0, order_line=order.order_line)
        self.assertEqual(bill.jit_match_state, "quantity")
        self.assertFalse(bill.jit_on_hold)
        action = bill.action_register_payment()
        self.assertEqual(action["res_model"], "account.payment.register")

    def test_bill_without_purchase_order_is_no_po_and_payable(self):
        """Match on, bill without a PO: status No PO, payable as in Odoo."""
        self._enable_match(percent=5.0)
        bill = self._bill(self.vendor, 3, 50.0)
        self.assertEqual(bill.jit_match_state, "no_po")
        self.assertFalse(bill.jit_on_hold)
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create({})
        )
        wizard._create_payments()
        self.assertIn(bill.payment_state, ("paid", "in_payment"))

    def test_creator_cannot_release_the_hold(self):
        """Manager A creates the bill on hold; A cannot release it, even with a
        reason; a clerk (not manager) cannot either."""
        self._enable_match(percent=5.0)
        order = self._purchase(self.vendor, 10, 100.0, received=8)
        bill = self._bill(
            self.vendor, 10, 100.0, order_line=order.order_line, user=self.manager_a
        )
        with self.assertRaisesRegex(UserError, "second person"):
            bill.with_user(self.manager_a).action_jit_release_hold()
        with self.assertRaisesRegex(UserError, "second person"):
            bill.with_user(self.manager_a)._jit_release_hold("Vendor confirmed")
        with self.assertRaisesRegex(UserError, "Only a payables manager"):
            bill.with_user(self.clerk)._jit_release_hold("Vendor confirmed")
        self.assertTrue(bill.jit_on_hold)

    def test_another_manager_releases_with_reason_in_chatter(self):
        """Manager B releases A's bill through the wizard with a reason: the
        hold is lifted, B and the reason are recorded and posted in the
        chatter; an empty reason is refused."""
        self._enable_match(percent=5.0)
        order = self._purchase(self.vendor, 10, 100.0, received=8)
        bill = self._bill(
            self.vendor, 10, 100.0, order_line=order.order_line, user=self.manager_a
        )
        with self.assertRaisesRegex(UserError, "reason"):
            bill.with_user(self.manager_b)._jit_release_hold("  ")

        action = bill.with_user(self.manager_b).action_jit_release_hold()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.manager_b)
            .with_context(action["context"])
        )
        wizard_form.reason = "Two units arrive tomorrow, vendor confirmed"
        wizard_form.save().action_release()

        self.assertFalse(bill.jit_on_hold)
        self.assertEqual(bill.jit_hold_released_by_id, self.manager_b)
        self.assertIn("arrive tomorrow", bill.message_ids[0].body)

    def test_reset_to_draft_cancels_the_release(self):
        """A released bill taken back to draft loses its release: on hold again."""
        self._enable_match(percent=5.0)
        order = self._purchase(self.vendor, 10, 100.0, received=8)
        bill = self._bill(self.vendor, 10, 100.0, order_line=order.order_line)
        bill.with_user(self.manager_b)._jit_release_hold("ok")
        self.assertFalse(bill.jit_on_hold)
        bill.button_draft()
        self.assertTrue(bill.jit_on_hold)

    def test_return_to_vendor_lowers_the_received_quantity(self):
        """Goods PO 10 x 20.00: the receipt of 10 is validated, then 2 are
        returned to the vendor: received 10 - 2 = 8. A bill of 10 bills 2
        beyond the receipt (25 % > 5 %): on hold."""
        self._enable_match(percent=5.0)
        goods = self.env["product.product"].create(
            {
                "name": "Cardboard boxes",
                "type": "consu",
                "is_storable": True,
                "purchase_method": "purchase",
                "supplier_taxes_id": [],
            }
        )
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "order_line": [
                    Command.create(
                        {"product_id": goods.id, "product_qty": 10, "price_unit": 20.0}
                    )
                ],
            }
        )
        order.button_confirm()
        receipt = order.picking_ids
        receipt.move_ids.quantity = 10
        receipt.button_validate()
        self.assertEqual(order.order_line.qty_received, 10)

        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=receipt.id, active_model="stock.picking")
            .create({"picking_id": receipt.id})
        )
        wizard.product_return_moves.write({"quantity": 2, "to_refund": True})
        returned = self.env["stock.picking"].browse(
            wizard.action_create_returns()["res_id"]
        )
        returned.move_ids.quantity = 2
        returned.button_validate()
        self.assertEqual(order.order_line.qty_received, 8)

        bill = self._bill(
            self.vendor, 10, 20.0, order_line=order.order_line, product=goods
        )
        self.assertEqual(bill.invoice_line_ids.jit_received_qty, 8)
        self.assertEqual(bill.jit_match_state, "quantity")
        self.assertTrue(bill.jit_on_hold)
