from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import ReadinessCase


class TestReadinessAssessment(ReadinessCase):
    """Assessed on 1 April 2026 with a 14-day look-back: the window is
    18-31 March (New York days), two weeks for demand: 25-31 and 18-24
    March."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.jit_readiness_window_days = 14
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.stock = cls.warehouse.lot_stock_id
        cls.fresh = cls.env["product.category"].create({"name": "Readiness Fresh"})

    def _assess(self, **answers):
        assessment = self.env["jit.readiness.assessment"].create(
            {"company_id": self.company.id, "date": date(2026, 4, 1), **answers}
        )
        assessment.action_assess()
        return assessment

    def _deliver(self, product, quantity, at):
        move = self.env["stock.move"].create(
            {
                "name": product.name,
                "product_id": product.id,
                "product_uom_qty": quantity,
                "product_uom": product.uom_id.id,
                "location_id": self.stock.id,
                "location_dest_id": self.customers.id,
                "company_id": self.company.id,
            }
        )
        move._action_confirm()
        move.quantity = quantity
        move.picked = True
        with freeze_time(at):
            move._action_done()
        return move

    def test_turnaround_from_lead_times(self):
        """Two receipts in the window: confirmed 18 March, received 22 March
        (4 days); confirmed 15 March, received 25 March (10 days). Mean lead
        time 7 days: score 100 x (30 - 7) / (30 - 2) = 82.14."""
        product = self._create_product("Flour", vendors=self.vendor)
        for confirmed, received in (
            ((2026, 3, 18), (2026, 3, 22)),
            ((2026, 3, 15), (2026, 3, 25)),
        ):
            order = self._buy(
                self.vendor,
                [(product, 1, 1.0)],
                self.utc(*confirmed, 15),
                self.utc(*received, 15),
            )
            self._receive(order, {product: 1}, self.utc(*received, 15))

        assessment = self._assess()
        self.assertEqual(assessment.receipt_count, 2)
        self.assertAlmostEqual(assessment.lead_time_mean, 7.0)
        self.assertAlmostEqual(assessment.score_turnaround, 100.0 * 23 / 28)

    def test_forecasting_from_weekly_demand_variation(self):
        """Look-back 28 days: four weeks, 25-31, 18-24, 11-17 and 4-10
        March. Rice leaves 2 units every day: 14 a week, variation 0, score
        100. Saffron leaves 12 units on 25 March: weeks (12, 0, 0, 0), mean
        3, mean of squares 144 / 4 = 36, variance 36 - 9 = 27, deviation
        5.196, variation 1.732: score 100 x (2 - 1.732) / 1.5 = 17.86.
        Forecasting = (100 + 17.86) / 2 = 58.93; Saffron (variation over 1.5)
        is named in an action for erratic demand. A delivery on 3 March,
        before the four weeks, is not read."""
        self.company.jit_readiness_window_days = 28
        rice = self._create_product("Rice")
        saffron = self._create_product("Saffron")
        for day in range(4, 32):
            self._deliver(rice, 2, self.utc(2026, 3, day, 15))
        self._deliver(saffron, 12, self.utc(2026, 3, 25, 15))
        self._deliver(saffron, 12, self.utc(2026, 3, 3, 15))

        assessment = self._assess()
        saffron_variation = 27**0.5 / 3
        self.assertEqual(assessment.demand_product_count, 2)
        self.assertAlmostEqual(assessment.demand_variation, saffron_variation / 2)
        self.assertAlmostEqual(
            assessment.score_forecasting,
            (100.0 + 100.0 * (2 - saffron_variation) / 1.5) / 2,
        )
        erratic = assessment.action_ids.filtered(
            lambda action: action.dimension == "forecasting"
        )
        self.assertEqual(erratic.product_ids, saffron)

    def test_flexibility_counts_qualified_second_vendors(self):
        """Minimum grade C. Bought in the window: Oats (sold only by
        Punctual), Barley (Punctual and Slow), Rye (Slow and Weak Widgets,
        whose latest quarter is an E: not qualified). One product of three
        has two qualified vendors: 33.33; the action names Oats and Rye."""
        self.company.jit_minimum_vendor_grade = "C"
        weak = self._create_vendor("Weak Widgets")
        self.Scorecard.create(
            {
                "partner_id": weak.id,
                "company_id": self.company.id,
                "period_type": "quarter",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 3, 31),
                "score": 40.0,
                "grade": "E",
            }
        )
        oats = self._create_product("Oats", vendors=self.vendor)
        barley = self._create_product("Barley", vendors=self.vendor | self.other_vendor)
        rye = self._create_product("Rye", vendors=self.other_vendor | weak)
        confirmed = self.utc(2026, 3, 23, 15)
        promised = self.utc(2026, 4, 10, 15)
        self._buy(self.vendor, [(oats, 1, 1.0), (barley, 1, 1.0)], confirmed, promised)
        self._buy(self.other_vendor, [(rye, 1, 1.0)], confirmed, promised)

        assessment = self._assess()
        self.assertEqual(assessment.purchased_product_count, 3)
        self.assertEqual(assessment.second_vendor_product_count, 1)
        self.assertAlmostEqual(assessment.score_flexibility, 100.0 / 3)
        action = assessment.action_ids.filtered(
            lambda action: action.dimension == "flexibility"
        )
        self.assertEqual(action.product_ids, oats | rye)
        self.assertIn("2 products", action.name)

    def test_reliability_is_spend_weighted_otif(self):
        """In the window: Punctual, spend 300, one line received in full on
        time (OTIF 100 %); Slow, spend 100, one line received late (OTIF 0 %).
        Reliability = (300 x 100 + 100 x 0) / 400 = 75; Slow is named in the
        action on late or short deliveries."""
        product = self._create_product("Sugar", vendors=self.vendor | self.other_vendor)
        confirmed = self.utc(2026, 3, 22, 15)
        promised = self.utc(2026, 3, 26, 15)
        on_time = self._buy(self.vendor, [(product, 3, 100.0)], confirmed, promised)
        late = self._buy(self.other_vendor, [(product, 1, 100.0)], confirmed, promised)
        self._receive(on_time, {product: 3}, self.utc(2026, 3, 25, 15))
        self._receive(late, {product: 1}, self.utc(2026, 3, 29, 15))

        assessment = self._assess()
        self.assertAlmostEqual(assessment.score_reliability, 75.0)
        action = assessment.action_ids.filtered(
            lambda action: action.dimension == "reliability"
        )
        self.assertEqual(action.partner_ids, self.other_vendor)

    def test_workforce_from_questionnaire(self):
        """Answers yes, partly, no, yes and one unanswered: (100 + 50 + 0 +
        100 + 0) / 5 = 50; three workforce actions, one per answer that is
        not yes."""
        assessment = self._assess(
            question_cross_trained="yes",
            question_same_day_receiving="partly",
            question_small_orders="no",
            question_problem_reporting="yes",
        )
        self.assertAlmostEqual(assessment.score_workforce, 50.0)
        self.assertEqual(
            len(assessment.action_ids.filtered(lambda a: a.dimension == "workforce")),
            3,
        )

    def test_technology_from_rules_receipts_and_barcodes(self):
        """Four products on hand: Salt (reorder rule, barcode), Pepper
        (barcode), Thyme and Basil. Two receipts in the window: Salt
        expected and validated 24 March (prompt); Pepper expected 23 March,
        validated 27 March (late by more than a day).

        Rules 1 / 4 = 25 %, prompt receipts 1 / 2 = 50 %, barcodes 2 / 4 =
        50 %: technology = (25 + 50 + 50) / 3 = 41.67, with an action to
        validate receipts the day they arrive."""
        salt = self._create_product("Salt", vendors=self.vendor, barcode="RDY-0001")
        pepper = self._create_product("Pepper", vendors=self.vendor, barcode="RDY-0002")
        thyme = self._create_product("Thyme")
        basil = self._create_product("Basil")
        for product in (salt, pepper, thyme, basil):
            self.env["stock.quant"]._update_available_quantity(product, self.stock, 5)
        self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": salt.id,
                "warehouse_id": self.warehouse.id,
                "location_id": self.stock.id,
                "company_id": self.company.id,
            }
        )
        for product, expected, done in (
            (salt, (2026, 3, 24), (2026, 3, 24)),
            (pepper, (2026, 3, 23), (2026, 3, 27)),
        ):
            order = self._buy(
                self.vendor,
                [(product, 1, 1.0)],
                self.utc(2026, 3, 20, 15),
                self.utc(*expected, 15),
            )
            self._receive(order, {product: 1}, self.utc(*done, 15))

        assessment = self._assess()
        self.assertEqual(assessment.stocked_product_count, 4)
        self.assertAlmostEqual(assessment.rule_share, 25.0)
        self.assertAlmostEqual(assessment.prompt_receipt_share, 50.0)
        self.assertAlmostEqual(assessment.barcode_share, 50.0)
        self.assertAlmostEqual(assessment.score_technology, 125.0 / 3)
        self.assertTrue(
            assessment.action_ids.filtered(
                lambda action: "Validate receipts the day they arrive" in action.name
            )
        )

    def test_overall_candidates_and_assess_again_keeps_history(self):
        """Demand only, over two weeks: Rice (Dry) 2 units a day, weeks
        (14, 14), score 100; Saffron (Fresh) 10 units on 25 March, weeks
        (10, 0): mean 5, deviation 5, variation 1, score 100 x (2 - 1) / 1.5
        = 66.67. Forecasting (100 + 66.67) / 2 = 83.33. Turnaround,
        flexibility, reliability 0 (no data), workforce 0 (unanswered),
        technology: 2 stocked products, no rule, no barcode, no receipt: 0.
        Overall = 83.33 / 6 = 13.89.

        Candidates (four sub-scores, unmeasured ones 0): Dry 100 / 4 = 25
        first, Fresh 66.67 / 4 = 16.67 second. Assessing again makes a
        second assessment and leaves the first as it was; assessing a done
        one is refused."""
        rice = self._create_product("Rice")
        saffron = self._create_product("Saffron", category=self.fresh)
        for day in range(18, 32):
            self._deliver(rice, 2, self.utc(2026, 3, day, 15))
        self._deliver(saffron, 10, self.utc(2026, 3, 25, 15))

        first = self._assess()
        self.assertAlmostEqual(first.score_forecasting, 250.0 / 3)
        self.assertAlmostEqual(first.score_overall, 250.0 / 18)
        self.assertEqual(
            first.candidate_ids.mapped("categ_id"), self.category | self.fresh
        )
        top, second = first.candidate_ids.sorted("rank")
        self.assertEqual(top.categ_id, self.category)
        self.assertAlmostEqual(top.score, 25.0)
        self.assertAlmostEqual(second.score, 200.0 / 3 / 4)
        self.assertIn("demand stability 100/100", top.reasons)
        self.assertIn("nothing bought in the window", top.reasons)
        self.assertEqual(first.action_ids[0].dimension, "turnaround")

        with self.assertRaises(UserError):
            first.action_assess()
        with freeze_time("2026-04-01 12:00:00"):
            action = first.action_assess_again()
        second = self.env["jit.readiness.assessment"].browse(action["res_id"])
        self.assertNotEqual(second, first)
        self.assertEqual(second.state, "done")
        self.assertAlmostEqual(second.score_overall, first.score_overall)
        self.assertEqual(
            self.env["jit.readiness.assessment"].search_count(
                [("company_id", "=", self.company.id)]
            ),
            2,
        )
