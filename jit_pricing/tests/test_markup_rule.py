from odoo.exceptions import ValidationError

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
        self.assertAlmostEqual((price - 10) / price * 100, 28.52, places=2)
        self.assertGreaterEqual((price - 10) / price, 0.33 / 1.33)
        # A raw price already on a price point stays there: 9.99 x 1 = 9.99.
        rule.markup_percent = 0
        self.assertAlmostEqual(rule._compute_price(9.99), 9.99)

    def test_step_of_five_cents_rounds_up(self):
        """Cost 10.01, markup 10 %: 11.011, next multiple of 0.05 is 11.05;
        with no step, rounded UP to the cent: 11.02."""
        rule = self._create_rule(markup_percent=10, rounding_step=0.05)
        self.assertAlmostEqual(rule._compute_price(10.01), 11.05)
        rule.rounding_step = 0.0
        self.assertAlmostEqual(rule._compute_price(10.01), 11.02)

    def test_minimum_and_maximum_price_bound_the_result(self):
        """Markup 100 %: cost 2.00 gives 4.00, raised to the minimum 5.00;
        cost 40.00 gives 80.00, lowered to the maximum 60.00."""
        rule = self._create_rule(markup_percent=100, price_min=5.0, price_max=60.0)
        self.assertAlmostEqual(rule._compute_price(2.0), 5.00)
        self.assertAlmostEqual(rule._compute_price(40.0), 60.00)
        self.assertAlmostEqual(rule._compute_price(20.0), 40.00)

    def test_cost_zero_prices_at_first_price_point_or_minimum(self):
        """Cost 0 is a real cost: markup 50 % gives 0, rounded up to the first
        price point 0.99 (step 1, ending .99); with a minimum of 2.50, 2.50."""
        rule = self._create_rule(
            markup_percent=50, rounding_step=1.0, rounding_ending=0.99
        )
        self.assertAlmostEqual(rule._compute_price(0.0), 0.99)
        rule.price_min = 2.5
        self.assertAlmostEqual(rule._compute_price(0.0), 2.50)

    def test_negative_markup_is_refused(self):
        """Any negative markup sells under cost: -10 % and -150 % are refused,
        and the message names the rule and the value."""
        for markup in (-10, -100, -150):
            with self.assertRaisesRegex(ValidationError, "Cheap.*sell under cost"):
                self._create_rule(name="Cheap", markup_percent=markup)
        rule = self._create_rule(name="Fair", markup_percent=0)
        with self.assertRaisesRegex(ValidationError, "-5.0 %"):
            rule.markup_percent = -5

    def test_margin_of_100_percent_or_more_is_refused(self):
        """A margin is a share of the price: 100 % and 120 % are impossible."""
        for margin in (100, 120, -1):
            with self.assertRaisesRegex(ValidationError, "under 100 %"):
                self._create_rule(method="margin", margin_percent=margin)
        self.assertAlmostEqual(
            self._create_rule(method="margin", margin_percent=99)._compute_price(1),
            100.00,
        )

    def test_rounding_and_bounds_bad_input_is_refused(self):
        """An ending not smaller than its step, a minimum above the maximum, a
        product scope without a product: each refused with a message."""
        with self.assertRaisesRegex(ValidationError, "must be smaller"):
            self._create_rule(rounding_step=0.5, rounding_ending=0.99)
        with self.assertRaisesRegex(ValidationError, "above the maximum"):
            self._create_rule(price_min=10, price_max=5)
        with self.assertRaisesRegex(ValidationError, "no Product is chosen"):
            self._create_rule(scope="product")
        with self.assertRaisesRegex(ValidationError, "margin floor"):
            self._create_rule(margin_floor_percent=100)

    def test_company_settings_bad_input_is_refused(self):
        """Negative approval threshold or price jump alert, and a floor of 100 %
        or more, are refused with the place to fix them."""
        for field, value, message in (
            ("jit_pricing_approval_threshold", -1, "Settings > Just in Time"),
            ("jit_pricing_price_jump_percent", -5, "price jump alert"),
            ("jit_pricing_margin_floor", 120, "under 100 %"),
        ):
            with (
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                self.company.write({field: value})
            self.company.invalidate_recordset()
        self.assertEqual(self.company.jit_pricing_approval_threshold, 0.0)
