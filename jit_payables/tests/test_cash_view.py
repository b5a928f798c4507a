# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import PayablesCase


@tagged("post_install", "-at_install")
@freeze_time("2026-12-02")
class TestCashView(PayablesCase):
    def test_cash_needed_per_week_adds_bills_and_unbilled_orders(self):
        """Open bill 300.00 due Thu 10 Dec (week of Mon 7 Dec) and a credit
        note 50.00 due the same day; confirmed PO 5 x 40.00 = 200.00 expected
        Tue 15 Dec, 2 units already billed: 3 / 5 x 200.00 = 120.00 in the
        week of Mon 14 Dec. Week 7 Dec needs 300 - 50 = 250.00."""
        vendor = self._vendor("Cash Vendor")
        self._bill(vendor, 1, 300.0, invoice_date_due="2026-12-10")
        self._bill(
            vendor, 1, 50.0, move_type="in_refund", invoice_date_due="2026-12-10"
        )
        order = self._purchase(vendor, 5, 40.0)
        order.order_line.date_planned = "2026-12-15 10:00:00"
        self._bill(
            vendor, 2, 40.0, order_line=order.order_line, invoice_date_due="2026-12-20"
        )
        self.env.flush_all()

        groups = self.env["jit.payables.cash"]._read_group(
            [("partner_id", "=", vendor.id)],
            ["week_start:day", "source"],
            ["amount:sum"],
        )
        by_key = {(str(week), source): amount for week, source, amount in groups}
        self.assertEqual(by_key[("2026-12-07", "bill")], 250.0)
        self.assertEqual(by_key[("2026-12-14", "purchase")], 120.0)
        self.assertEqual(by_key[("2026-12-14", "bill")], 80.0)

    def test_on_time_rate_and_days_payable_outstanding(self):
        """Vendor with three bills of 100.00 dated 1 Dec: one paid on 2 Dec
        before its due date 5 Dec (on time), one due 1 Dec paid 2 Dec (late),
        one open. On-time rate 1 / 2 = 50 %; open 100.00 over 300.00 billed in
        the last 365 days: DPO = 100 / 300 x 365 = 121.67 days."""
        vendor = self._vendor("Rated Vendor")
        on_time = self._bill(vendor, 1, 100.0, invoice_date_due="2026-12-05")
        late = self._bill(vendor, 1, 100.0, invoice_date_due="2026-12-01")
        self._bill(vendor, 1, 100.0, invoice_date_due="2026-12-31")
        for bill in on_time | late:
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=bill.ids
            ).create({"payment_date": "2026-12-02"})._create_payments()
        self.env.flush_all()

        stat = self.env["jit.vendor.payment.stat"].search(
            [("partner_id", "=", vendor.id)]
        )
        self.assertEqual(stat.bills_paid, 2)
        self.assertEqual(stat.bills_paid_on_time, 1)
        self.assertAlmostEqual(stat.on_time_rate, 50.0)
        self.assertAlmostEqual(stat.amount_open, 100.0)
        self.assertAlmostEqual(stat.days_payable_outstanding, 100 / 300 * 365, places=2)
        self.assertAlmostEqual(stat.average_days_to_pay, 1.0)

    def test_still_to_pay_filter_hides_past_unbilled_orders(self):
        """Wed 2 Dec 2026, week of Mon 30 Nov. The default filter "Still to
        Pay" keeps an overdue bill (due 20 Nov) and a PO expected 15 Dec, and
        drops a PO expected 10 Nov that was received but never billed (the
        past weeks of a loaded history): 100.00 + 3 x 40.00 = 220.00."""
        from lxml import etree

        from odoo.tools.safe_eval import datetime, dateutil, safe_eval

        vendor = self._vendor("Filter Vendor")
        self._bill(vendor, 1, 100.0, invoice_date_due="2026-11-20")
        upcoming = self._purchase(vendor, 3, 40.0)
        upcoming.order_line.date_planned = "2026-12-15 10:00:00"
        past = self._purchase(vendor, 2, 40.0)
        past.order_line.date_planned = "2026-11-10 10:00:00"
        self.env.flush_all()

        action = self.env.ref("jit_payables.jit_payables_cash_action")
        self.assertIn("search_default_still_to_pay", action.context)
        arch = self.env["jit.payables.cash"].get_view(view_type="search")["arch"]
        node = etree.fromstring(arch).xpath("//filter[@name='still_to_pay']")[0]
        domain = safe_eval(
            node.get("domain"),
            {
                "context_today": datetime.date.today,
                "relativedelta": dateutil.relativedelta.relativedelta,
            },
        )
        rows = self.env["jit.payables.cash"].search(
            [("partner_id", "=", vendor.id), *domain]
        )
        self.assertAlmostEqual(sum(rows.mapped("amount")), 220.0)
