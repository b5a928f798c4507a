from .common import Form, JitPricingCase


class TestPriceJump(JitPricingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.jit_pricing_price_jump_percent = 10.0
        cls.template = cls._create_product("Cable")
        cls._purchase_order(cls.template, 100.0).button_confirm()
        cls.activity_type = cls.env.ref("jit_pricing.mail_activity_type_price_jump")

    def _jump_activities(self, order):
        return order.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.activity_type
        )

    def test_price_above_last_vendor_price_warns_and_schedules_activity(self):
        """Last price 100.00, new RFQ at 115.00: +15 % > 10 %. The line is
        flagged, the order warns naming the product, and one activity goes to
        a purchase manager; editing the price again adds no second one."""
        order = self._purchase_order(self.template, 115.0)
        line = order.order_line
        self.assertAlmostEqual(line.jit_last_vendor_price, 100.0)
        self.assertAlmostEqual(line.jit_price_jump_percent, 15.0)
        self.assertTrue(line.jit_price_jump)
        self.assertIn("Cable", order.jit_price_jump_warning)
        activity = self._jump_activities(order)
        self.assertEqual(len(activity), 1)
        self.assertTrue(activity.user_id.has_group("purchase.group_purchase_manager"))
        line.price_unit = 120.0
        self.assertEqual(len(self._jump_activities(order)), 1)

    def test_small_increase_does_not_warn(self):
        """105.00 is +5 %: no flag, no warning, no activity."""
        order = self._purchase_order(self.template, 105.0)
        self.assertFalse(order.order_line.jit_price_jump)
        self.assertFalse(order.jit_price_jump_warning)
        self.assertFalse(self._jump_activities(order))

    def test_other_vendor_has_no_last_price(self):
        """Another vendor at 150.00 has no earlier price for the cable."""
        order = self._purchase_order(self.template, 150.0, partner=self.other_vendor)
        self.assertFalse(order.order_line.jit_price_jump)
        self.assertFalse(order.order_line.jit_last_vendor_price)

    def test_alert_off_at_zero(self):
        """Alert 0 %: a price at 300.00 raises nothing."""
        self.company.jit_pricing_price_jump_percent = 0.0
        order = self._purchase_order(self.template, 300.0)
        self.assertFalse(order.order_line.jit_price_jump)
        self.assertFalse(self._jump_activities(order))

    def test_form_warns_when_price_is_typed(self):
        """Typing 130.00 on an RFQ line (+30 % over 100.00) pops the 'Price
        jump' warning naming the cable."""
        order_form = Form(self.env["purchase.order"])
        order_form.partner_id = self.vendor
        with order_form.order_line.new() as line:
            line.product_id = self.template.product_variant_id
            with self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs:
                line.price_unit = 130.0
        self.assertIn("Price jump", logs.output[0])
        self.assertIn("Cable", logs.output[0])
