# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..bank_numbers import clean_iban, clean_routing_number, looks_like_iban

# Changing one of these makes the account new again for the cooling-off rule.
SENSITIVE_FIELDS = {"acc_number", "jit_aba_routing", "bank_id", "partner_id"}


class ResPartnerBank(models.Model):
    _inherit = "res.partner.bank"

    jit_aba_routing = fields.Char(
        string="ABA Routing Number",
        size=9,
        help="US bank routing number (9 digits, leading zeros kept), checked with "
        "its check digit. Needed to pay this account in a NACHA run.",
    )
    jit_date_changed = fields.Datetime(
        string="Bank Details Changed On",
        readonly=True,
        copy=False,
        help="When the account number, routing number, bank or holder was set or "
        "last changed; starts the cooling-off period of payment runs.",
    )
    jit_confirmed_by_id = fields.Many2one(
        "res.users",
        string="Confirmed By",
        readonly=True,
        copy=False,
        help="Who confirmed these bank details with the vendor through a known "
        "contact, after the last change.",
    )
    jit_date_confirmed = fields.Datetime(
        string="Confirmed On",
        readonly=True,
        copy=False,
        help="When the bank details were confirmed with the vendor.",
    )

    @api.constrains("jit_aba_routing")
    def _check_jit_aba_routing(self):
        for account in self.filtered("jit_aba_routing"):
            try:
                clean_routing_number(account.jit_aba_routing)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The routing number %(routing)s of bank account %(account)s "
                        "is not valid: %(reason)s. Fix it on the vendor's bank "
                        "account.",
                        routing=account.jit_aba_routing,
                        account=account.acc_number,
                        reason=str(error),
                    )
                ) from error

    @api.constrains("acc_number")
    def _check_jit_iban(self):
        for account in self:
            if not looks_like_iban(account.acc_number):
                continue
            try:
                clean_iban(account.acc_number)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The IBAN %(iban)s of %(holder)s is not valid: %(reason)s. "
                        "Check the number with the account holder and fix it on "
                        "the bank account.",
                        iban=account.acc_number,
                        holder=account.partner_id.display_name,
                        reason=str(error),
                    )
                ) from error

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            vals.setdefault("jit_date_changed", now)
        accounts = super().create(vals_list)
        accounts._jit_ask_confirmation()
        return accounts

    def write(self, vals):
        changed = SENSITIVE_FIELDS & set(vals)
        if changed:
            vals = dict(
                vals,
                jit_date_changed=fields.Datetime.now(),
                jit_confirmed_by_id=False,
                jit_date_confirmed=False,
            )
        result = super().write(vals)
        if changed:
            self._jit_ask_confirmation()
        return result

    def _jit_cooling_company(self):
        return self.company_id or self.env.company

    def _jit_ask_confirmation(self):
        """Schedule a to-do asking a payables manager to confirm the details.

        Only for vendor accounts of companies where the cooling-off rule is on;
        the activity goes to a payables manager other than the current user
        when there is one.
        """
        manager_group = self.env.ref(
            "jit_payables.group_jit_payables_manager", raise_if_not_found=False
        )
        own_partners = self.env["res.company"].sudo().search([]).partner_id
        managers = manager_group.users if manager_group else self.env["res.users"]
        for account in self:
            company = account._jit_cooling_company()
            if not company.jit_bank_cooling_days or account.partner_id in own_partners:
                continue
            candidates = managers.filtered(
                lambda user, company=company: company in user.company_ids
                and user != self.env.user
                and not user.share
            )
            assignee = candidates.sorted("id")[:1] or self.env.user
            account.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Confirm bank details with the vendor"),
                note=self.env._(
                    "The bank account %(account)s of %(vendor)s was added or "
                    "changed. Call the vendor on a phone number or e-mail you "
                    "already had before this change (not one given with it) and "
                    "confirm the details, then press Confirm with Vendor.",
                    account=account.acc_number,
                    vendor=account.partner_id.display_name,
                ),
                user_id=assignee.id,
            )

    def _jit_usable_from(self, company):
        """First day a payment run of company may pay to this account."""
        self.ensure_one()
        changed = (self.jit_date_changed or self.create_date).date()
        return changed + datetime.timedelta(days=company.jit_bank_cooling_days)

    def _jit_is_cooling_off(self, company, day):
        """True when the account changed less than the cooling-off period ago."""
        self.ensure_one()
        if not company.jit_bank_cooling_days:
            return False
        return day < self._jit_usable_from(company)

    def action_jit_confirm_with_vendor(self):
        """Record who confirmed the details and close the confirmation to-do."""
        if not self.env.user.has_group("jit_payables.group_jit_payables_manager"):
            raise UserError(
                self.env._("Only a payables manager can confirm vendor bank details.")
            )
        now = fields.Datetime.now()
        for account in self:
            # Managers confirm without needing the right to edit contacts.
            super(ResPartnerBank, account.sudo()).write(
                {"jit_confirmed_by_id": self.env.uid, "jit_date_confirmed": now}
            )
            account.activity_feedback(
                ["mail.mail_activity_data_todo"],
                feedback=self.env._("Confirmed with the vendor."),
            )
            account.message_post(
                body=self.env._(
                    "Bank details confirmed with the vendor by %(user)s.",
                    user=self.env.user.name,
                )
            )
        return True
