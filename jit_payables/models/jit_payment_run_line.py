# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class JitPaymentRunLine(models.Model):
    _name = "jit.payment.run.line"
    _description = "Payment run: one payment to a vendor in one currency"
    _order = "run_id, partner_id, currency_id"

    run_id = fields.Many2one(
        "jit.payment.run",
        string="Payment Run",
        required=True,
        ondelete="cascade",
        index=True,
        help="The run paying this vendor.",
    )
    company_id = fields.Many2one(
        related="run_id.company_id",
        store=True,
        index=True,
        help="Company of the run.",
    )
    state = fields.Selection(
        related="run_id.state",
        help="Status of the run.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Vendor",
        required=True,
        help="Vendor paid by this line (the commercial entity of its bills).",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        help="Currency of the bills and of the payment.",
    )
    partner_bank_id = fields.Many2one(
        "res.partner.bank",
        string="Vendor Bank Account",
        help="Account the transfer goes to (not used for checks).",
    )
    move_ids = fields.Many2many(
        "account.move",
        "jit_payment_run_line_move_rel",
        "line_id",
        "move_id",
        string="Bills and Credit Notes",
        help="Vendor bills paid and credit notes netted by this payment.",
    )
    bill_references = fields.Char(
        compute="_compute_bill_references",
        help="Vendor references of the bills, written in the payment file.",
    )
    amount_bills = fields.Monetary(
        string="Bills Open",
        currency_field="currency_id",
        help="Open amount of the bills.",
    )
    amount_credit_notes = fields.Monetary(
        string="Credit Notes",
        currency_field="currency_id",
        help="Open amount of the vendor's credit notes netted against the bills.",
    )
    amount_discount = fields.Monetary(
        string="Early Payment Discount",
        currency_field="currency_id",
        help="Discount taken because the run pays on or before the bills' "
        "early-payment discount date.",
    )
    amount_due = fields.Monetary(
        string="Amount Due",
        currency_field="currency_id",
        help="Bills minus credit notes minus discount: the full amount to pay.",
    )
    amount = fields.Monetary(
        string="Amount to Pay",
        currency_field="currency_id",
        help="What this run pays; lower it for a partial payment, the rest stays "
        "open on the bills.",
    )
    payment_ids = fields.Many2many(
        "account.payment",
        "jit_payment_run_line_payment_rel",
        "line_id",
        "payment_id",
        string="Payments",
        readonly=True,
        help="Payments created when the run was released (a voided check and its "
        "reissue both stay listed).",
    )
    check_number = fields.Char(
        compute="_compute_check_number",
        help="Number of the valid check of this line.",
    )

    def _check_run_open(self, vals=None):
        """Lines of a released run only gain payments (void and reissue)."""
        released = self.filtered(lambda line: line.run_id.state in ("released", "sent"))
        if released and (vals is None or set(vals) - {"payment_ids"}):
            raise UserError(
                self.env._(
                    "Run %(run)s is released: its lines can no longer change.",
                    run=released[0].run_id.name,
                )
            )

    def write(self, vals):
        self._check_run_open(vals)
        return super().write(vals)

    def unlink(self):
        self._check_run_open()
        return super().unlink()

    @api.depends("move_ids.ref", "move_ids.name")
    def _compute_bill_references(self):
        for line in self:
            bills = line.move_ids.filtered(lambda move: move.move_type == "in_invoice")
            line.bill_references = ", ".join(bill.ref or bill.name for bill in bills)

    @api.depends("payment_ids.check_number", "payment_ids.state")
    def _compute_check_number(self):
        for line in self:
            valid = line._active_payments()
            line.check_number = ", ".join(
                valid.filtered("check_number").mapped("check_number")
            )

    def _active_payments(self):
        return self.payment_ids.filtered(lambda payment: payment.state != "canceled")

    @api.constrains("amount", "amount_due")
    def _check_amount(self):
        for line in self:
            currency = line.currency_id
            if currency.compare_amounts(line.amount, 0.0) <= 0 or (
                currency.compare_amounts(line.amount, line.amount_due) > 0
            ):
                raise ValidationError(
                    self.env._(
                        "The amount to pay %(vendor)s must be more than 0 and at "
                        "most %(due)s; change it on the run line.",
                        vendor=line.partner_id.display_name,
                        due=line.amount_due,
                    )
                )

    def action_void_and_reissue(self):
        """Void the line's check and issue a new one with the next number."""
        self.ensure_one()
        run = self.run_id
        if run.payment_method != "check" or run.state not in ("released", "sent"):
            raise UserError(
                self.env._("Only checks of a released run can be voided and reissued.")
            )
        if not self.env.user.has_group("jit_payables.group_jit_payables_manager"):
            raise UserError(
                self.env._("Only a payables manager can void and reissue a check.")
            )
        voided = self._active_payments()
        amount = sum(voided.mapped("amount"))
        old_numbers = ", ".join(voided.mapped("check_number"))
        voided.action_void_check()
        reissued = run._jit_pay_line(self, amount, run._jit_payment_method_line())
        self.payment_ids |= reissued
        run.message_post(
            body=self.env._(
                "Check %(old)s to %(vendor)s voided and reissued as %(new)s.",
                old=old_numbers,
                vendor=self.partner_id.display_name,
                new=", ".join(reissued.mapped("check_number")),
            )
        )
        return self.env.ref("jit_payables.action_report_jit_check").report_action(
            reissued
        )
