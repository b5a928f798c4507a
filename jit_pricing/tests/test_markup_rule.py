
from .common import JitPricingCase


class TestMarkupRule(JitPricingCase):
    def test_target_margin_sells_higher_than_same_markup(self):
        """Cost 50.00. Target margin 50 %: 50 / (1 - 0.50) = 100.00.
        Markup 50 %: 50 x 1.50 = 75.00."""
        margin_rule = self._create_rule(method="margin", margin_percent=50)
        markup_rule = self._create_rule(method="markup", markup_percent=50)
        self.assertAlmostEqual(margin_rule._compute_price(50.0), 100.00)
        self.assertAlmostEqual(markup_rule._compute_price(50.0), 75.00)

    def test_markup_rounds_up_to_99_ending_never_under_cost_margin(self):
        """Cost 10.00, markup 33 %: 13.30, rounded UP to step 1.00 ending .99:
        13.99. Margin (13.99 - 10) / 13.99 = 28.52 %, above the 24.81 % margin
        the markup alone gives (0.33 / 1.33)."""
        rule = self._create_rule(
            markup_percent=33, rounding_step=1.0, rounding_ending=0.99
        )
        price = rule._compute_price(10.0)
        self.assertAlmostEqual(price, 13.99)
        self.assertGreaterEqual((price - 10) / price, 0.33 / 1.33)
        # A raw price already on a price point stays there: 9.99 x 1 = 9.99.
        rule.markup_percent = 0
        self.assertAlmostEqual(rule._compute_price(9.99), 9.99)
