from odoo.exceptions import AccessError, UserError

from .common import JitPricingCase


class TestWhatif(JitPricingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_rule(scope="category", categ_id=cls.category.id, markup_percent=50)
        cls.template = cls._create_product("Mug", list_price=1.0)
        cls._add_vendor_price(cls.template, 50.0)  # sells at 75.00
        cls.uncovered = cls._create_product(
            "Poster",
            list_price=5.0,
            categ_id=cls.env["product.category"].create({"name": "Nothing"}).id,
        )

    def _wizard(self, user, change):
        return (
            self.env["jit.pricing.whatif.wizard"]
            .with_user(user)
            .with_context(
                active_model="product.template",
                active_ids=(self.template | self.uncovered).ids,
            )
            .create({"cost_change_percent": change})
        )

    def test_preview_shows_side_by_side_without_writing(self):
        """Vendor costs +8 %: 50.00 -> 54.00, price 75.00 -> 81.00, margins
        (75 - 50) / 75 = 33.33 % and (81 - 54) / 81 = 33.33 %. The product
        keeps 75.00 until applied."""
        self.assertAlmostEqual(self.template.list_price, 75.0)
        wizard = self._wizard(self.pricing_user, 8.0)
        wizard.action_preview()
        line = wizard.line_ids.filtered(
            lambda whatif_line: whatif_line.product_tmpl_id == self.template
        )
        self.assertAlmostEqual(line.current_cost, 50.0)
        self.assertAlmostEqual(line.new_cost, 54.0)
        self.assertAlmostEqual(line.current_price, 75.0)
        self.assertAlmostEqual(line.new_price, 81.0)
        self.assertAlmostEqual(line.current_margin_percent, 33.33, places=2)
        self.assertAlmostEqual(line.new_margin_percent, 33.33, places=2)
        self.assertAlmostEqual(self.template.list_price, 75.0)
        other = wizard.line_ids - line
        self.assertIn("No markup rule", other.status)

    def test_apply_after_confirmation(self):
        """The manager applies the +8 % preview: the mug sells at 81.00, the
        ledger says 'what_if'; the poster is untouched."""
        wizard = self._wizard(self.pricing_manager, 8.0)
        wizard.action_preview()
        wizard.action_apply()
        self.assertAlmostEqual(self.template.list_price, 81.0)
        self.assertAlmostEqual(self.uncovered.list_price, 5.0)
        self.assertEqual(self._changes(self.template)[0].trigger, "what_if")

    def test_user_cannot_apply_and_bad_change_refused(self):
        """A pricing user may preview but not apply; -100 % is refused."""
        wizard = self._wizard(self.pricing_user, 8.0)
        wizard.action_preview()
        with self.assertRaisesRegex(AccessError, "pricing manager"):
            wizard.action_apply()
        with self.assertRaisesRegex(UserError, "above -100 %"):
            self._wizard(self.pricing_user, -100.0).action_preview()
        self.assertAlmostEqual(self.template.list_price, 75.0)
