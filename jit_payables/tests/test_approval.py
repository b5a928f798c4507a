# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MANAGER_GROUPS, PayablesCase


@tagged("post_install", "-at_install")
class TestApproval(PayablesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls._vendor("Big Ticket Ltd")
        cls.manager_c = cls._user("jit_manager_c", MANAGER_GROUPS)

    def test_threshold_zero_needs_no_approval(self):
        """Threshold 0 (default): a 1,500.00 bill is not sent to approval."""
        bill = self._bill(self.vendor, 1, 1500.0)
        self.assertEqual(bill.jit_approval_state, "not_required")
        self.assertFalse(bill.jit_payment_blocked)

    def test_bill_under_threshold_needs_no_approval(self):
        """Threshold 1,000.00: a 999.99 bill is not sent to approval."""
        self.company.jit_approval_threshold = 1000.0
        bill = self._bill(self.vendor, 1, 999.99)
        self.assertEqual(bill.jit_approval_state, "not_required")

    def test_creator_cannot_approve(self):
        """Threshold 1,000.00; manager A creates a 1,500.00 bill: waiting,
        unpayable; A cannot approve it."""
        self.company.jit_approval_threshold = 1000.0
        bill = self._bill(self.vendor, 1, 1500.0, user=self.manager_a)
        self.assertEqual(bill.jit_approval_state, "waiting")
        with self.assertRaisesRegex(UserError, "waiting approval"):
            bill.action_register_payment()
        with self.assertRaisesRegex(UserError, "second person"):
            bill.with_user(self.manager_a).action_jit_approve()
        self.assertEqual(bill.jit_approval_state, "waiting")

    def test_last_editor_cannot_approve_a_third_manager_can(self):
        """A creates the draft, B changes the line (last editor), the bill is
        posted: neither A nor B may approve; C approves and the bill becomes
        payable. A clerk is refused as not a manager."""
        self.company.jit_approval_threshold = 1000.0
        bill = self._bill(self.vendor, 1, 1500.0, user=self.manager_a, post=False)
        bill.with_user(self.manager_b).write(
            {
                "invoice_line_ids": [
                    Command.update(bill.invoice_line_ids.id, {"price_unit": 1600.0})
                ]
            }
        )
        bill.action_post()
        self.assertEqual(bill.jit_last_editor_id, self.manager_b)
        self.assertEqual(bill.amount_total, 1600.0)

        with self.assertRaisesRegex(UserError, "second person"):
            bill.with_user(self.manager_b).action_jit_approve()
        with self.assertRaisesRegex(UserError, "Only a payables manager"):
            bill.with_user(self.clerk).action_jit_approve()
        bill.with_user(self.manager_c).action_jit_approve()
        self.assertEqual(bill.jit_approval_state, "approved")
        self.assertEqual(bill.jit_approved_by_id, self.manager_c)
        self.assertFalse(bill.jit_payment_blocked)

    def test_draft_bill_cannot_be_approved(self):
        """Approval is given on the confirmed bill, which can no longer change."""
        self.company.jit_approval_threshold = 1000.0
        bill = self._bill(self.vendor, 1, 1500.0, post=False)
        with self.assertRaisesRegex(UserError, "Confirm"):
            bill.with_user(self.manager_a).action_jit_approve()

    def test_posting_alone_does_not_make_the_poster_an_editor(self):
        """A creates the draft, B only confirms it: B did not edit it and may
        approve; A may not."""
        self.company.jit_approval_threshold = 1000.0
        bill = self._bill(self.vendor, 1, 1500.0, user=self.manager_a, post=False)
        bill.with_user(self.manager_b).action_post()
        self.assertEqual(bill.jit_last_editor_id, self.manager_a)
        bill.with_user(self.manager_b).action_jit_approve()
        self.assertEqual(bill.jit_approval_state, "approved")
