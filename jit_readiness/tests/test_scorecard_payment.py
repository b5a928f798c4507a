from datetime import date

from odoo import Command

from .common import ReadinessCase


class TestScorecardPayment(ReadinessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.expense_product = cls._create_product("Service fee", vendors=cls.vendor)

    def _bill(self, due, amount=100.0):
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.vendor.id,
                "company_id": self.company.id,
                "invoice_date": date(2026, 3, 1),
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.expense_product.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        bill.action_post()
        return bill

    def _pay(self, bill, day):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=bill.ids
        ).create({"payment_date": day})._create_payments()

    def test_our_on_time_payment_rate(self):
        """Bills of March, taken on 1 April: due 10 March paid 9 March (on
        time), due 15 March paid 20 March (late), due 20 March unpaid (late),
        due 10 April unpaid (not due in March, not counted).

        Our on-time payment rate = 1 / 3 = 33.33 %."""
        self._pay(self._bill(date(2026, 3, 10)), date(2026, 3, 9))
        self._pay(self._bill(date(2026, 3, 15)), date(2026, 3, 20))
        self._bill(date(2026, 3, 20))
        self._bill(date(2026, 4, 10))

        card = self._card(self.vendor, date(2026, 3, 1), as_of=date(2026, 4, 1))
        self.assertEqual(card.bills_due_count, 3)
        self.assertAlmostEqual(card.payment_on_time_rate, 100.0 / 3)
        self.assertFalse(card.grade, "bills alone do not grade a vendor")
