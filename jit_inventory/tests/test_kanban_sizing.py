from odoo.tests import Form, tagged

from .common_kanban import KanbanCase


@tagged("post_install", "-at_install")
class TestKanbanSizing(KanbanCase):
    def test_card_count_from_stock_history(self):
        """No JIT rule: demand and lead time come from history and the vendor.

        Shipped 24 + 36 = 60 units in the 30-day window: usage 60 / 30 = 2/day.
        Lead time: 4 days promised + 1 purchase lead day = 5 days.
        N = ceil(2 x (5 + 7) x (1 + 0.25) / 10) = ceil(30 / 10) = 3 cards
        (exactly 3: the rounding before the ceiling keeps it from being 4).
        """
        self._ship(24, days_ago=3)
        self._ship(36, days_ago=10)
        loop = self._create_loop()

        self.assertEqual(loop.sizing_source, "history")
        self.assertAlmostEqual(loop.average_daily_usage, 2.0)
        self.assertAlmostEqual(loop.lead_time_days, 5.0)
        self.assertEqual(loop.card_target, 3)
        self.assertEqual(loop.card_count, 3)
        self.assertEqual(set(loop.card_ids.mapped("state")), {"full"})
        self.assertIn("ceil(30.0000 / 10.0) = 3", loop.sizing_explanation)
        self.assertIn(
            "= 4 days promised by Kanban Vendor + 1.0 purchase days",
            loop.sizing_explanation,
        )

    def test_card_count_from_jit_rule(self):
        """A JIT rule at the location gives demand and lead time.

        The rule's policy looks back 60 days: 60 units / 60 = 1/day; its lead
        time is 4 + 1 = 5 days. N = ceil(1 x 12 x 1.25 / 10) = ceil(1.5) = 2.
        """
        self._ship(60, days_ago=5)
        rule_policy = self.policy.copy({"demand_window_days": 60})
        rule = self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.product.id,
                "location_id": self.stock.id,
                "warehouse_id": self.warehouse.id,
                "jit_policy_id": rule_policy.id,
            }
        )
        rule.action_jit_recompute()
        self.assertAlmostEqual(rule.jit_average_daily_usage, 1.0)

        loop = self._create_loop()

        self.assertEqual(loop.orderpoint_id, rule)
        self.assertEqual(loop.sizing_source, "rule")
        self.assertAlmostEqual(loop.average_daily_usage, 1.0)
        self.assertAlmostEqual(loop.lead_time_days, 5.0)
        self.assertEqual(loop.card_target, 2)

    def test_at_least_two_cards_without_demand(self):
        """No demand: ceil(0) = 0 cards, raised to the minimum of 2."""
        loop = self._create_loop()
        self.assertEqual(loop.card_target, 2)
        self.assertEqual(len(loop.card_ids), 2)

    def test_location_source_uses_transfer_lead_time(self):
        """A loop fed by another location uses its transfer lead time.

        Shipped 90 units out of the warehouse in 30 days: 3/day. Lead time 2
        days. N = ceil(3 x (2 + 7) x 1.25 / 10) = ceil(3.375) = 4.
        """
        self._ship(90, days_ago=2)
        loop = self._create_loop(
            source_type="location",
            vendor_id=False,
            source_location_id=self.reserve.id,
            transfer_lead_days=2.0,
        )
        self.assertAlmostEqual(loop.lead_time_days, 2.0)
        self.assertEqual(loop.card_target, 4)

    def test_resize_keeps_every_card_accounted_for(self):
        """Growing adds Full cards; shrinking retires Full cards only, the
        others when they come back Full.

        5 cards needed at first (usage 3/day, Q 10: ceil(3 x 12 x 1.25 / 10) =
        ceil(4.5) = 5). Two cards are scanned (Ordered). Container raised to
        30: ceil(45 / 30) = 2 cards needed, 3 surplus: the 3 Full cards are
        retired, none of the 2 Ordered. Raising the container to 100 does not
        add cards (2 needed, 2 in circulation). In every step, Full + Ordered +
        Retired = 5 cards.
        """
        self._ship(90, days_ago=2)
        loop = self._create_loop()
        self.assertEqual(loop.card_target, 5)
        cards = loop.card_ids
        self._scan(cards[0])
        self._scan(cards[1])

        loop.container_qty = 30.0

        self.assertEqual(loop.card_target, 2)
        all_cards = loop.with_context(active_test=False).card_ids
        self.assertEqual(len(all_cards), 5)
        self.assertEqual(all_cards.filtered(lambda c: c.state == "retired"), cards[2:])
        self.assertEqual(set(cards[:2].mapped("state")), {"ordered"})
        self.assertEqual(loop.card_count, 2)
        self.assertEqual(loop.retired_count, 3)

        loop.safety_factor = 3.0
        # ceil(3 x 12 x 4 / 30) = ceil(4.8) = 5: three new Full cards.
        self.assertEqual(loop.card_target, 5)
        all_cards = loop.with_context(active_test=False).card_ids
        self.assertEqual(len(all_cards), 8)
        self.assertEqual(loop.full_count, 3)
        self.assertEqual(loop.ordered_count, 2)

    def test_shrink_with_cards_on_order_retires_them_when_full(self):
        """Needed 2, in circulation 3, none Full: the surplus card is retired
        only once it comes back Full.

        Usage 2/day, Q 10: N = 3. The three cards are scanned (one RFQ line of
        30). Q raised to 20: ceil(30 / 20) = 2 needed, one surplus, no Full card
        to retire. Receiving the 30 units brings the three cards back Full (10
        each, the quantity they were ordered with); the first one back is
        retired. 2 Full + 1 Retired = 3 cards.
        """
        self._ship(60, days_ago=2)
        loop = self._create_loop()
        cards = loop.card_ids
        for card in cards:
            self._scan(card)
        loop.container_qty = 20.0
        self.assertEqual(loop.card_target, 2)
        self.assertEqual(loop.surplus_count, 1)
        self.assertEqual(loop.ordered_count, 3)

        order = cards.purchase_order_id
        self.assertEqual(len(order), 1)
        self.assertEqual(order.order_line.product_qty, 30.0)
        order.button_confirm()
        self._validate(order.picking_ids)

        self.assertEqual(cards[0].state, "retired")
        self.assertEqual(cards[1:].mapped("state"), ["full", "full"])
        self.assertEqual(loop.card_count, 2)
        self.assertEqual(loop.retired_count, 1)

    def test_loop_form_explains_the_count(self):
        """Creating a loop in the form sizes it and explains the count."""
        form = Form(self.env["jit.kanban.loop"])
        form.product_id = self.product
        form.location_id = self.stock
        form.policy_id = self.policy
        form.vendor_id = self.vendor
        form.container_qty = 10
        loop = form.save()
        self.assertEqual(loop.review_period_days, 7.0)
        self.assertEqual(loop.card_target, 2)
        self.assertIn("at least 2: 2 cards", loop.sizing_explanation)

    def test_card_labels_show_barcode_product_quantity_location_source(self):
        """The label report: one label per card, each with its barcode image
        and text, the product, 10 Units, the location and the vendor."""
        loop = self._create_loop()
        report = self.env.ref("jit_inventory.action_report_jit_kanban_card")
        self.assertEqual(loop.action_print_cards()["report_name"], report.report_name)
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            report.report_name, loop.card_ids.ids
        )
        html = html.decode()
        self.assertEqual(html.count("o_jit_kanban_label"), 2)
        for card in loop.card_ids:
            self.assertIn(card.name, html)
        self.assertIn("Kanban Washer", html)
        self.assertIn("Kanban Vendor", html)
        self.assertIn(self.stock.display_name, html)
        self.assertIn("data:image/png;base64", html)
        pdf, _format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report.report_name, loop.card_ids.ids)
        )
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_daily_resize_follows_new_demand(self):
        """The scheduled resize sizes loops again: no demand at first (2
        cards); then 60 units shipped in the window (2/day): ceil(2 x 12 x 1.25
        / 10) = 3 cards, the new one Full, the first two untouched."""
        loop = self._create_loop()
        first_cards = loop.card_ids
        self._scan(first_cards[0])
        self._ship(60, days_ago=4)

        self.env["jit.kanban.loop"]._cron_resize()

        self.assertEqual(loop.card_target, 3)
        self.assertEqual(len(loop.card_ids), 3)
        new_card = loop.card_ids - first_cards
        self.assertEqual(new_card.state, "full")
        self.assertEqual(first_cards[0].state, "ordered")

    def test_lost_card_days_in_settings(self):
        """The lost-card days are a company setting in Settings."""
        settings = self.env["res.config.settings"].create({"jit_lost_card_days": 45})
        settings.execute()
        self.assertEqual(self.company.jit_lost_card_days, 45)
