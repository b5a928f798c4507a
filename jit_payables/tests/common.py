# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

MANAGER_GROUPS = (
    "base.group_user,base.group_partner_manager,account.group_account_manager,"
    "jit_payables.group_jit_payables_manager"
)
USER_GROUPS = (
    "base.group_user,account.group_account_invoice,jit_payables.group_jit_payables_user"
)


class PayablesCase(AccountTestInvoicingCommon):
    """A company with three-way match off, a US and a euro bank journal, an
    untaxed service product bought by ordered quantity, a clerk (payables
    user) and two payables managers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.company_data["company"]
        # The accountant running the setup also manages payables.
        cls.env.user.groups_id |= cls.env.ref("jit_payables.group_jit_payables_manager")
        cls.company.write(
            {
                "name": "JIT Test Company",
                "street": "1 Main Street",
                "city": "Boston",
                "zip": "02110",
                "country_id": cls.env.ref("base.us").id,
                "jit_nacha_company_identification": "1234567890",
                "jit_nacha_immediate_origin": "123456789",
            }
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Packaging service",
                "type": "service",
                "purchase_method": "purchase",
                "supplier_taxes_id": [Command.clear()],
                "taxes_id": [Command.clear()],
                "property_account_expense_id": cls.company_data[
                    "default_account_expense"
                ].id,
            }
        )
        cls.clerk = cls._user("jit_clerk", USER_GROUPS)
        cls.manager_a = cls._user("jit_manager_a", MANAGER_GROUPS)
        cls.manager_b = cls._user("jit_manager_b", MANAGER_GROUPS)

        us_bank = cls.env["res.bank"].create({"name": "Our US Bank", "bic": "OURBUS33"})
        cls.journal_us = cls.company_data["default_journal_bank"]
        cls.journal_us.bank_account_id = cls.env["res.partner.bank"].create(
            {
                "partner_id": cls.company.partner_id.id,
                "acc_number": "987654321",
                "jit_aba_routing": "021000021",
                "bank_id": us_bank.id,
            }
        )
        eu_bank = cls.env["res.bank"].create({"name": "Our EU Bank", "bic": "DEUTDEFF"})
        cls.journal_eu = cls.env["account.journal"].create(
            {
                "name": "Bank EUR",
                "type": "bank",
                "code": "BEUR",
                "company_id": cls.company.id,
                "bank_account_id": cls.env["res.partner.bank"]
                .create(
                    {
                        "partner_id": cls.company.partner_id.id,
                        "acc_number": "DE89 3704 0044 0532 0130 00",
                        "bank_id": eu_bank.id,
                    }
                )
                .id,
            }
        )

    @classmethod
    def _user(cls, login, groups, company=None):
        company = company or cls.company
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    @classmethod
    def _vendor(cls, name, routing=None, account="000123456789", iban=None, **values):
        vendor = cls.env["res.partner"].create({"name": name, **values})
        if routing or iban:
            cls.env["res.partner.bank"].create(
                {
                    "partner_id": vendor.id,
                    "acc_number": iban or account,
                    "jit_aba_routing": routing,
                }
            )
        return vendor

    def _enable_match(self, percent=0.0, amount=0.0):
        self.company.write(
            {
                "jit_match_enabled": True,
                "jit_match_tolerance_percent": percent,
                "jit_match_tolerance_amount": amount,
            }
        )

    def _purchase(self, vendor, quantity, price, received=None):
        """Confirmed PO of the service product; received defaults to nothing."""
        order = self.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_qty": quantity,
                            "price_unit": price,
                            "taxes_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.button_confirm()
        if received is not None:
            order.order_line.qty_received = received
        return order

    def _bill(
        self,
        vendor,
        quantity=1.0,
        price=100.0,
        order_line=None,
        user=None,
        post=True,
        move_type="in_invoice",
        product=None,
        **values,
    ):
        """Untaxed vendor bill (or credit note) of one line, posted by default."""
        env = self.env(user=user) if user else self.env
        bill = (
            env["account.move"]
            .with_company(self.company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": vendor.id,
                    "invoice_date": values.pop("invoice_date", "2026-12-01"),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": (product or self.product).id,
                                "quantity": quantity,
                                "price_unit": price,
                                "tax_ids": [Command.clear()],
                                "purchase_line_id": order_line.id
                                if order_line
                                else False,
                            }
                        )
                    ],
                    **values,
                }
            )
        )
        if post:
            bill.action_post()
        return bill

    def _run(self, method="nacha", journal=None, user=None, **values):
        env = self.env(user=user) if user else self.env
        return (
            env["jit.payment.run"]
            .with_company(self.company)
            .create(
                {
                    "company_id": self.company.id,
                    "payment_method": method,
                    "journal_id": (journal or self.journal_us).id,
                    "date_due_limit": values.pop("date_due_limit", "2026-12-31"),
                    "date_execution": values.pop("date_execution", "2026-12-02"),
                    **values,
                }
            )
        )

    def _prepare_and_release(self, run):
        run.with_user(self.manager_a).action_prepare()
        run.with_user(self.manager_b).action_release()
        return run
