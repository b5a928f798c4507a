# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PayablesCase


@tagged("post_install", "-at_install")
class TestBankDetails(PayablesCase):
    def test_routing_number_keeps_its_leading_zero(self):
        """011000015: 0x3+1x7+1x1+0x3+0x7+0x1+0x3+1x7+5x1 = 20, multiple of 10."""
        vendor = self._vendor("Zero Lead Inc", routing="011000015")
        self.assertEqual(vendor.bank_ids.jit_aba_routing, "011000015")

    def test_wrong_routing_check_digit_is_refused(self):
        """011000016 sums to 21: not a multiple of 10, refused with the reason."""
        vendor = self._vendor("Typo Inc")
        with self.assertRaises(ValidationError) as caught:
            self.env["res.partner.bank"].create(
                {
                    "partner_id": vendor.id,
                    "acc_number": "55555",
                    "jit_aba_routing": "011000016",
                }
            )
        self.assertIn("check digit", str(caught.exception))
        self.assertFalse(
            self.env["res.partner.bank"].search_count([("partner_id", "=", vendor.id)])
        )

    def test_routing_number_of_eight_digits_is_refused(self):
        vendor = self._vendor("Short Inc")
        with self.assertRaisesRegex(ValidationError, "exactly 9 digits"):
            self.env["res.partner.bank"].create(
                {
                    "partner_id": vendor.id,
                    "acc_number": "1",
                    "jit_aba_routing": "01100001",
                }
            )

    def test_invalid_iban_is_refused(self):
        """DE89 3704 0044 0532 0130 00 is valid (mod 97 = 1); changing its last
        digit to 1 breaks the check and is refused."""
        vendor = self._vendor("Iban GmbH")
        self.env["res.partner.bank"].create(
            {"partner_id": vendor.id, "acc_number": "DE89370400440532013000"}
        )
        with self.assertRaisesRegex(ValidationError, "mod-97"):
            self.env["res.partner.bank"].create(
                {"partner_id": vendor.id, "acc_number": "DE89370400440532013001"}
            )

    def test_bic_format_is_checked(self):
        """DEUTDEFF and DEUTDEFF500 pass; DEUT1EFF (digit in the country) fails."""
        self.env["res.bank"].create({"name": "Eight", "bic": "DEUTDEFF"})
        self.env["res.bank"].create({"name": "Eleven", "bic": "DEUTDEFF500"})
        with self.assertRaisesRegex(ValidationError, "BIC"):
            self.env["res.bank"].create({"name": "Bad", "bic": "DEUT1EFF"})

    @freeze_time("2026-12-02")
    def test_new_account_waits_the_cooling_off_period(self):
        """Cooling-off 10 days. A vendor account created on 2 Dec is usable
        from 12 Dec: a run on 2 Dec skips the vendor and says why, with a
        to-do for a manager other than the one who entered the account; on
        12 Dec the run pays it."""
        self.company.jit_bank_cooling_days = 10
        vendor = self.env["res.partner"].create({"name": "New Bank Co"})
        account = (
            self.env["res.partner.bank"]
            .with_user(self.manager_a)
            .create(
                {
                    "partner_id": vendor.id,
                    "acc_number": "444555666",
                    "jit_aba_routing": "011000015",
                }
            )
        )
        self.assertEqual(str(account._jit_usable_from(self.company)), "2026-12-12")
        activity = account.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertNotEqual(activity.user_id, self.manager_a)
        self.assertTrue(
            activity.user_id.has_group("jit_payables.group_jit_payables_manager")
        )

        self._bill(vendor, 1, 100.0, invoice_date="2026-11-20")
        other = self._vendor("Old Bank Co", routing="021000021")
        other.bank_ids.jit_date_changed = "2026-11-01 10:00:00"
        self._bill(other, 1, 50.0, invoice_date="2026-11-20")

        run = self._run(date_execution="2026-12-02")
        run.with_user(self.manager_a).action_prepare()
        self.assertEqual(run.line_ids.partner_id, other)
        self.assertIn("New Bank Co", run.skipped_note)
        self.assertIn("2026-12-12", run.skipped_note)

        with freeze_time("2026-12-12"):
            later = self._run(date_execution="2026-12-14")
            later.with_user(self.manager_a).action_prepare()
            self.assertIn(vendor, later.line_ids.partner_id)

    @freeze_time("2026-12-02")
    def test_changed_account_number_restarts_cooling_off(self):
        """An account entered on 1 Nov is usable; changing its number on 2 Dec
        makes it new again until 12 Dec and clears its confirmation."""
        self.company.jit_bank_cooling_days = 10
        vendor = self._vendor("Switcher Co", routing="011000015")
        account = vendor.bank_ids
        account.jit_date_changed = "2026-11-01 10:00:00"
        account.with_user(self.manager_b).action_jit_confirm_with_vendor()
        self.assertEqual(account.jit_confirmed_by_id, self.manager_b)
        self.assertFalse(account._jit_is_cooling_off(self.company, fields.Date.today()))

        account.acc_number = "999000111"
        self.assertTrue(account._jit_is_cooling_off(self.company, fields.Date.today()))
        self.assertFalse(account.jit_confirmed_by_id)

    def test_no_cooling_off_when_the_rule_is_off(self):
        """Cooling-off 0 (default): a new account is usable at once, no to-do."""
        self.assertEqual(self.company.jit_bank_cooling_days, 0)
        vendor = self._vendor("Fast Co", routing="011000015")
        account = vendor.bank_ids
        self.assertFalse(account.activity_ids)
        self.assertFalse(account._jit_is_cooling_off(self.company, fields.Date.today()))

    def test_negative_settings_are_refused(self):
        """A tolerance of -5 % is refused, naming the setting and the fix."""
        with self.assertRaises(ValidationError) as caught:
            self.company.jit_match_tolerance_percent = -5.0
        self.assertIn("Match Tolerance (%)", str(caught.exception))
        self.assertIn("set 0", str(caught.exception))

    @freeze_time("2026-12-02")
    def test_run_uses_an_older_account_while_the_new_one_cools_off(self):
        """Vendor with an account from 1 Nov and one added on 2 Dec (cooling-off
        10 days): the run pays to the older one."""
        self.company.jit_bank_cooling_days = 10
        vendor = self._vendor("Two Banks Co", routing="011000015", account="111")
        old = vendor.bank_ids
        old.jit_date_changed = "2026-11-01 10:00:00"
        self.env["res.partner.bank"].create(
            {
                "partner_id": vendor.id,
                "acc_number": "222",
                "jit_aba_routing": "021000021",
            }
        )
        self._bill(vendor, 1, 100.0, invoice_date="2026-11-20")
        run = self._run(date_execution="2026-12-02")
        run.with_user(self.manager_a).action_prepare()
        self.assertEqual(run.line_ids.partner_bank_id, old)
