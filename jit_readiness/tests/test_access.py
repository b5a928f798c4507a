from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import ReadinessCase


class TestAccess(ReadinessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create(
            {"name": "Readiness Other Co"}
        )
        companies = cls.company | cls.other_company
        cls.user = new_test_user(
            cls.env,
            login="readiness_user",
            groups="base.group_user,jit_readiness.group_readiness_user",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.manager = new_test_user(
            cls.env,
            login="readiness_manager",
            groups="base.group_user,jit_readiness.group_readiness_manager",
            company_id=cls.company.id,
            company_ids=[(6, 0, companies.ids)],
        )
        cls.stock_user = new_test_user(
            cls.env,
            login="readiness_stock_user",
            groups="stock.group_stock_user",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.cards = cls.env["jit.supplier.scorecard"]
        for company, grade in ((cls.company, "B"), (cls.other_company, "E")):
            cls.cards |= cls.env["jit.supplier.scorecard"].create(
                {
                    "partner_id": cls.vendor.id,
                    "company_id": company.id,
                    "period_type": "quarter",
                    "date_start": date(2026, 7, 1),
                    "date_end": date(2026, 9, 30),
                    "score": 85.0,
                    "grade": grade,
                }
            )

    def test_user_reads_scorecards_manager_manages(self):
        """A Readiness user reads scorecards but cannot change, create or
        delete them, nor start an assessment; a manager can."""
        card = self.cards[0].with_user(self.user)
        self.assertEqual(card.grade, "B")
        with self.assertRaises(AccessError):
            card.write({"grade": "A"})
        with self.assertRaises(AccessError):
            card.unlink()
        with self.assertRaises(AccessError):
            self.env["jit.readiness.assessment"].with_user(self.user).create(
                {"company_id": self.company.id}
            )
        assessment = (
            self.env["jit.readiness.assessment"]
            .with_user(self.manager)
            .create({"company_id": self.company.id, "date": date(2026, 4, 1)})
        )
        assessment.action_assess()
        self.assertEqual(assessment.state, "done")
        self.assertEqual(assessment.with_user(self.user).state, "done")

    def test_users_see_only_their_companies(self):
        """The user of Readiness Test Co sees its scorecard only; the manager
        of both companies sees both when both are allowed. The other
        company's assessment is hidden from the user."""
        visible = (
            self.env["jit.supplier.scorecard"]
            .with_user(self.user)
            .search([("partner_id", "=", self.vendor.id)])
        )
        self.assertEqual(visible, self.cards[0])
        both = (
            self.env["jit.supplier.scorecard"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=(self.company | self.other_company).ids)
            .search([("partner_id", "=", self.vendor.id)])
        )
        self.assertEqual(both, self.cards)

        other = self.env["jit.readiness.assessment"].create(
            {"company_id": self.other_company.id, "date": date(2026, 4, 1)}
        )
        found = self.env["jit.readiness.assessment"].with_user(self.user).search([])
        self.assertNotIn(other, found)
        with self.assertRaises(AccessError):
            other.with_user(self.user).read(["name"])

    def test_grade_readable_without_readiness_rights_per_company(self):
        """A stock user without any Readiness group opens the vendor and sees
        its grade in the current company (B), not the other company's E;
        the scorecards themselves stay out of reach."""
        vendor = self.vendor.with_user(self.stock_user).with_company(self.company)
        self.assertEqual(vendor.jit_vendor_grade, "B")
        self.assertEqual(vendor.jit_scorecard_count, 1)
        with self.assertRaises(AccessError):
            self.cards[0].with_user(self.stock_user).read(["grade"])

    def test_vendor_and_rule_views_open_for_a_stock_user(self):
        """The vendor form and the reorder rule list and form load for a
        user without Readiness rights (the scorecard list is left out); a
        manager gets the scorecard list."""
        partner_view = (
            self.env["res.partner"]
            .with_user(self.stock_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("jit_scorecard_ids", partner_view)
        rules = self.env["stock.warehouse.orderpoint"].with_user(self.stock_user)
        views = rules.get_views([(False, "list"), (False, "form")])["views"]
        self.assertIn("jit_vendor_grade", views["form"]["arch"])
        manager_view = (
            self.env["res.partner"]
            .with_user(self.manager)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("jit_scorecard_ids", manager_view)
