from datetime import date

from freezegun import freeze_time

from .common import ReadinessCase


class TestScorecardScore(ReadinessCase):
    """Lead time, returns, prices, exposure, shrinkage, grade and trend."""

    def _only_on_time_counts(self):
        self.company.write(
            {
                "jit_weight_on_time": 100.0,
                "jit_weight_in_full": 0.0,
                "jit_weight_quality": 0.0,
                "jit_weight_price": 0.0,
                "jit_weight_lead_time": 0.0,
            }
        )

    def test_two_receipt_vendor_shrunk_toward_company_average(self):
        """Only the on-time rate weighs (weights 100/0/0/0/0), prior weight
        k = 5 receipts. In March:

        - Punctual Parts: 2 receipts, both on time: raw 100.
        - Slow Supplies: 3 receipts, 1 on time: raw 33.33.

        Company average = (2 x 100 + 3 x 33.33) / 5 = 300 / 5 = 60.
        Punctual: (2 x 100 + 5 x 60) / 7 = 500 / 7 = 71.43, grade C (not A).
        Slow: (3 x 33.33 + 5 x 60) / 8 = 400 / 8 = 50, grade E."""
        self._only_on_time_counts()
        product = self._create_product("Axle", vendors=self.vendor | self.other_vendor)
        confirmed = self.utc(2026, 3, 2, 15)
        promised = self.utc(2026, 3, 10, 15)
        for vendor, days in (
            (self.vendor, (9, 10)),
            (self.other_vendor, (9, 12, 13)),
        ):
            for day in days:
                order = self._buy(vendor, [(product, 1, 5.0)], confirmed, promised)
                self._receive(order, {product: 1}, self.utc(2026, 3, day, 15))

        cards = self.Scorecard._compute_period(
            self.company, "month", date(2026, 3, 1), as_of=date(2026, 6, 1)
        )
        punctual = cards.filtered(lambda card: card.partner_id == self.vendor)
        slow = cards.filtered(lambda card: card.partner_id == self.other_vendor)
        self.assertAlmostEqual(punctual.raw_score, 100.0)
        self.assertAlmostEqual(slow.raw_score, 100.0 / 3)
        self.assertAlmostEqual(punctual.company_average_score, 60.0)
        self.assertAlmostEqual(punctual.score, 500.0 / 7)
        self.assertEqual(punctual.grade, "C")
        self.assertAlmostEqual(slow.score, 50.0)
        self.assertEqual(slow.grade, "E")

        self.company.jit_scorecard_prior_receipts = 0
        cards = self.Scorecard._compute_period(
            self.company, "month", date(2026, 3, 1), as_of=date(2026, 6, 1)
        )
        punctual = cards.filtered(lambda card: card.partner_id == self.vendor)
        self.assertEqual(punctual.grade, "A", "without shrinking, raw 100 is an A")

    def test_lead_time_mean_deviation_and_90th_percentile(self):
        """Three orders confirmed on 2 March 15:00 UTC, received 2, 4 and 9
        days later: lead times 2, 4, 9 days.

        mean = 15 / 3 = 5; population deviation = sqrt((9 + 1 + 16) / 3)
        = sqrt(8.667) = 2.944; 90th percentile, interpolated between the 2nd
        and 3rd values at 0.9 x (3 - 1) = 1.8: 4 + 0.8 x (9 - 4) = 8."""
        product = self._create_product("Chain", vendors=self.vendor)
        for days in (2, 4, 9):
            order = self._buy(
                self.vendor,
                [(product, 1, 5.0)],
                self.utc(2026, 3, 2, 15),
                self.utc(2026, 3, 20, 15),
            )
            self._receive(order, {product: 1}, self.utc(2026, 3, 2 + days, 15))

        card = self._card(self.vendor, date(2026, 3, 1))
        self.assertAlmostEqual(card.lead_time_mean, 5.0)
        self.assertAlmostEqual(card.lead_time_std_dev, (26.0 / 3) ** 0.5)
        self.assertAlmostEqual(card.lead_time_p90, 8.0)

    def test_return_rate_and_price_stability(self):
        """Two orders in March for the same product at 10 and 12 a unit;
        10 units received, 2 of them sent back.

        Return rate = 2 / 10 = 20 %. Prices 10 and 12: mean 11, population
        deviation 1, spread 1 / 11 = 0.0909: stability 100 x (1 - 0.0909)
        = 90.91 %."""
        product = self._create_product("Gear", vendors=self.vendor)
        first = self._buy(
            self.vendor,
            [(product, 10, 10.0)],
            self.utc(2026, 3, 2, 15),
            self.utc(2026, 3, 20, 15),
        )
        self._buy(
            self.vendor,
            [(product, 5, 12.0)],
            self.utc(2026, 3, 3, 15),
            self.utc(2026, 4, 20, 15),
        )
        receipt = self._receive(first, {product: 10}, self.utc(2026, 3, 10, 15))
        self._return(receipt, 2, self.utc(2026, 3, 12, 15))

        card = self._card(self.vendor, date(2026, 3, 1))
        self.assertAlmostEqual(card.received_qty, 10.0)
        self.assertAlmostEqual(card.returned_qty, 2.0)
        self.assertAlmostEqual(card.return_rate, 20.0)
        self.assertAlmostEqual(card.price_stability, 100.0 * (1 - 1 / 11))

    def test_single_source_exposure_on_small_catalog(self):
        """Catalog: Pump sold only by Punctual, Valve by both vendors, Filter
        only by Slow. March purchases: Punctual 3 Pumps x 100 = 300 and
        1 Valve x 100 = 100; Slow 6 Filters x 100 = 600; total 1,000.

        Punctual exposure = 300 / 1,000 = 30 % (the Valve has a second
        source); Slow exposure = 600 / 1,000 = 60 %."""
        pump = self._create_product("Pump", vendors=self.vendor)
        valve = self._create_product("Valve", vendors=self.vendor | self.other_vendor)
        filter_ = self._create_product("Filter", vendors=self.other_vendor)
        confirmed = self.utc(2026, 3, 2, 15)
        promised = self.utc(2026, 3, 20, 15)
        self._buy(
            self.vendor, [(pump, 3, 100.0), (valve, 1, 100.0)], confirmed, promised
        )
        self._buy(self.other_vendor, [(filter_, 6, 100.0)], confirmed, promised)

        cards = self.Scorecard._compute_period(
            self.company, "month", date(2026, 3, 1), as_of=date(2026, 3, 5)
        )
        punctual = cards.filtered(lambda card: card.partner_id == self.vendor)
        slow = cards.filtered(lambda card: card.partner_id == self.other_vendor)
        self.assertAlmostEqual(punctual.vendor_spend, 400.0)
        self.assertAlmostEqual(punctual.single_source_spend, 300.0)
        self.assertAlmostEqual(punctual.single_source_exposure, 30.0)
        self.assertAlmostEqual(slow.single_source_exposure, 60.0)
        self.assertFalse(punctual.grade, "no receipt yet: no grade")

    def test_trend_against_previous_period(self):
        """Only on-time weighs, no shrinking (k = 0). February: one receipt on
        time (score 100). March: one on time, one late (score 50). March's
        trend is 50 - 100 = -50 points, worse; February is new."""
        self._only_on_time_counts()
        self.company.jit_scorecard_prior_receipts = 0
        product = self._create_product("Cog", vendors=self.vendor)
        for confirmed, promised, done in (
            ((2026, 2, 2), (2026, 2, 10), (2026, 2, 9)),
            ((2026, 3, 2), (2026, 3, 10), (2026, 3, 9)),
            ((2026, 3, 2), (2026, 3, 10), (2026, 3, 11)),
        ):
            order = self._buy(
                self.vendor,
                [(product, 1, 5.0)],
                self.utc(*confirmed, 15),
                self.utc(*promised, 15),
            )
            self._receive(order, {product: 1}, self.utc(*done, 15))

        february = self._card(self.vendor, date(2026, 2, 1))
        march = self._card(self.vendor, date(2026, 3, 1))
        self.assertEqual(february.trend, "new")
        self.assertEqual(march.previous_scorecard_id, february)
        self.assertAlmostEqual(march.score_trend, -50.0)
        self.assertEqual(march.trend, "down")

    def test_quarter_and_cron_keep_one_card_per_period(self):
        """The quarter holding March gathers February's and March's receipts
        (Q1 2026). Computing the same period twice updates the card instead
        of adding one; the daily job computes the current and the previous
        month and quarter of each company."""
        product = self._create_product("Rod", vendors=self.vendor)
        for month in (2, 3):
            order = self._buy(
                self.vendor,
                [(product, 1, 5.0)],
                self.utc(2026, month, 2, 15),
                self.utc(2026, month, 10, 15),
            )
            self._receive(order, {product: 1}, self.utc(2026, month, 9, 15))

        quarter = self._card(self.vendor, date(2026, 3, 15), "quarter")
        self.assertEqual(quarter.date_start, date(2026, 1, 1))
        self.assertEqual(quarter.date_end, date(2026, 3, 31))
        self.assertEqual(quarter.receipt_count, 2)
        again = self._card(self.vendor, date(2026, 2, 15), "quarter")
        self.assertEqual(again, quarter)

        with freeze_time("2026-04-02 12:00:00"):
            self.Scorecard._cron_compute_scorecards()
        cards = self.Scorecard.search(
            [("company_id", "=", self.company.id), ("partner_id", "=", self.vendor.id)]
        )
        self.assertEqual(
            sorted((card.period_type, str(card.date_start)) for card in cards),
            [("month", "2026-03-01"), ("quarter", "2026-01-01")],
        )
