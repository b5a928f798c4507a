# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import MANAGER_GROUPS, PayablesCase


@tagged("post_install", "-at_install")
class TestAccessAndCompanies(PayablesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.setup_other_company()["company"]
        cls.other_manager = cls._user(
            "jit_manager_other", MANAGER_GROUPS, cls.other_company
        )
        cls.accountant = new_test_user(
            cls.env,
            login="jit_plain_billing",
            groups="base.group_user,account.group_account_invoice",
            company_id=cls.company.id,
        )

    def test_user_without_payables_group_cannot_read_runs(self):
        run = self._run()
        with self.assertRaises(AccessError):
            run.with_user(self.accountant).read(["name"])
        with self.assertRaises(AccessError):
            self.env["jit.payables.cash"].with_user(self.accountant).search([])

    def test_payables_user_cannot_delete_a_run(self):
        run = self._run(user=self.clerk)
        with self.assertRaises(AccessError):
            run.with_user(self.clerk).unlink()
        run.with_user(self.manager_a).unlink()

    def test_runs_and_views_are_separated_by_company(self):
        """A run and an open bill of company 1 are invisible to the manager of
        company 2, in the run list and in the cash view."""
        vendor = self._vendor("Company One Vendor")
        self._bill(vendor, 1, 100.0)
        run = self._run()
        self.env.flush_all()
        self.assertFalse(
            self.env["jit.payment.run"]
            .with_user(self.other_manager)
            .search([("id", "=", run.id)])
        )
        self.assertFalse(
            self.env["jit.payables.cash"]
            .with_user(self.other_manager)
            .search([("partner_id", "=", vendor.id)])
        )
        self.assertTrue(
            self.env["jit.payables.cash"]
            .with_user(self.manager_a)
            .search([("partner_id", "=", vendor.id)])
        )
        with self.assertRaises(AccessError):
            run.with_user(self.other_manager).read(["name"])

    def test_settings_are_per_company(self):
        """Match on in company 1 leaves company 2 off."""
        self._enable_match(percent=5.0)
        self.assertFalse(self.other_company.jit_match_enabled)
