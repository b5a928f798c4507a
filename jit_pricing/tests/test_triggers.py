import logging
from unittest.mock import patch

from odoo.addons.jit_pricing.models.jit_markup_rule import JitMarkupRule

from .common import JitPricingCase


class TestTriggers(JitPricingCase):
    def test_vendor_price_line_created_and_changed_reprices(self):
        """Rule +50 % on the vendor price line. A new line at 20.00 sells at
        30.00; changing it to 22.00 sells at 33.00, ledger: cost 20 -> 22,
        price 30 -> 33, source the price line."""
        template = self._create_product("Binder", list_price=1.0)
        rule = self._create_rule(markup_percent=50)
        seller = self._add_vendor_price(template, 20.0)
        self.assertAlmostEqual(template.list_price, 30.00)
        seller.price = 22.0
        self.assertAlmostEqual(template.list_price, 33.00)
        last = self._changes(template)[0]
        self.assertEqual(
            (last.old_cost, last.new_cost, last.old_price, last.new_price),
            (20.0, 22.0, 30.0, 33.0),
        )
        self.assertEqual(last.trigger, "vendor_price")
        self.assertEqual(last.source_document, seller)
        self.assertEqual(last.rule_id, rule)
        self.assertEqual(last.state, "applied")
        self.assertAlmostEqual(last.change_percent, 10.0)

    def test_confirmed_purchase_order_reprices_once(self):
        """Rule +25 % on the last PO price. Confirming a PO at 40.00 sells at
        50.00; a second PO at the same price changes nothing more."""
        template = self._create_product("Shelf", list_price=1.0)
        self._create_rule(cost_basis="last_purchase", markup_percent=25)
        order = self._purchase_order(template, 40.0)
        order.button_confirm()
        self.assertAlmostEqual(template.list_price, 50.00)
        change = self._changes(template)
        self.assertEqual(len(change), 1)
        self.assertEqual(change.trigger, "purchase")
        self.assertEqual(change.source_document, order)
        self._purchase_order(template, 40.0).button_confirm()
        self.assertEqual(len(self._changes(template)), 1)

    def test_draft_purchase_order_does_not_reprice(self):
        """An RFQ at 40.00 that is not confirmed leaves the price at 1.00."""
        template = self._create_product("Crate", list_price=1.0)
        self._create_rule(cost_basis="last_purchase", markup_percent=25)
        self._purchase_order(template, 40.0)
        self.assertAlmostEqual(template.list_price, 1.00)

    def test_posted_vendor_bill_reprices(self):
        """Rule: target margin 20 % on the last bill. Posting a bill at 80.00
        sells at 80 / 0.8 = 100.00; the draft bill alone changed nothing."""
        template = self._create_product("Printer", list_price=1.0)
        self._create_rule(cost_basis="last_bill", method="margin", margin_percent=20)
        bill = self._vendor_bill(template, 80.0)
        self.assertAlmostEqual(template.list_price, 1.00)
        bill.action_post()
        self.assertAlmostEqual(template.list_price, 100.00)
        change = self._changes(template)
        self.assertEqual(change.trigger, "bill")
        self.assertEqual(change.source_document, bill)

    def test_manual_recompute_on_selected_products(self):
        """Price lines at 10.00 and 20.00 exist before the rule (+10 %), so
        nothing moved; the server action on both products sells them at 11.00
        and 22.00 and reports two changes."""
        first = self._create_product("Clip", list_price=1.0)
        second = self._create_product("Tape", list_price=1.0)
        self._add_vendor_price(first, 10.0)
        self._add_vendor_price(second, 20.0)
        self._create_rule(markup_percent=10)
        self.assertAlmostEqual(first.list_price, 1.00)
        action = self.env.ref("jit_pricing.action_server_jit_recompute_price")
        result = action.with_context(
            active_model="product.template",
            active_ids=(first | second).ids,
        ).run()
        self.assertAlmostEqual(first.list_price, 11.00)
        self.assertAlmostEqual(second.list_price, 22.00)
        self.assertIn("2 price(s) changed", result["params"]["message"])
        self.assertEqual(
            set(self._changes(first | second).mapped("trigger")), {"manual"}
        )

    def test_scheduled_recompute_skips_one_bad_product(self):
        """Scheduled recompute, +10 %: the glue (cost 10.00) sells at 11.00;
        computing the ruler (cost 13.00) fails: it is logged with its name,
        skipped, and keeps 1.00."""
        glue = self._create_product("Glue", list_price=1.0)
        ruler = self._create_product("Ruler", list_price=1.0)
        self._add_vendor_price(glue, 10.0)
        self._add_vendor_price(ruler, 13.0)
        self._create_rule(markup_percent=10)
        original = JitMarkupRule._compute_price

        def compute_price(rule, cost):
            if cost == 13.0:
                raise ValueError("broken cost")
            return original(rule, cost)

        with (
            patch.object(JitMarkupRule, "_compute_price", compute_price),
            self.assertLogs(
                "odoo.addons.jit_pricing.models.product_template", logging.ERROR
            ) as logs,
        ):
            self.env["product.template"]._cron_jit_recompute_prices(batch_size=50)
        self.assertAlmostEqual(glue.list_price, 11.00)
        self.assertAlmostEqual(ruler.list_price, 1.00)
        self.assertIn("Ruler", "\n".join(logs.output))
        self.assertEqual(self._changes(glue).trigger, "scheduled")

    def test_scheduled_recompute_without_rule_changes_nothing(self):
        """No active rule (demo rules archived too): the scheduled job leaves
        every price alone and writes no ledger entry."""
        self.env["jit.markup.rule"].search([]).action_archive()
        template = self._create_product("Quiet", list_price=4.0)
        self._add_vendor_price(template, 100.0)
        self.env["product.template"]._cron_jit_recompute_prices()
        self.assertAlmostEqual(template.list_price, 4.00)
        self.assertFalse(self.Change.search([]))

    def test_archived_rule_prices_nothing(self):
        """An archived rule is not a rule: a new price line leaves 4.00."""
        template = self._create_product("Archived", list_price=4.0)
        self._create_rule(markup_percent=50, active=False)
        self._add_vendor_price(template, 10.0)
        self.assertAlmostEqual(template.list_price, 4.00)
