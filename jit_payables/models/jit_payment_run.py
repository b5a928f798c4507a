# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import datetime
import hashlib
import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..bank_numbers import looks_like_iban
from ..nacha import next_business_day

_logger = logging.getLogger(__name__)

FILE_FIELDS = {"file_data", "file_name", "file_sha256"}
METHODS = [
    ("nacha", "NACHA (US ACH)"),
    ("sepa", "SEPA Credit Transfer"),
    ("check", "Checks"),
]


class JitPaymentRun(models.Model):
    _name = "jit.payment.run"
    _description = "Payment run"
    _inherit = ["mail.thread", "mail.activity.mixin", "jit.payment.file.mixin"]
    _order = "date_execution desc, id desc"

    name = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        help="Reference of the run, from the payment run sequence.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        help="Company whose vendor bills the run pays.",
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id",
        help="Currency of the run's totals.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("prepared", "Prepared"),
            ("released", "Released"),
            ("sent", "Sent"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        help="Draft: set the dates and method. Prepared: bills selected, waiting "
        "for a second person. Released: payments posted and file produced. Sent: "
        "the file went to the bank or the checks were mailed.",
    )
    payment_method = fields.Selection(
        METHODS,
        required=True,
        default="nacha",
        help="How the vendors are paid: an ACH file for a US bank, a SEPA XML "
        "file for a euro bank, or printed checks.",
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Bank Journal",
        required=True,
        domain="[('type', '=', 'bank'), ('company_id', '=', company_id)]",
        help="Bank journal paying the vendors; its bank account is the debtor "
        "account of the file.",
    )
    date_due_limit = fields.Date(
        string="Pay Bills Due By",
        required=True,
        default=lambda self: fields.Date.context_today(self)
        + datetime.timedelta(days=7),
        help="Bills due by this date are paid, as are bills whose early-payment "
        "discount ends by then (the discount is taken).",
    )
    date_execution = fields.Date(
        string="Requested Execution Date",
        required=True,
        default=fields.Date.context_today,
        help="Day the bank should pay; a Saturday or Sunday moves to Monday.",
    )
    date_payment = fields.Date(
        string="Execution Date",
        compute="_compute_date_payment",
        store=True,
        help="Requested execution date moved to the next business day when it "
        "falls on a weekend: the payments' date, the NACHA effective date and "
        "the SEPA requested execution date.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Only These Vendors",
        help="Leave empty to pay every vendor with bills due; otherwise the run "
        "only pays these vendors.",
    )
    line_ids = fields.One2many(
        "jit.payment.run.line",
        "run_id",
        string="Payments to Make",
        help="One line per vendor and currency.",
    )
    amount_total = fields.Monetary(
        string="Total",
        currency_field="company_currency_id",
        compute="_compute_amount_total",
        help="Sum of the amounts to pay, in company currency.",
    )
    payment_count = fields.Integer(
        compute="_compute_amount_total",
        help="Number of payments created by the run.",
    )
    skipped_note = fields.Text(
        string="Not Paid",
        readonly=True,
        help="Vendors the run could not pay and why (bank account missing or in "
        "its cooling-off period, credit notes larger than the bills...).",
    )
    preparer_id = fields.Many2one(
        "res.users",
        string="Prepared By",
        readonly=True,
        copy=False,
        help="Who selected the bills; they cannot release the run.",
    )
    date_prepared = fields.Datetime(
        string="Prepared On", readonly=True, copy=False, help="When it was prepared."
    )
    releaser_id = fields.Many2one(
        "res.users",
        string="Released By",
        readonly=True,
        copy=False,
        help="Payables manager who released the run.",
    )
    date_released = fields.Datetime(
        string="Released On", readonly=True, copy=False, help="When it was released."
    )
    file_data = fields.Binary(
        string="File",
        attachment=False,
        readonly=True,
        copy=False,
        help="The payment file produced on release; it cannot be changed.",
    )
    file_name = fields.Char(readonly=True, copy=False, help="Name of the file.")
    file_sha256 = fields.Char(
        string="SHA-256",
        readonly=True,
        copy=False,
        help="Fingerprint of the released file; compare it with what the bank "
        "received.",
    )
    file_intact = fields.Boolean(
        compute="_compute_file_intact",
        help="True when the stored file still has its recorded SHA-256.",
    )
    regeneration_requested_by_id = fields.Many2one(
        "res.users",
        string="New File Requested By",
        readonly=True,
        copy=False,
        help="Who asked to produce the file again; another payables manager must "
        "approve.",
    )

    @api.depends("date_execution")
    def _compute_date_payment(self):
        for run in self:
            run.date_payment = run.date_execution and next_business_day(
                run.date_execution
            )

    @api.depends("line_ids.amount", "line_ids.payment_ids")
    def _compute_amount_total(self):
        for run in self:
            total = 0.0
            for line in run.line_ids:
                total += line.currency_id._convert(
                    line.amount,
                    run.company_currency_id,
                    run.company_id,
                    run.date_payment or fields.Date.context_today(run),
                )
            run.amount_total = total
            run.payment_count = len(run.line_ids._active_payments())

    @api.depends("file_data", "file_sha256")
    def _compute_file_intact(self):
        # The web client reads binaries with bin_size (a size, not the data).
        for run in self.with_context(bin_size=False):
            content = base64.b64decode(run.file_data) if run.file_data else b""
            run.file_intact = bool(content) and (
                hashlib.sha256(content).hexdigest() == run.file_sha256
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "jit.payment.run"
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        if FILE_FIELDS & set(vals) and not self.env.context.get("jit_write_file"):
            raise UserError(
                self.env._(
                    "A payment run's file cannot be edited. Ask for a new file on "
                    "the run; another payables manager must approve it."
                )
            )
        locked = self.filtered(lambda run: run.state in ("released", "sent"))
        if locked and {"journal_id", "payment_method", "date_execution"} & set(vals):
            raise UserError(
                self.env._(
                    "Run %(run)s is released: its journal, method and dates can no "
                    "longer change.",
                    run=locked[0].name,
                )
            )
        return super().write(vals)

    def unlink(self):
        if any(run.state in ("released", "sent") for run in self):
            raise UserError(self.env._("A released payment run cannot be deleted."))
        return super().unlink()

    # ------------------------------------------------------------------
    # Preparation: choose the bills
    # ------------------------------------------------------------------

    def _jit_bill_domain(self):
        """Posted, unpaid, payable vendor bills the run may pick.

        Meant to be extended to narrow the selection (per vendor, per tag...).
        """
        self.ensure_one()
        vendors = []
        if self.partner_ids:
            vendors = [
                (
                    "commercial_partner_id",
                    "in",
                    self.partner_ids.commercial_partner_id.ids,
                )
            ]
        return [
            *vendors,
            ("company_id", "=", self.company_id.id),
            ("move_type", "=", "in_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("jit_payment_blocked", "=", False),
            "|",
            ("invoice_date_due", "<=", self.date_due_limit),
            "&",
            ("line_ids.discount_date", ">=", self.date_payment),
            ("line_ids.discount_date", "<=", self.date_due_limit),
        ]

    def _jit_moves_in_open_runs(self, moves):
        """Moves already selected by another run not yet released."""
        lines = self.env["jit.payment.run.line"].search(
            [
                ("run_id", "not in", self.ids),
                ("run_id.state", "in", ("draft", "prepared")),
                ("move_ids", "in", moves.ids),
            ]
        )
        return lines.move_ids & moves

    def _jit_pick_bank_account(self, partner, bills):
        """The vendor account the run pays to, or (False, reason)."""
        self.ensure_one()
        if self.payment_method == "check":
            return self.env["res.partner.bank"], None
        candidates = bills.partner_bank_id | partner.bank_ids
        if self.payment_method == "nacha":
            usable = candidates.filtered("jit_aba_routing")
            missing = self.env._("no bank account with an ABA routing number")
        else:
            usable = candidates.filtered(lambda bank: looks_like_iban(bank.acc_number))
            missing = self.env._("no bank account with an IBAN")
        if not usable:
            return usable, missing
        today = fields.Date.context_today(self)
        ready = usable.filtered(
            lambda bank: not bank._jit_is_cooling_off(self.company_id, today)
        )
        account = ready[:1] or usable[:1]
        if not ready:
            return account, self.env._(
                "bank account %(account)s changed recently; usable from %(date)s",
                account=account.acc_number,
                date=account._jit_usable_from(self.company_id),
            )
        return account, None

    def _jit_group_amounts(self, bills, credit_notes, currency):
        """Open amounts of a vendor group in its currency, discount included."""
        payable_type = "liability_payable"
        bill_lines = bills.line_ids.filtered(
            lambda line: line.account_type == payable_type and not line.reconciled
        )
        credit_lines = credit_notes.line_ids.filtered(
            lambda line: line.account_type == payable_type and not line.reconciled
        )
        amount_bills = -sum(bill_lines.mapped("amount_residual_currency"))
        amount_credit_notes = sum(credit_lines.mapped("amount_residual_currency"))
        discount = 0.0
        for bill in bills:
            if not bill._is_eligible_for_early_payment_discount(
                currency, self.date_payment
            ):
                continue
            for line in bill_lines.filtered(
                lambda line, bill=bill: line.move_id == bill
            ):
                discount += (
                    line.discount_amount_currency - line.amount_residual_currency
                )
        discount = currency.round(discount)
        return {
            "amount_bills": currency.round(amount_bills),
            "amount_credit_notes": currency.round(amount_credit_notes),
            "amount_discount": discount,
            "amount_due": currency.round(amount_bills - amount_credit_notes - discount),
        }

    def action_prepare(self):
        """Select the bills, group them per vendor and currency, and lock the run."""
        for run in self:
            if run.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft run can be prepared (%(run)s).", run=run.name
                    )
                )
            run._jit_check_journal()
            bills = self.env["account.move"].search(run._jit_bill_domain())
            bills -= run._jit_moves_in_open_runs(bills)
            groups = defaultdict(lambda: self.env["account.move"])
            for bill in bills:
                groups[(bill.commercial_partner_id, bill.currency_id)] |= bill
            credit_notes = self.env["account.move"].search(
                [
                    ("company_id", "=", run.company_id.id),
                    ("move_type", "=", "in_refund"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("commercial_partner_id", "in", bills.commercial_partner_id.ids),
                ]
            )
            credit_notes -= run._jit_moves_in_open_runs(credit_notes)

            line_vals, skipped = [], []
            for (partner, currency), group_bills in groups.items():
                reason = None
                if run.payment_method == "sepa" and currency.name != "EUR":
                    reason = self.env._(
                        "SEPA pays euros only, bills in %(currency)s",
                        currency=currency.name,
                    )
                account, bank_reason = run._jit_pick_bank_account(partner, group_bills)
                reason = reason or bank_reason
                group_credits = credit_notes.filtered(
                    lambda move, partner=partner, currency=currency: (
                        move.commercial_partner_id == partner
                        and move.currency_id == currency
                    )
                )
                amounts = run._jit_group_amounts(group_bills, group_credits, currency)
                if (
                    not reason
                    and currency.compare_amounts(amounts["amount_due"], 0) <= 0
                ):
                    reason = self.env._("credit notes cover the bills")
                if reason:
                    skipped.append(f"{partner.display_name}: {reason}")
                    continue
                line_vals.append(
                    {
                        "partner_id": partner.id,
                        "currency_id": currency.id,
                        "partner_bank_id": account.id,
                        "move_ids": [
                            fields.Command.set((group_bills | group_credits).ids)
                        ],
                        "amount": amounts["amount_due"],
                        **amounts,
                    }
                )
            if not line_vals:
                raise UserError(
                    self.env._(
                        "Run %(run)s found nothing to pay by %(date)s.%(skipped)s",
                        run=run.name,
                        date=run.date_due_limit,
                        skipped=("\n" + "\n".join(skipped)) if skipped else "",
                    )
                )
            run.write(
                {
                    "line_ids": [fields.Command.clear()]
                    + [fields.Command.create(vals) for vals in line_vals],
                    "skipped_note": "\n".join(skipped) or False,
                    "state": "prepared",
                    "preparer_id": self.env.uid,
                    "date_prepared": fields.Datetime.now(),
                }
            )
            _logger.info(
                "Payment run %s prepared: %s payments, %s vendors skipped",
                run.name,
                len(line_vals),
                len(skipped),
            )
        return True

    def action_reset_to_draft(self):
        for run in self:
            if run.state != "prepared":
                raise UserError(self.env._("Only a prepared run can go back to draft."))
            run.write(
                {
                    "line_ids": [fields.Command.clear()],
                    "state": "draft",
                    "preparer_id": False,
                    "date_prepared": False,
                    "skipped_note": False,
                }
            )
        return True

    def _jit_check_journal(self):
        self.ensure_one()
        if self.journal_id.company_id != self.company_id:
            raise UserError(
                self.env._(
                    "The journal %(journal)s belongs to another company than run "
                    "%(run)s.",
                    journal=self.journal_id.display_name,
                    run=self.name,
                )
            )
        self._jit_payment_method_line()

    def _jit_payment_method_line(self):
        self.ensure_one()
        code = "check_printing" if self.payment_method == "check" else "manual"
        method_line = self.journal_id.outbound_payment_method_line_ids.filtered(
            lambda line: line.code == code
        )[:1]
        if not method_line:
            raise UserError(
                self.env._(
                    "Journal %(journal)s has no outgoing payment method "
                    "'%(code)s'. Add it in the journal's Outgoing Payments tab.",
                    journal=self.journal_id.display_name,
                    code=code,
                )
            )
        return method_line

    # ------------------------------------------------------------------
    # Release: maker-checker, payments, file
    # ------------------------------------------------------------------

    def _jit_check_releaser(self):
        self.ensure_one()
        if not self.env.user.has_group("jit_payables.group_jit_payables_manager"):
            raise UserError(
                self.env._("Only a payables manager can release a payment run.")
            )
        if self.env.user == self.preparer_id:
            raise UserError(
                self.env._(
                    "You prepared run %(run)s, so you cannot release it: another "
                    "payables manager must check and release it.",
                    run=self.name,
                )
            )

    def action_release(self):
        """Create and post the payments and store the file, in one transaction."""
        for run in self:
            if run.state != "prepared":
                raise UserError(
                    self.env._(
                        "Only a prepared run can be released (%(run)s).", run=run.name
                    )
                )
            run._jit_check_releaser()
            run._jit_check_still_payable()
            run._jit_create_payments()
            run.write(
                {
                    "state": "released",
                    "releaser_id": self.env.uid,
                    "date_released": fields.Datetime.now(),
                }
            )
            run._jit_store_file()
        return True

    def _jit_check_still_payable(self):
        """Bills and bank accounts may have changed since the run was prepared."""
        self.ensure_one()
        self.line_ids.move_ids._jit_check_payable()
        settled = self.line_ids.move_ids.filtered(
            lambda move: move.payment_state not in ("not_paid", "partial")
        )
        if settled:
            raise UserError(
                self.env._(
                    "These bills were paid or changed since run %(run)s was "
                    "prepared: %(bills)s. Reset the run to draft and prepare it "
                    "again.",
                    run=self.name,
                    bills=", ".join(settled.mapped("display_name")),
                )
            )
        if not self.company_id.jit_bank_cooling_days:
            return
        today = fields.Date.context_today(self)
        for line in self.line_ids.filtered("partner_bank_id"):
            bank = line.partner_bank_id
            if bank._jit_is_cooling_off(self.company_id, today) or (
                bank.jit_date_changed and bank.jit_date_changed > self.date_prepared
            ):
                raise UserError(
                    self.env._(
                        "The bank account %(account)s of %(vendor)s changed after "
                        "the run was prepared or is in its cooling-off period. "
                        "Reset the run to draft and prepare it again.",
                        account=bank.acc_number,
                        vendor=line.partner_id.display_name,
                    )
                )

    def _jit_ordered_lines(self):
        """Lines by vendor name: the order of payments, checks and file entries."""
        return self.line_ids.sorted(lambda line: (line.partner_id.name or "", line.id))

    def _jit_create_payments(self):
        self.ensure_one()
        method_line = self._jit_payment_method_line()
        for line in self._jit_ordered_lines():
            line.payment_ids |= self._jit_pay_line(line, line.amount, method_line)

    def _jit_pay_line(self, line, amount, method_line):
        """Create and post the payment of one run line through Odoo's wizard."""
        payable_lines = line.move_ids.line_ids.filtered(
            lambda aml: aml.account_type == "liability_payable" and not aml.reconciled
        )
        wizard = (
            self.env["account.payment.register"]
            .with_context(
                active_model="account.move.line", active_ids=payable_lines.ids
            )
            .create(
                {
                    "payment_date": self.date_payment,
                    "journal_id": self.journal_id.id,
                    "payment_method_line_id": method_line.id,
                    "partner_bank_id": line.partner_bank_id.id,
                    "group_payment": True,
                    "amount": amount,
                    "communication": line.bill_references or self.name,
                }
            )
        )
        payments = wizard._create_payments()
        if self.payment_method == "check":
            self._jit_number_checks(payments)
        return payments

    def _jit_number_checks(self, payments):
        """Give each check the next number of the journal's check sequence."""
        journal = self.journal_id
        if journal.check_manual_sequencing:
            return
        if not journal.check_sequence_id:
            journal._create_check_sequence()
        for payment in payments:
            payment.check_number = journal.check_sequence_id.next_by_id()

    def action_mark_sent(self):
        for run in self:
            if run.state != "released":
                raise UserError(self.env._("Only a released run can be marked sent."))
            run.state = "sent"
        return True

    def action_download_file(self):
        self.ensure_one()
        if not self.file_data:
            raise UserError(self.env._("Run %(run)s has no file yet.", run=self.name))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/jit.payment.run/{self.id}/file_data/"
            f"{self.file_name}?download=true",
            "target": "self",
        }

    def action_print_checks(self):
        self.ensure_one()
        payments = self.line_ids._active_payments()
        return self.env.ref("jit_payables.action_report_jit_check").report_action(
            payments
        )

    # ------------------------------------------------------------------
    # Producing the file again: four eyes
    # ------------------------------------------------------------------

    def action_request_new_file(self):
        for run in self:
            if run.state not in ("released", "sent"):
                raise UserError(self.env._("Only a released run has a file."))
            run.regeneration_requested_by_id = self.env.user
            run.message_post(
                body=self.env._(
                    "%(user)s asked to produce the file again.", user=self.env.user.name
                )
            )
        return True

    def action_approve_new_file(self):
        """Another payables manager approves: the file is produced again."""
        for run in self:
            if not run.regeneration_requested_by_id:
                raise UserError(
                    self.env._("Nobody asked for a new file of %(run)s.", run=run.name)
                )
            if not self.env.user.has_group("jit_payables.group_jit_payables_manager"):
                raise UserError(
                    self.env._("Only a payables manager can approve a new file.")
                )
            if self.env.user == run.regeneration_requested_by_id:
                raise UserError(
                    self.env._(
                        "You asked for the new file of %(run)s: another payables "
                        "manager must approve it.",
                        run=run.name,
                    )
                )
            old_sha = run.file_sha256
            run._jit_store_file()
            run.regeneration_requested_by_id = False
            run.message_post(
                body=self.env._(
                    "New file approved by %(user)s; it replaces the file with "
                    "SHA-256 %(sha)s.",
                    user=self.env.user.name,
                    sha=old_sha,
                )
            )
        return True
