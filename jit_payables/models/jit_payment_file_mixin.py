# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import hashlib

from odoo import fields, models
from odoo.exceptions import UserError

from ..bank_numbers import clean_iban
from ..nacha import build_file
from ..sepa import build_document


class JitPaymentFileMixin(models.AbstractModel):
    """The files of a payment run: one builder per payment method.

    Mixed into jit.payment.run; a new method adds a selection value there and
    a ``_jit_build_<method>_file`` here returning (bytes, extension).
    """

    _name = "jit.payment.file.mixin"
    _description = "Payment run file builders"

    def _jit_store_file(self):
        self.ensure_one()
        content, extension = self._jit_build_file()
        stamp = fields.Date.to_string(self.date_payment)
        self.with_context(jit_write_file=True).write(
            {
                "file_data": base64.b64encode(content),
                "file_name": f"{self.name.replace('/', '-')}-{stamp}.{extension}",
                "file_sha256": hashlib.sha256(content).hexdigest(),
            }
        )
        self.message_post(
            body=self.env._(
                "File %(name)s produced, SHA-256 %(sha)s.",
                name=self.file_name,
                sha=self.file_sha256,
            )
        )

    def _jit_build_file(self):
        """Return (bytes, extension) of the run's file; one builder per method."""
        builder = getattr(self, f"_jit_build_{self.payment_method}_file")
        return builder()

    def _jit_build_nacha_file(self):
        company = self.company_id
        bank = self.journal_id.bank_account_id
        missing = []
        if not bank.jit_aba_routing:
            missing.append(
                self.env._("the ABA routing number of the journal's bank account")
            )
        if not company.jit_nacha_company_identification:
            missing.append(self.env._("the ACH company identification (Settings)"))
        if missing:
            raise UserError(
                self.env._(
                    "Cannot produce the NACHA file of %(run)s; missing: %(missing)s.",
                    run=self.name,
                    missing=", ".join(missing),
                )
            )
        entries = []
        for line in self._jit_ordered_lines():
            for payment in line._active_payments():
                entries.append(
                    {
                        "routing": line.partner_bank_id.jit_aba_routing,
                        "account_number": line.partner_bank_id.acc_number,
                        "amount": payment.amount,
                        "identification": payment.name[-15:],
                        "name": line.partner_id.name,
                        "addenda": self.env._(
                            "Bills %(refs)s", refs=line.bill_references
                        ),
                    }
                )
        header = {
            "origin_routing": bank.jit_aba_routing,
            "origin_bank_name": bank.bank_id.name or bank.bank_name or "",
            "company_name": company.name,
            "company_identification": company.jit_nacha_company_identification,
            "company_tax_id": company.jit_nacha_immediate_origin
            or company.jit_nacha_company_identification,
            "entry_description": "VENDOR PAY",
            "effective_date": self.date_payment,
            "reference": self.name[-8:],
        }
        text, _totals = build_file(header, entries, fields.Datetime.now())
        return text.encode("ascii"), "ach"

    def _jit_address(self, partner):
        return {
            "street": partner.street,
            "zip": partner.zip,
            "city": partner.city,
            "country": partner.country_id.code,
        }

    def _jit_build_sepa_file(self):
        company = self.company_id
        bank = self.journal_id.bank_account_id
        try:
            debtor_iban = clean_iban(bank.acc_number)
        except ValueError as error:
            raise UserError(
                self.env._(
                    "The bank account of journal %(journal)s needs a valid IBAN for "
                    "a SEPA file (%(reason)s).",
                    journal=self.journal_id.display_name,
                    reason=str(error),
                )
            ) from error
        if not bank.bank_id.bic:
            raise UserError(
                self.env._(
                    "Set the BIC of the bank of journal %(journal)s for SEPA files.",
                    journal=self.journal_id.display_name,
                )
            )
        transfers = []
        for line in self._jit_ordered_lines():
            for payment in line._active_payments():
                transfers.append(
                    {
                        "end_to_end_id": payment.name,
                        "amount": payment.amount,
                        "currency": payment.currency_id.name,
                        "creditor_name": line.partner_id.name,
                        "creditor_address": self._jit_address(line.partner_id),
                        "creditor_iban": clean_iban(line.partner_bank_id.acc_number),
                        "creditor_bic": line.partner_bank_id.bank_id.bic,
                        "remittance": line.bill_references,
                    }
                )
        header = {
            "msg_id": self.name,
            "created_at": fields.Datetime.now(),
            "execution_date": self.date_payment,
            "debtor_name": company.name,
            "debtor_address": self._jit_address(company.partner_id),
            "debtor_iban": debtor_iban,
            "debtor_bic": bank.bank_id.bic.upper(),
        }
        try:
            return build_document(header, transfers), "xml"
        except ValueError as error:
            raise UserError(
                self.env._(
                    "The SEPA file of %(run)s does not pass the pain.001.001.09 "
                    "schema: %(errors)s",
                    run=self.name,
                    errors=str(error),
                )
            ) from error

    def _jit_build_check_file(self):
        payments = self._jit_ordered_lines()._active_payments()
        content, _kind = self.env["ir.actions.report"]._render_qweb_pdf(
            "jit_payables.action_report_jit_check", payments.ids
        )
        return content, "pdf"
