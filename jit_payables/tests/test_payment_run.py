# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import hashlib

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PayablesCase


@tagged("post_install", "-at_install")
@freeze_time("2026-12-02 08:00:00")
class TestPaymentRun(PayablesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls._vendor("Netting Co", routing="011000015")
        cls.other_vendor = cls._vendor("Second Co", routing="021000021")

    def test_preparer_cannot_release(self):
        """Manager A prepares; A's release is refused; a clerk cannot release;
        manager B releases."""
        self._bill(self.vendor, 1, 100.0)
        run = self._run()
        run.with_user(self.manager_a).action_prepare()
        self.assertEqual(run.preparer_id, self.manager_a)
        with self.assertRaisesRegex(UserError, "you cannot release"):
            run.with_user(self.manager_a).action_release()
        with self.assertRaisesRegex(UserError, "Only a payables manager"):
            run.with_user(self.clerk).action_release()
        self.assertEqual(run.state, "prepared")
        self.assertFalse(run.line_ids.payment_ids)
        run.with_user(self.manager_b).action_release()
        self.assertEqual(run.state, "released")
        self.assertEqual(run.releaser_id, self.manager_b)

    def test_clerk_prepares_a_run(self):
        """A payables user may create and prepare a run."""
        self._bill(self.vendor, 1, 100.0)
        run = self._run(user=self.clerk)
        run.with_user(self.clerk).action_prepare()
        self.assertEqual(run.state, "prepared")

    def test_credit_note_is_netted(self):
        """Bill 1,000.00 and credit note 200.00 of the same vendor: one line
        of 800.00; after release the bill and the credit note are settled by
        one payment of 800.00."""
        bill = self._bill(self.vendor, 1, 1000.0)
        credit = self._bill(self.vendor, 1, 200.0, move_type="in_refund")
        run = self._run()
        run.with_user(self.manager_a).action_prepare()
        line = run.line_ids
        self.assertEqual(line.amount_bills, 1000.0)
        self.assertEqual(line.amount_credit_notes, 200.0)
        self.assertEqual(line.amount_due, 800.0)
        self.assertEqual(line.move_ids, bill | credit)

        run.with_user(self.manager_b).action_release()
        self.assertEqual(line.payment_ids.amount, 800.0)
        self.assertIn(bill.payment_state, ("paid", "in_payment"))
        self.assertIn(credit.payment_state, ("paid", "in_payment"))

    def test_credit_notes_larger_than_bills_are_not_paid(self):
        """Bill 100.00, credit note 150.00: nothing to pay, the run says why."""
        self._bill(self.vendor, 1, 100.0)
        self._bill(self.vendor, 1, 150.0, move_type="in_refund")
        self._bill(self.other_vendor, 1, 10.0)
        run = self._run()
        run.with_user(self.manager_a).action_prepare()
        self.assertEqual(run.line_ids.partner_id, self.other_vendor)
        self.assertIn("credit notes cover the bills", run.skipped_note)

    def test_partial_payment_leaves_the_rest_open(self):
        """Bill 1,000.00; the run line is lowered to 400.00: the payment is
        400.00 and the bill stays partly paid with 600.00 open; a next run
        picks the 600.00."""
        bill = self._bill(self.vendor, 1, 1000.0)
        run = self._run()
        run.with_user(self.manager_a).action_prepare()
        run.line_ids.amount = 400.0
        run.with_user(self.manager_b).action_release()
        self.assertEqual(run.line_ids.payment_ids.amount, 400.0)
        self.assertEqual(bill.payment_state, "partial")
        self.assertEqual(bill.amount_residual, 600.0)

        next_run = self._run()
        next_run.with_user(self.manager_a).action_prepare()
        self.assertEqual(next_run.line_ids.amount_due, 600.0)

    def test_amount_above_due_is_refused(self):
        self._bill(self.vendor, 1, 100.0)
        run = self._run()
        run.with_user(self.manager_a).action_prepare()
        with self.assertRaisesRegex(UserError, "at most"):
            run.line_ids.amount = 100.01

    def test_early_payment_discount_is_taken(self):
        """Terms 2 % if paid within 10 days, net 30. Bill 1,000.00 dated 1 Dec:
        discount until 11 Dec, due 31 Dec. A run for bills due by 15 Dec,
        executed 2 Dec, picks it because its discount ends by then, and pays
        1,000.00 - 2 % = 980.00; the bill is fully settled."""
        terms = self.env["account.payment.term"].create(
            {
                "name": "2/10 net 30",
                "early_discount": True,
                "discount_percentage": 2.0,
                "discount_days": 10,
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 100, "nb_days": 30}
                    )
                ],
            }
        )
        bill = self._bill(self.vendor, 1, 1000.0, invoice_payment_term_id=terms.id)
        self.assertEqual(str(bill.invoice_date_due), "2026-12-31")
        run = self._run(date_due_limit="2026-12-15", date_execution="2026-12-02")
        run.with_user(self.manager_a).action_prepare()
        line = run.line_ids
        self.assertEqual(line.amount_discount, 20.0)
        self.assertEqual(line.amount_due, 980.0)
        run.with_user(self.manager_b).action_release()
        self.assertEqual(line.payment_ids.amount, 980.0)
        self.assertIn(bill.payment_state, ("paid", "in_payment"))

    def test_bill_due_later_without_discount_waits(self):
        """Bill due 31 Dec, run for bills due by 15 Dec: not picked."""
        self._bill(self.vendor, 1, 100.0, invoice_date_due="2026-12-31")
        run = self._run(date_due_limit="2026-12-15")
        with self.assertRaisesRegex(UserError, "found nothing to pay"):
            run.with_user(self.manager_a).action_prepare()

    def test_bill_on_hold_or_waiting_approval_is_not_picked(self):
        """Match on: a bill billing 10 of 8 received is on hold; threshold
        500.00: a 600.00 bill waits approval; only a 100.00 bill is paid."""
        self._enable_match(percent=5.0)
        self.company.jit_approval_threshold = 500.0
        order = self._purchase(self.vendor, 10, 10.0, received=8)
        self._bill(self.vendor, 10, 10.0, order_line=order.order_line)
        self._bill(self.vendor, 1, 600.0)
        payable = self._bill(self.other_vendor, 1, 100.0)
        run = self._run()
        run.with_user(self.manager_a).action_prepare()
        self.assertEqual(run.line_ids.move_ids, payable)

    def test_bill_in_an_open_run_is_not_picked_twice(self):
        self._bill(self.vendor, 1, 100.0)
        self._run().with_user(self.manager_a).action_prepare()
        with self.assertRaisesRegex(UserError, "found nothing to pay"):
            self._run().with_user(self.manager_a).action_prepare()

    def test_released_file_is_stored_with_its_sha256_and_locked(self):
        """The released file's SHA-256 is the hash of its bytes; writing the
        file is refused; a new file needs a second manager's approval, and the
        old hash is kept in the chatter."""
        self._bill(self.vendor, 1, 19.99)
        run = self._prepare_and_release(self._run())
        content = base64.b64decode(run.file_data)
        self.assertEqual(run.file_sha256, hashlib.sha256(content).hexdigest())
        self.assertTrue(run.file_intact)
        # As the web client reads it: binaries come as sizes with bin_size.
        run.invalidate_recordset(["file_intact"])
        self.assertTrue(run.with_context(bin_size=True).file_intact)
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            run.file_data = base64.b64encode(b"tampered")
        with self.assertRaisesRegex(UserError, "Nobody asked"):
            run.with_user(self.manager_a).action_approve_new_file()

        old_sha = run.file_sha256
        run.with_user(self.manager_a).action_request_new_file()
        with self.assertRaisesRegex(UserError, "another payables manager"):
            run.with_user(self.manager_a).action_approve_new_file()
        with freeze_time("2026-12-02 09:00:00"):
            run.with_user(self.manager_b).action_approve_new_file()
        self.assertNotEqual(run.file_sha256, old_sha)
        self.assertFalse(run.regeneration_requested_by_id)
        self.assertIn(old_sha, run.message_ids[0].body)

    def test_checks_numbered_in_sequence_void_and_reissue(self):
        """Check run paying two vendors: checks get consecutive numbers N and
        N+1 (Netting Co first by name... 'Netting Co' < 'Second Co'); voiding
        the first reissues it as N+2 for the same 100.00, the voided payment
        is cancelled and the bill is paid by the new check."""
        bill = self._bill(self.vendor, 1, 100.0)
        self._bill(self.other_vendor, 1, 1234.5)
        run = self._prepare_and_release(self._run("check"))
        first_line = run.line_ids.filtered(lambda line: line.partner_id == self.vendor)
        second_line = run.line_ids - first_line
        first = int(first_line.check_number)
        self.assertEqual(int(second_line.check_number), first + 1)
        self.assertEqual(
            second_line.payment_ids.check_amount_in_words,
            "One Thousand, Two Hundred And Thirty-Four Dollars and Fifty Cents",
        )
        self.assertTrue(run.file_name.endswith(".pdf"))

        old_payment = first_line.payment_ids
        first_line.with_user(self.manager_b).action_void_and_reissue()
        self.assertEqual(old_payment.state, "canceled")
        self.assertEqual(int(first_line.check_number), first + 2)
        self.assertEqual(first_line._active_payments().amount, 100.0)
        self.assertIn(bill.payment_state, ("paid", "in_payment"))

    def test_check_layout_shows_amount_in_words(self):
        """The check report prints payee, number and the amount in words."""
        self._bill(self.other_vendor, 1, 1234.5)
        run = self._prepare_and_release(self._run("check"))
        payment = run.line_ids.payment_ids
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "jit_payables.action_report_jit_check", payment.ids
        )
        html = html.decode()
        self.assertIn("Second Co", html)
        self.assertIn(payment.check_number, html)
        self.assertIn("Thirty-Four Dollars and Fifty Cents", html)

    def test_bill_paid_elsewhere_after_preparation_blocks_release(self):
        """A bill of a prepared run is paid from the bill meanwhile: the release
        is refused and asks to prepare again; nothing is posted by the run."""
        bill = self._bill(self.vendor, 1, 100.0)
        run = self._run()
        run.with_user(self.manager_a).action_prepare()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=bill.ids
        ).create({})._create_payments()
        with self.assertRaisesRegex(UserError, "prepare it again"):
            run.with_user(self.manager_b).action_release()
        self.assertEqual(run.state, "prepared")
        self.assertFalse(run.line_ids.payment_ids)

    def test_released_run_lines_are_locked(self):
        """After release, a line's amount cannot change nor the line be deleted."""
        self._bill(self.vendor, 1, 100.0)
        run = self._prepare_and_release(self._run())
        with self.assertRaisesRegex(UserError, "is released"):
            run.line_ids.amount = 50.0
        with self.assertRaisesRegex(UserError, "is released"):
            run.line_ids.unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            run.unlink()

    def test_back_to_draft_clears_the_selection(self):
        """Prepared then back to draft: no lines, no preparer; preparing again
        picks the same 100.00 bill."""
        self._bill(self.vendor, 1, 100.0)
        run = self._run()
        run.with_user(self.manager_a).action_prepare()
        run.with_user(self.manager_a).action_reset_to_draft()
        self.assertEqual(run.state, "draft")
        self.assertFalse(run.line_ids)
        self.assertFalse(run.preparer_id)
        run.with_user(self.manager_b).action_prepare()
        self.assertEqual(run.line_ids.amount, 100.0)
