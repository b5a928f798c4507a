from .common import ReadinessCase


class TestPromisedDate(ReadinessCase):
    def test_promised_date_frozen_at_confirmation(self):
        """Confirm a PO expected on 10 March 15:00 UTC, then move the
        expected arrival to 20 March: the promised date stays 10 March 15:00.
        A line added after confirmation gets its own promise."""
        product = self._create_product("Bolt", vendors=self.vendor)
        order = self._buy(
            self.vendor,
            [(product, 10, 2.0)],
            self.utc(2026, 3, 2, 10),
            self.utc(2026, 3, 10, 15),
        )
        line = order.order_line
        self.assertEqual(line.date_promised, self.utc(2026, 3, 10, 15))

        line.date_planned = self.utc(2026, 3, 20, 15)
        self.assertEqual(line.date_promised, self.utc(2026, 3, 10, 15))

        added = self.env["purchase.order.line"].create(
            {
                "order_id": order.id,
                "product_id": product.id,
                "product_qty": 1,
                "price_unit": 2.0,
                "date_planned": self.utc(2026, 3, 12, 15),
            }
        )
        self.assertEqual(added.date_promised, self.utc(2026, 3, 12, 15))

    def test_draft_order_has_no_promised_date(self):
        """A quotation promises nothing yet: no promised date before confirming."""
        product = self._create_product("Nut", vendors=self.vendor)
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "company_id": self.company.id,
                "order_line": [(0, 0, {"product_id": product.id, "product_qty": 1})],
            }
        )
        self.assertFalse(order.order_line.date_promised)

    def test_planned_date_moved_after_confirmation_keeps_on_time_rate(self):
        """Promised 10 February (15:00 UTC = 10:00 New York), confirmed on
        2 February; the buyer moves the expected arrival to 20 February, and
        the goods arrive on 15 February 17:00 UTC (12:00 local).

        Against the frozen promise (10 Feb) the receipt is late: on-time rate
        0 %. Against the moved date it would have been 100 %."""
        product = self._create_product("Washer", vendors=self.vendor)
        order = self._buy(
            self.vendor,
            [(product, 10, 2.0)],
            self.utc(2026, 2, 2, 10),
            self.utc(2026, 2, 10, 15),
        )
        order.order_line.date_planned = self.utc(2026, 2, 20, 15)
        self._receive(order, {product: 10}, self.utc(2026, 2, 15, 17))

        card = self._card(self.vendor, self.utc(2026, 2, 1).date())
        self.assertEqual(card.receipt_count, 1)
        self.assertEqual(card.on_time_count, 0)
        self.assertEqual(card.on_time_rate, 0.0)
