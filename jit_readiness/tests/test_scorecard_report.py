from datetime import date

from .common import ReadinessCase


class TestScorecardReport(ReadinessCase):
    def test_printed_scorecard_shows_vendor_grade_and_rates(self):
        """One receipt on time and in full in March, weights on time only,
        no shrinking: score 100, grade A. The printable scorecard names the
        vendor, the grade and the 100.0 % on-time rate, and the print button
        returns the PDF report action."""
        self.company.write(
            {
                "jit_weight_in_full": 0.0,
                "jit_weight_quality": 0.0,
                "jit_weight_price": 0.0,
                "jit_weight_lead_time": 0.0,
                "jit_scorecard_prior_receipts": 0,
            }
        )
        product = self._create_product("Bracket", vendors=self.vendor)
        order = self._buy(
            self.vendor,
            [(product, 2, 4.0)],
            self.utc(2026, 3, 2, 15),
            self.utc(2026, 3, 10, 15),
        )
        self._receive(order, {product: 2}, self.utc(2026, 3, 9, 15))
        card = self._card(self.vendor, date(2026, 3, 1))
        self.assertEqual(card.grade, "A")

        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("jit_readiness.report_supplier_scorecard", card.ids)[0]
            .decode()
        )
        compact = " ".join(html.split())
        self.assertIn("Punctual Parts", compact)
        self.assertIn("<h1>A</h1>", compact)
        self.assertIn('On time</td> <td class="text-end"> 100.0 %', compact)
        self.company.external_report_layout_id = self.env.ref(
            "web.external_layout_standard"
        )
        action = card.action_print()
        self.assertEqual(
            action["report_name"], "jit_readiness.report_supplier_scorecard"
        )
