from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common_kanban import KanbanCase


@tagged("post_install", "-at_install")
class TestKanbanReceipts(KanbanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # No demand: 2 cards of 10, bought from the vendor into WH/Stock.
        cls.loop = cls._create_loop()
        cls.card_a, cls.card_b = cls.loop.card_ids

    def _messages(self, card):
        return " ".join(card.message_ids.mapped("body"))

    def _order_both_cards(self):
        self._scan(self.card_a)
        self._scan(self.card_b)
        order = self.card_a.purchase_order_id
        order.button_confirm()
        return order

    def test_one_step_receipt_returns_card_full(self):
        """Ordered -> Full: the receipt puts the 10 units straight into
        WH/Stock; the card is Full, seen now, its counters reset."""
        self._scan(self.card_a)
        order = self.card_a.purchase_order_id
        order.button_confirm()
        self.card_a.sudo().date_last_seen = fields.Datetime.now() - timedelta(days=3)

        self._validate(order.picking_ids)

        self.assertEqual(self.card_a.state, "full")
        self.assertEqual(self.card_a.put_away_qty, 0.0)
        self.assertGreater(
            self.card_a.date_last_seen, fields.Datetime.now() - timedelta(hours=1)
        )
        self.assertIn("is Full again: 10.0 Units put away", self._messages(self.card_a))

    def test_two_step_receipt_received_then_full(self):
        """Ordered -> Received -> Full with receipts in two steps: the receipt
        to WH/Input makes the card Received; the storage step into WH/Stock
        makes it Full."""
        self.warehouse.reception_steps = "two_steps"
        self._scan(self.card_a)
        order = self.card_a.purchase_order_id
        order.button_confirm()
        receipt = order.picking_ids
        self.assertEqual(receipt.location_dest_id, self.warehouse.wh_input_stock_loc_id)

        self._validate(receipt)
        self.assertEqual(self.card_a.state, "received")
        self.assertEqual(self.card_a.received_qty, 10.0)

        storage = receipt.move_ids.move_dest_ids.picking_id
        self.assertEqual(storage.location_dest_id, self.stock)
        self._validate(storage)
        self.assertEqual(self.card_a.state, "full")

    def test_three_step_receipt_full_only_after_storage(self):
        """Receipts in three steps: Received after the receipt to WH/Input,
        still Received after quality control, Full after storage in
        WH/Stock."""
        self.warehouse.reception_steps = "three_steps"
        self._scan(self.card_a)
        order = self.card_a.purchase_order_id
        order.button_confirm()
        receipt = order.picking_ids
        self._validate(receipt)
        self.assertEqual(self.card_a.state, "received")

        quality = receipt.move_ids.move_dest_ids.picking_id
        self._validate(quality)
        self.assertEqual(self.card_a.state, "received")

        storage = quality.move_ids.move_dest_ids.picking_id
        self.assertEqual(storage.location_dest_id, self.stock)
        self._validate(storage)
        self.assertEqual(self.card_a.state, "full")

    def test_partial_receipt_with_backorder(self):
        """Two cards on one line of 20. 15 received with a backorder: the first
        card emptied gets 10 (Full), the second 5 (stays Ordered, message).
        The backorder's 5 make the second Full."""
        order = self._order_both_cards()
        self.assertEqual(order.order_line.product_qty, 20.0)

        self._validate(order.picking_ids, {self.product: 15.0})
        self.assertEqual(self.card_a.state, "full")
        self.assertEqual(self.card_b.state, "ordered")
        self.assertEqual(self.card_b.put_away_qty, 5.0)
        self.assertIn("5.0 of 10.0 Units received", self._messages(self.card_b))

        backorder = order.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        self.assertEqual(backorder.move_ids.product_uom_qty, 5.0)
        self._validate(backorder)
        self.assertEqual(self.card_b.state, "full")

    def test_partial_receipt_without_backorder(self):
        """Two cards on one line of 20; 8 received, no backorder. The first
        card gets the 8 units: Full with a short container (message). The
        second got nothing and nothing more will come: Empty (message)."""
        order = self._order_both_cards()

        self._validate(order.picking_ids, {self.product: 8.0}, backorder=False)

        self.assertEqual(self.card_a.state, "full")
        self.assertIn("short container: 8.0 of 10.0", self._messages(self.card_a))
        self.assertEqual(self.card_b.state, "empty")
        self.assertIn("was cancelled", self._messages(self.card_b))

    def test_cancelled_rfq_returns_card_empty_then_reorder(self):
        """Ordered -> Empty when the RFQ is cancelled (message on the card);
        scanning the Empty card orders nothing; Reorder orders it again
        (Empty -> Ordered) in a new RFQ."""
        self._scan(self.card_a)
        order = self.card_a.purchase_order_id
        order.button_cancel()

        self.assertEqual(self.card_a.state, "empty")
        self.assertIn(order.name, self._messages(self.card_a))
        self.assertEqual(self._scan(self.card_a)["status"], "refused")

        self.card_a.action_reorder()
        self.assertEqual(self.card_a.state, "ordered")
        self.assertNotEqual(self.card_a.purchase_order_id, order)
        self.assertEqual(self.card_a.purchase_line_id.product_qty, 10.0)

    def test_cancelled_purchase_order_returns_card_empty(self):
        """A confirmed PO cancelled (its receipt cancelled too): Empty."""
        self._scan(self.card_a)
        order = self.card_a.purchase_order_id
        order.button_confirm()
        order.button_cancel()
        self.assertEqual(order.picking_ids.state, "cancel")
        self.assertEqual(self.card_a.state, "empty")

    def test_removed_rfq_line_returns_card_empty(self):
        """The line deleted from the RFQ: the card is Empty, not left Ordered
        without a line."""
        self._scan(self.card_a)
        self.card_a.purchase_line_id.unlink()
        self.assertEqual(self.card_a.state, "empty")
        self.assertIn("line was removed", self._messages(self.card_a))

    def test_transfer_done_returns_card_full_and_cancel_returns_empty(self):
        """A loop on a shelf fed from the reserve: the transfer done brings the
        card back Full; a cancelled transfer sends the other card to Empty."""
        self.env["stock.quant"]._update_available_quantity(
            self.product, self.reserve, 30.0
        )
        loop = self._create_loop(
            location_id=self.shelf.id,
            source_type="location",
            vendor_id=False,
            source_location_id=self.reserve.id,
        )
        card_1, card_2 = loop.card_ids
        picking_1 = self._scan(card_1)["picking"]
        picking_2 = self._scan(card_2)["picking"]

        self._validate(picking_1)
        self.assertEqual(card_1.state, "full")

        picking_2.action_cancel()
        self.assertEqual(card_2.state, "empty")

    def test_received_card_stays_out_of_a_scan(self):
        """A Received card scanned orders nothing (two-step receipt)."""
        self.warehouse.reception_steps = "two_steps"
        self._scan(self.card_a)
        order = self.card_a.purchase_order_id
        order.button_confirm()
        self._validate(order.picking_ids)
        self.assertEqual(self.card_a.state, "received")
        result = self._scan(self.card_a)
        self.assertEqual(result["status"], "refused")
        self.assertEqual(len(order.order_line), 1)
        self.assertEqual(order.order_line.product_qty, 10.0)

    def test_lost_cards_counted_per_loop(self):
        """Lost-card days 30: a card last seen 31 days ago is lost, one seen 29
        days ago is not. With 20 days, both are lost. A retired card is never
        lost."""
        now = fields.Datetime.now()
        self.card_a.sudo().date_last_seen = now - timedelta(days=31)
        self.card_b.sudo().date_last_seen = now - timedelta(days=29)
        self.assertTrue(self.card_a.is_lost)
        self.assertFalse(self.card_b.is_lost)
        self.assertEqual(self.loop.lost_count, 1)
        lost = self.env["jit.kanban.card"].search([("is_lost", "=", True)])
        self.assertIn(self.card_a, lost)
        self.assertNotIn(self.card_b, lost)
        not_lost = self.env["jit.kanban.card"].search([("is_lost", "=", False)])
        self.assertIn(self.card_b, not_lost)
        self.assertNotIn(self.card_a, not_lost)

        self.company.jit_lost_card_days = 20
        self.loop.invalidate_recordset(["lost_count"])
        self.assertEqual(self.loop.lost_count, 2)

        self.card_a.sudo().write({"state": "retired", "active": False})
        self.loop.invalidate_recordset(["lost_count"])
        self.assertEqual(self.loop.lost_count, 1)
