from odoo.exceptions import UserError

from .common import Form, JitPricingCase


class TestMarginGuard(JitPricingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._create_rule(markup_percent=50)
        cls.template = cls._create_product("Kettle", list_price=1.0)
        # Vendor price 10.00: the rule sells at 15.00, the ledger cost is 10.00.
        cls._add_vendor_price(cls.template, 10.0)
        cls.company.jit_pricing_margin_floor = 20.0

    def test_invoice_lines_show_margin_against_floor(self):
        """Sold at 12.00 with cost 10.00: margin (12 - 10) / 12 = 16.67 %,
        under the floor 20 %."""
        invoice = self._customer_invoice(self.template, 12.0)
        line = invoice.invoice_line_ids
        self.assertAlmostEqual(line.jit_unit_cost, 10.0)
        self.assertAlmostEqual(line.jit_margin_percent, 16.67, places=2)
        self.assertAlmostEqual(line.jit_margin_floor_percent, 20.0)
        self.assertTrue(line.jit_below_floor)
        self.assertIn("Kettle", invoice.jit_below_floor_warning)

    def test_user_cannot_post_under_floor(self):
        """A pricing user posting the 12.00 line is refused, the message names
        the product and its margin; the invoice stays draft."""
        invoice = self._customer_invoice(self.template, 12.0)
        with self.assertRaisesRegex(UserError, r"Kettle.*16\.67 %.*20\.00 %"):
            invoice.with_user(self.pricing_user).action_post()
        self.assertEqual(invoice.state, "draft")

    def test_invoice_at_or_above_floor_posts(self):
        """Sold at 15.00: margin 33.33 %, above 20 %: posted by a user."""
        invoice = self._customer_invoice(self.template, 15.0)
        invoice.with_user(self.pricing_user).action_post()
        self.assertEqual(invoice.state, "posted")

    def test_manager_posts_under_floor_with_logged_reason(self):
        """The manager's Confirm opens the reason wizard; with the reason
        'Clearance' the invoice is posted and the chatter holds the reason and
        the line."""
        invoice = self._customer_invoice(self.template, 12.0)
        action = invoice.with_user(self.pricing_manager).action_post()
        self.assertEqual(action["res_model"], "jit.margin.override.wizard")
        self.assertEqual(invoice.state, "draft")
        wizard_form = Form(
            self.env["jit.margin.override.wizard"]
            .with_user(self.pricing_manager)
            .with_context(**action["context"])
        )
        self.assertIn("Kettle", wizard_form.lines_summary)
        wizard_form.reason = "Clearance"
        wizard_form.save().action_confirm()
        self.assertEqual(invoice.state, "posted")
        message = invoice.message_ids.filtered(lambda m: "Clearance" in m.body)
        self.assertTrue(message)
        self.assertIn("Kettle", message.body)

    def test_manager_cannot_bypass_without_reason(self):
        """Posting straight through _post without a reason is refused even for
        a manager."""
        invoice = self._customer_invoice(self.template, 12.0)
        with self.assertRaisesRegex(UserError, "give the reason"):
            invoice.with_user(self.pricing_manager)._post()

    def test_rule_floor_replaces_company_floor(self):
        """The rule sets a floor of 10 %: 16.67 % is above it, the user
        posts."""
        self.rule.margin_floor_percent = 10.0
        invoice = self._customer_invoice(self.template, 12.0)
        self.assertAlmostEqual(invoice.invoice_line_ids.jit_margin_floor_percent, 10.0)
        invoice.with_user(self.pricing_user).action_post()
        self.assertEqual(invoice.state, "posted")

    def test_floor_zero_turns_guard_off(self):
        """Company floor 0 and no rule floor: a line at 1.00 (margin -900 %)
        posts."""
        self.company.jit_pricing_margin_floor = 0.0
        invoice = self._customer_invoice(self.template, 1.0)
        self.assertFalse(invoice.invoice_line_ids.jit_below_floor)
        invoice.with_user(self.pricing_user).action_post()
        self.assertEqual(invoice.state, "posted")

    def test_floor_of_100_percent_is_refused(self):
        """A company floor of 100 % is impossible."""
        from odoo.exceptions import ValidationError

        with self.assertRaisesRegex(ValidationError, "under 100 %"):
            self.company.jit_pricing_margin_floor = 100.0

    def test_banner_follows_price_edits_in_the_form(self):
        """In the invoice form, lowering the line from 15.00 to 12.00 shows the
        banner naming the kettle (16.67 %); raising it back to 15.00 clears
        it."""
        invoice = self._customer_invoice(self.template, 15.0)
        invoice_form = Form(invoice)
        self.assertFalse(invoice_form.jit_below_floor_warning)
        with invoice_form.invoice_line_ids.edit(0) as line:
            line.price_unit = 12.0
        self.assertIn("Kettle: margin 16.67 %", invoice_form.jit_below_floor_warning)
        with invoice_form.invoice_line_ids.edit(0) as line:
            line.price_unit = 15.0
        self.assertFalse(invoice_form.jit_below_floor_warning)
