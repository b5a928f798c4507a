from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_kanban import KanbanCase


@tagged("post_install", "-at_install")
class TestKanbanScan(KanbanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # No demand: 2 cards of 10.
        cls.loop = cls._create_loop()
        cls.card_a, cls.card_b = cls.loop.card_ids

    def test_scan_full_card_creates_one_rfq_line(self):
        """Scanning a Full card adds 10 units to a draft RFQ of the vendor and
        the card becomes Ordered, linked to the line."""
        result = self._scan(self.card_a)

        self.assertEqual(result["status"], "ordered")
        line = self.card_a.purchase_line_id
        self.assertEqual(self.card_a.state, "ordered")
        self.assertEqual(self.card_a.ordered_qty, 10.0)
        self.assertEqual(line.product_qty, 10.0)
        self.assertEqual(line.order_id.partner_id, self.vendor)
        self.assertEqual(line.order_id.state, "draft")
        self.assertEqual(result["purchase_order"], line.order_id)
        self.assertIn(line.order_id.name, result["message"])
        self.assertTrue(self.card_a.date_emptied)

    def test_second_card_joins_the_open_rfq(self):
        """A second card of the same vendor goes into the same open RFQ (Odoo's
        merge): one order, its line now 10 + 10 = 20."""
        self._scan(self.card_a)
        self._scan(self.card_b)
        order = self.card_a.purchase_order_id
        self.assertEqual(self.card_b.purchase_order_id, order)
        self.assertEqual(len(order.order_line), 1)
        self.assertEqual(order.order_line.product_qty, 20.0)

    def test_double_scan_orders_once(self):
        """The same card scanned twice: the second scan orders nothing, says
        why, and the line stays at 10."""
        self._scan(self.card_a)
        lines_before = self.env["purchase.order.line"].search_count([])
        result = self._scan(self.card_a)

        self.assertEqual(result["status"], "refused")
        self.assertIn("already on order", result["message"])
        self.assertEqual(self.env["purchase.order.line"].search_count([]), lines_before)
        self.assertEqual(self.card_a.purchase_line_id.product_qty, 10.0)

    def test_scan_refuses_each_state_that_is_not_full(self):
        """Empty, Received and Retired cards order nothing, each with its
        reason."""
        reasons = {
            "empty": "Reorder",
            "received": "waits to be put away",
            "retired": "retired",
        }
        for state, reason in reasons.items():
            with self.subTest(state=state):
                self.card_b.sudo().write({"state": state})
                count = self.env["purchase.order.line"].search_count([])
                result = self._scan(self.card_b)
                self.assertEqual(result["status"], "refused")
                self.assertIn(reason, result["message"])
                self.assertEqual(self.card_b.state, state)
                self.assertEqual(
                    self.env["purchase.order.line"].search_count([]), count
                )

    def test_card_of_archived_loop_orders_nothing(self):
        self.loop.action_archive()
        result = self._scan(self.card_a)
        self.assertEqual(result["status"], "refused")
        self.assertIn("archived loop", result["message"])
        self.assertEqual(self.card_a.state, "full")
        self.assertFalse(self.card_a.purchase_line_id)

    def test_unknown_barcode_says_so(self):
        result = self.env["jit.kanban.card"]._scan_barcode("NOT-A-CARD")
        self.assertEqual(result["status"], "unknown")
        self.assertIn("NOT-A-CARD", result["message"])

    def test_scan_from_location_creates_internal_transfer(self):
        """A loop fed by the reserve location: the scan creates a confirmed
        internal transfer of 10 from the reserve to the loop's shelf."""
        loop = self._create_loop(
            location_id=self.shelf.id,
            source_type="location",
            vendor_id=False,
            source_location_id=self.reserve.id,
        )
        card = loop.card_ids[0]
        result = self._scan(card)

        picking = result["picking"]
        self.assertEqual(card.state, "ordered")
        self.assertEqual(card.picking_id, picking)
        self.assertEqual(picking.picking_type_id, self.warehouse.int_type_id)
        self.assertEqual(picking.location_id, self.reserve)
        self.assertEqual(picking.location_dest_id, self.shelf)
        self.assertEqual(picking.move_ids.product_uom_qty, 10.0)
        self.assertEqual(picking.move_ids.jit_kanban_card_id, card)
        self.assertNotEqual(picking.state, "draft")

    def test_scan_screen_takes_the_barcode_and_shows_the_rfq(self):
        """The scan screen: barcode typed, Scan, the RFQ shown and the field
        cleared for the next card."""
        form = Form(self.env["jit.kanban.scan"])
        form.barcode = f"  {self.card_a.name} "
        wizard = form.save()
        wizard.action_scan()

        self.assertEqual(wizard.status, "ordered")
        self.assertEqual(wizard.purchase_order_id, self.card_a.purchase_order_id)
        self.assertEqual(wizard.card_id, self.card_a)
        self.assertFalse(wizard.barcode)
        self.assertEqual(wizard.scan_count, 1)

        wizard.barcode = self.card_a.name
        wizard.action_scan()
        self.assertEqual(wizard.status, "refused")
        self.assertFalse(wizard.purchase_order_id)
        self.assertEqual(wizard.scan_count, 2)

    def test_scan_button_on_card_opens_the_scan_screen(self):
        action = self.card_a.action_open_scan()
        wizard = self.env["jit.kanban.scan"].browse(action["res_id"])
        self.assertEqual(wizard.status, "ordered")
        self.assertEqual(self.card_a.state, "ordered")

    def test_count_mode_marks_seen_and_orders_nothing(self):
        """Counting a card updates its last-seen date, leaves it Full."""
        self.card_a.sudo().date_last_seen = "2020-01-01 00:00:00"
        self.assertTrue(self.card_a.is_lost)
        wizard = self.env["jit.kanban.scan"].create(
            {"barcode": self.card_a.name, "mode": "count"}
        )
        wizard.action_scan()
        self.assertEqual(wizard.status, "counted")
        self.assertEqual(self.card_a.state, "full")
        self.assertFalse(self.card_a.is_lost)
        self.assertFalse(self.card_a.purchase_line_id)

    def test_scan_without_vendor_price_line_leaves_card_full(self):
        """The vendor's price line deleted after the loop was saved: clear
        error, the card stays Full (nothing half-written)."""
        self.product.seller_ids.unlink()
        with self.assertRaisesRegex(UserError, "no price line for vendor Kanban"):
            self._scan(self.card_a)
        self.assertEqual(self.card_a.state, "full")
        self.assertFalse(self.card_a.purchase_line_id)


@tagged("post_install", "-at_install")
class TestKanbanWorklist(KanbanCase):
    def test_loop_on_worklist_by_cards_and_order_now(self):
        """A loop on the worklist. Usage 2/day (60 units in 30 days), lead
        time 5 days, review 7: 3 cards of 10. All Full: 30 on hand, cover
        30 / 2 = 15 days >= 5 + 7: green. Two scanned: 10 on hand, cover 5
        days, not under the lead time 5 but under 12: yellow. Order now on the
        line empties the last Full card: 0 on hand, cover 0: red, first on
        the list, with all three cards on one RFQ line of 30."""
        self._ship(60, days_ago=3)
        loop = self._create_loop()
        self.assertEqual(loop.card_target, 3)
        lines = self.env["jit.worklist.line"]

        def line():
            self.env.flush_all()
            # The worklist is an SQL view: read it afresh.
            lines.invalidate_model()
            return lines.search([("source", "=", f"jit.kanban.loop,{loop.id}")])

        self.assertEqual(line().status, "green")
        self.assertEqual(line().free_qty, 30.0)
        self.assertEqual(line().maximum_qty, 30.0)
        self.assertEqual(line().days_of_cover, 15.0)

        self._scan(loop.card_ids[0])
        self._scan(loop.card_ids[1])
        self.assertEqual(line().status, "yellow")
        self.assertEqual(line().days_of_cover, 5.0)

        line().action_order_now()
        self.assertEqual(set(loop.card_ids.mapped("state")), {"ordered"})
        self.assertEqual(line().status, "red")
        self.assertEqual(line().urgency, 0)
        self.assertEqual(loop.card_ids.purchase_line_id.product_qty, 30.0)

        result = line().action_order_now()
        self.assertEqual(result["params"]["type"], "info")
        self.assertEqual(loop.card_ids.purchase_line_id.product_qty, 30.0)

        # An Empty card (its order cancelled) is what the loop needs now.
        loop.card_ids.purchase_order_id.button_cancel()
        self.assertEqual(line().need_qty, 30.0)
