from datetime import date

from .common import ReadinessCase


class TestOrderpointVendorGrade(ReadinessCase):
    """Scorecards here are written directly: their computation is tested
    elsewhere; what is tested is how reorder rules read them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.poor = cls.vendor
        cls.good = cls.other_vendor
        cls.best = cls._create_vendor("Best Bearings")
        cls.weak = cls._create_vendor("Weak Widgets")
        cls.unknown = cls._create_vendor("New Nails")
        cls.product = cls._create_product(
            "Bearing",
            vendors=cls.poor | cls.good | cls.best | cls.weak | cls.unknown,
        )
        for vendor, start, grade, score in (
            (cls.poor, date(2026, 4, 1), "A", 95.0),
            (cls.poor, date(2026, 7, 1), "D", 62.0),
            (cls.good, date(2026, 7, 1), "B", 85.0),
            (cls.best, date(2026, 7, 1), "A", 93.0),
            (cls.weak, date(2026, 7, 1), "D", 61.0),
        ):
            cls.env["jit.supplier.scorecard"].create(
                {
                    "partner_id": vendor.id,
                    "company_id": cls.company.id,
                    "period_type": "quarter",
                    "date_start": start,
                    "date_end": start.replace(month=start.month + 2, day=28),
                    "score": score,
                    "grade": grade,
                }
            )
        cls.policy = cls.env["jit.replenishment.policy"].create(
            {"name": "Readiness test policy", "company_id": cls.company.id}
        )
        cls.rule = cls.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": cls.product.id,
                "warehouse_id": cls.warehouse.id,
                "location_id": cls.warehouse.lot_stock_id.id,
                "company_id": cls.company.id,
                "supplier_id": cls.product.seller_ids.filtered(
                    lambda seller: seller.partner_id == cls.poor
                ).id,
                "jit_policy_id": cls.policy.id,
            }
        )

    def test_vendor_below_grade_flagged_with_better_vendor_suggested(self):
        """Minimum grade C. The rule buys from Punctual Parts, whose latest
        quarter (Q3) is a D (an earlier A does not count): flagged. Other
        sellers: Slow Supplies B (85), Best Bearings A (93), Weak Widgets D
        (below the minimum), New Nails ungraded. Suggested: Best Bearings."""
        self.company.jit_minimum_vendor_grade = "C"
        self.assertEqual(self.rule.jit_vendor_id, self.poor)
        self.assertEqual(self.rule.jit_vendor_grade, "D")
        self.assertTrue(self.rule.jit_vendor_below_grade)
        self.assertEqual(self.rule.jit_suggested_vendor_id, self.best)
        flagged = self.env["stock.warehouse.orderpoint"].search(
            [("jit_vendor_below_grade", "=", True), ("id", "=", self.rule.id)]
        )
        self.assertEqual(flagged, self.rule)

    def test_no_suggestion_without_a_qualified_better_vendor(self):
        """Minimum grade E: a D is not below it, nothing is flagged. Minimum
        grade A with the rule on Slow Supplies (B): flagged, and Best
        Bearings (A) is suggested; with the rule on Best Bearings: not
        flagged."""
        self.company.jit_minimum_vendor_grade = "E"
        self.assertFalse(self.rule.jit_vendor_below_grade)
        self.assertFalse(self.rule.jit_suggested_vendor_id)

        self.company.jit_minimum_vendor_grade = "A"
        self.rule.supplier_id = self.product.seller_ids.filtered(
            lambda seller: seller.partner_id == self.good
        )
        self.assertEqual(self.rule.jit_vendor_grade, "B")
        self.assertTrue(self.rule.jit_vendor_below_grade)
        self.assertEqual(self.rule.jit_suggested_vendor_id, self.best)

        self.rule.supplier_id = self.product.seller_ids.filtered(
            lambda seller: seller.partner_id == self.best
        )
        self.assertFalse(self.rule.jit_vendor_below_grade)

    def test_nothing_flagged_until_configured_or_without_policy(self):
        """No minimum grade (the default): nothing flagged. A minimum grade
        but no JIT policy on the rule: the rule behaves as Odoo's, not
        flagged (the grade is still shown)."""
        self.assertFalse(self.company.jit_minimum_vendor_grade)
        self.assertFalse(self.rule.jit_vendor_below_grade)

        self.company.jit_minimum_vendor_grade = "C"
        self.rule.jit_policy_id = False
        self.assertEqual(self.rule.jit_vendor_grade, "D")
        self.assertFalse(self.rule.jit_vendor_below_grade)
        self.assertFalse(self.rule.jit_suggested_vendor_id)

    def test_vendor_form_shows_latest_quarter_grade(self):
        """The vendor's grade is its latest graded quarter (D), and the smart
        button counts its two scorecards."""
        poor = self.poor.with_company(self.company)
        self.assertEqual(poor.jit_vendor_grade, "D")
        self.assertAlmostEqual(poor.jit_vendor_score, 62.0)
        self.assertEqual(poor.jit_scorecard_count, 2)
        action = poor.action_view_jit_scorecards()
        self.assertEqual(
            self.env["jit.supplier.scorecard"].search(action["domain"]),
            poor.jit_scorecard_ids,
        )
