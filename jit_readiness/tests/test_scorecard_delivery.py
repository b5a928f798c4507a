from datetime import date

from .common import ReadinessCase


class TestScorecardDelivery(ReadinessCase):
    """On time, in full and overdue quantities, worked out by hand."""

    def test_receipt_with_duplicate_lines_counts_once(self):
        """PO 1 holds the same product on three lines (5 units each),
        promised 10 March; all three arrive in one receipt on 9 March: one
        receipt, on time. PO 2 (one line) promised 10 March arrives on
        12 March: late.

        On-time rate = 1 on-time receipt / 2 receipts = 50 %. Counting moves
        instead of receipts would give 3 / 4 = 75 %."""
        product = self._create_product("Screw", vendors=self.vendor)
        promised = self.utc(2026, 3, 10, 15)
        first = self._buy(
            self.vendor,
            [(product, 5, 1.0)] * 3,
            self.utc(2026, 3, 2, 15),
            promised,
        )
        second = self._buy(
            self.vendor, [(product, 5, 1.0)], self.utc(2026, 3, 2, 15), promised
        )
        self._receive(first, {product: 5}, self.utc(2026, 3, 9, 15))
        self._receive(second, {product: 5}, self.utc(2026, 3, 12, 15))

        card = self._card(self.vendor, date(2026, 3, 1))
        self.assertEqual(len(first.picking_ids.move_ids), 3)
        self.assertEqual(card.receipt_count, 2)
        self.assertEqual(card.on_time_count, 1)
        self.assertAlmostEqual(card.on_time_rate, 50.0)
        self.assertEqual(card.line_count, 4)
        self.assertAlmostEqual(card.otif_rate, 75.0)

    def test_receipt_at_21h_local_west_of_utc_counts_on_local_day(self):
        """Promised 28 February (17:00 UTC, noon in New York). The goods are
        validated on 1 March 02:00 UTC, which is 28 February 21:00 in New
        York (UTC-5): on the promised local day, so on time, and in the
        February scorecard, not March's. Compared in UTC it would be late."""
        product = self._create_product("Hinge", vendors=self.vendor)
        order = self._buy(
            self.vendor,
            [(product, 4, 3.0)],
            self.utc(2026, 2, 20, 15),
            self.utc(2026, 2, 28, 17),
        )
        self._receive(order, {product: 4}, self.utc(2026, 3, 1, 2))

        february = self._card(self.vendor, date(2026, 2, 1))
        self.assertEqual(february.receipt_count, 1)
        self.assertAlmostEqual(february.on_time_rate, 100.0)
        self.assertAlmostEqual(february.otif_rate, 100.0)
        self.assertFalse(self._card(self.vendor, date(2026, 3, 1)))

    def test_grace_days_extend_the_promise(self):
        """Promised 10 March, received 12 March: late with no grace day, on
        time with two grace days (due day 12 March)."""
        product = self._create_product("Latch", vendors=self.vendor)
        order = self._buy(
            self.vendor,
            [(product, 1, 3.0)],
            self.utc(2026, 3, 2, 15),
            self.utc(2026, 3, 10, 15),
        )
        self._receive(order, {product: 1}, self.utc(2026, 3, 12, 20))
        self.assertEqual(self._card(self.vendor, date(2026, 3, 1)).on_time_rate, 0.0)

        self.company.jit_scorecard_grace_days = 2
        card = self._card(self.vendor, date(2026, 3, 1))
        self.assertAlmostEqual(card.on_time_rate, 100.0)

    def test_overdue_unreceived_quantity_counts_late(self):
        """Taken on 25 March:

        - PO A, 10 units promised 5 March: 6 arrive on 4 March (on time), the
          backorder of 4 is still waiting: late.
        - PO B, 4 units promised 20 March: nothing arrived: late.
        - PO C, 2 units promised 30 March: not due yet, not counted.

        Receipts judged 3 (1 done + 2 overdue), on time 1: 33.33 %.
        PO lines judged: A (6 / 10 = 0.6) and B (0 / 4 = 0): in full
        (0.6 + 0) / 2 = 30 %, OTIF 0 %.

        Taken on 5 April instead, March is a past period: the waiting receipts
        belong to the current period, so March holds only the done receipt
        (100 % on time) and no settled line."""
        product = self._create_product("Spring", vendors=self.vendor)
        confirmed = self.utc(2026, 3, 1, 15)
        order_a = self._buy(
            self.vendor, [(product, 10, 1.0)], confirmed, self.utc(2026, 3, 5, 15)
        )
        self._buy(
            self.vendor, [(product, 4, 1.0)], confirmed, self.utc(2026, 3, 20, 15)
        )
        self._buy(
            self.vendor, [(product, 2, 1.0)], confirmed, self.utc(2026, 3, 30, 15)
        )
        self._receive(order_a, {product: 6}, self.utc(2026, 3, 4, 15))

        card = self._card(self.vendor, date(2026, 3, 1), as_of=date(2026, 3, 25))
        self.assertEqual(card.receipt_count, 3)
        self.assertEqual(card.overdue_count, 2)
        self.assertAlmostEqual(card.on_time_rate, 100.0 / 3)
        self.assertEqual(card.line_count, 2)
        self.assertAlmostEqual(card.in_full_rate, 30.0)
        self.assertAlmostEqual(card.otif_rate, 0.0)

        later = self._card(self.vendor, date(2026, 3, 1), as_of=date(2026, 4, 5))
        self.assertEqual(later.receipt_count, 1)
        self.assertAlmostEqual(later.on_time_rate, 100.0)
        self.assertEqual(later.line_count, 0)

    def test_over_delivery_capped_at_100_percent(self):
        """One PO promised 20 March: line X orders 10 and receives 12, line Y
        orders 10 and receives 8, the rest cancelled (no backorder).

        In full = (min(12/10, 1) + 8/10) / 2 = (1 + 0.8) / 2 = 90 %; without
        the cap it would be (1.2 + 0.8) / 2 = 100 %. OTIF: X only, 50 %."""
        product_x = self._create_product("Gasket", vendors=self.vendor)
        product_y = self._create_product("Seal", vendors=self.vendor)
        order = self._buy(
            self.vendor,
            [(product_x, 10, 1.0), (product_y, 10, 1.0)],
            self.utc(2026, 3, 2, 15),
            self.utc(2026, 3, 20, 15),
        )
        self._receive(
            order, {product_x: 12, product_y: 8}, self.utc(2026, 3, 18, 15), False
        )

        card = self._card(self.vendor, date(2026, 3, 1))
        self.assertEqual(card.line_count, 2)
        self.assertAlmostEqual(card.in_full_rate, 90.0)
        self.assertAlmostEqual(card.otif_rate, 50.0)
        self.assertAlmostEqual(card.received_qty, 20.0)

    def test_zero_quantity_line_left_out(self):
        """A PO with a line of 0 units and a line of 5 units, all 5 received
        on time: one line judged, in full 100 %, no division by zero."""
        bolt = self._create_product("Anchor", vendors=self.vendor)
        nut = self._create_product("Clip", vendors=self.vendor)
        order = self._buy(
            self.vendor,
            [(bolt, 0, 1.0), (nut, 5, 1.0)],
            self.utc(2026, 3, 2, 15),
            self.utc(2026, 3, 20, 15),
        )
        self._receive(order, {nut: 5}, self.utc(2026, 3, 10, 15))

        card = self._card(self.vendor, date(2026, 3, 1))
        self.assertEqual(card.line_count, 1)
        self.assertAlmostEqual(card.in_full_rate, 100.0)
        self.assertAlmostEqual(card.on_time_rate, 100.0)

    def test_backorder_completes_the_line_in_its_period(self):
        """10 units promised 20 March: 6 arrive on 10 March, the backorder of
        4 on 25 March. Two receipts (one on time, one late); the line settles
        on 25 March, in full but late: in full 100 %, OTIF 0 %."""
        product = self._create_product("Pin", vendors=self.vendor)
        order = self._buy(
            self.vendor,
            [(product, 10, 1.0)],
            self.utc(2026, 3, 2, 15),
            self.utc(2026, 3, 20, 15),
        )
        self._receive(order, {product: 6}, self.utc(2026, 3, 10, 15))
        self._receive(order, {product: 4}, self.utc(2026, 3, 25, 15))

        card = self._card(self.vendor, date(2026, 3, 1))
        self.assertEqual(card.receipt_count, 2)
        self.assertAlmostEqual(card.on_time_rate, 50.0)
        self.assertEqual(card.line_count, 1)
        self.assertAlmostEqual(card.in_full_rate, 100.0)
        self.assertAlmostEqual(card.otif_rate, 0.0)
