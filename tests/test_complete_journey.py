"""Cross-addon scenario: the Complete Journey loader on a slice of real data.

The rules the loader sizes are checked against PRODUCT.md's formulas worked
out again here from the raw transactions, independently of the SQL that
computes them, and the RFQs it leaves against the rules' minimums.
"""

import logging
import math
import os
import sys
from datetime import date, timedelta
from statistics import NormalDist

from odoo.tests import TransactionCase, tagged

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from tools.loaders import complete_journey

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestCompleteJourneyLoader(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.products_df, cls.daily = complete_journey.read_daily_demand(6)
        complete_journey.load(cls.env, _logger, product_count=6)
        cls.rules = cls.env["stock.warehouse.orderpoint"].search(
            [("product_id.default_code", "=like", "CJ-%")]
        )

    def hand_statistics(self, source_id):
        """ADU and sigma_d of a product over the loader's 90-day window, from
        the raw 2017 data: the window's last day is 2017-12-31 (shifted to
        yesterday), its first 2017-10-03; days without sales count as 0."""
        rows = self.daily[self.daily["product_id"] == source_id]
        first = date(2017, 12, 31) - timedelta(days=89)
        quantities = {
            row.day: float(row.quantity)
            for row in rows.itertuples()
            if first <= row.day <= date(2017, 12, 31)
        }
        days = [quantities.get(first + timedelta(days=i), 0.0) for i in range(90)]
        mean = sum(days) / 90
        variance = sum((q - mean) ** 2 for q in days) / 90
        return mean, math.sqrt(variance)

    def test_every_rule_matches_the_formulas(self):
        """For each of the 6 products sold on the most days: ADU and sigma_d
        from the raw data; L = vendor delay 5 + company purchase days
        (po_lead + days_to_purchase), sigma_L = 0 (no receipts);
        SS = 1.644854 x sqrt(L x sigma_d^2); minimum = ROP = ADU x L + SS
        rounded up; maximum = ROP + ADU x 7 rounded up; free stock = the
        quants of WH/Stock; days of cover = free stock / ADU; status blue
        above the maximum, red under L days of cover, yellow under L + 7,
        green otherwise."""
        self.assertEqual(len(self.rules), 6)
        company = self.env.company
        lead = 5 + company.po_lead + company.days_to_purchase
        z = NormalDist().inv_cdf(0.95)
        for rule in self.rules:
            with self.subTest(product=rule.product_id.default_code):
                source_id = int(rule.product_id.default_code[3:])
                usage, deviation = self.hand_statistics(source_id)
                safety = z * math.sqrt(lead * deviation**2)
                reorder_point = usage * lead + safety
                self.assertAlmostEqual(rule.jit_average_daily_usage, usage, places=6)
                self.assertAlmostEqual(rule.jit_demand_std_dev, deviation, places=6)
                self.assertAlmostEqual(rule.jit_lead_time_days, lead)
                self.assertAlmostEqual(rule.jit_safety_stock, safety, places=6)
                self.assertEqual(rule.product_min_qty, math.ceil(reorder_point))
                self.assertEqual(
                    rule.product_max_qty, math.ceil(reorder_point + usage * 7)
                )
                quants = self.env["stock.quant"].search(
                    [
                        ("product_id", "=", rule.product_id.id),
                        ("location_id", "child_of", rule.location_id.id),
                    ]
                )
                free = sum(quants.mapped("quantity")) - sum(
                    quants.mapped("reserved_quantity")
                )
                self.assertAlmostEqual(rule.jit_free_qty, free)
                cover = free / usage
                self.assertAlmostEqual(rule.jit_days_of_cover, cover, places=1)
                if free > rule.product_max_qty:
                    status = "blue"
                elif cover < lead:
                    status = "red"
                elif cover < lead + 7:
                    status = "yellow"
                else:
                    status = "green"
                self.assertEqual(rule.jit_status, status)
                self.assertIn(f"{usage:.4f}", rule.jit_explanation)

    def test_rfqs_exist_only_for_rules_below_their_minimum(self):
        """A rule whose free stock (no other demand or supply here) is under
        its minimum has one RFQ line for maximum - free stock; the others
        have none."""
        below = 0
        for rule in self.rules:
            lines = self.env["purchase.order.line"].search(
                [("product_id", "=", rule.product_id.id)]
            )
            with self.subTest(product=rule.product_id.default_code):
                if rule.jit_free_qty < rule.product_min_qty:
                    below += 1
                    self.assertEqual(len(lines), 1)
                    self.assertEqual(lines.order_id.state, "draft")
                    self.assertAlmostEqual(
                        lines.product_qty, rule.product_max_qty - rule.jit_free_qty
                    )
                else:
                    self.assertFalse(lines)
        _logger.info("%s of %s rules below their minimum", below, len(self.rules))

    def test_loader_runs_once(self):
        """A second run finds its products and creates nothing."""
        count = self.env["product.product"].search_count(
            [("default_code", "=like", "CJ-%")]
        )
        complete_journey.load(self.env, _logger, product_count=6)
        self.assertEqual(
            self.env["product.product"].search_count(
                [("default_code", "=like", "CJ-%")]
            ),
            count,
        )
