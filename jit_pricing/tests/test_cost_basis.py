from .common import JitPricingCase


class TestCostBasis(JitPricingCase):
    def _recompute(self, template):
        return self.engine.recompute(template, "manual", self.company)

    def test_foreign_vendor_price_converted_before_rounding(self):
        """Vendor price 10.00 in a currency worth 2.00 company units: cost 20.00;
        markup 33 % gives 26.60, rounded up (step 1, ending .99) to 26.99.
        Rounding first would have given 13.99 x 2 = 27.98."""
        foreign = self._foreign_currency()
        template = self._create_product("Imported stapler")
        self._add_vendor_price(template, 10.0, currency_id=foreign.id)
        self._create_rule(markup_percent=33, rounding_step=1.0, rounding_ending=0.99)
        self._recompute(template)
        self.assertAlmostEqual(template.list_price, 26.99)
        self.assertAlmostEqual(self._changes(template).new_cost, 20.00)

    def test_box_of_12_price_becomes_unit_price(self):
        """Vendor sells a box of 12 at 120.00 less 10 %: 108.00 a box, 9.00 a
        unit; markup 50 % sells one unit at 13.50."""
        box = self.env["uom.uom"].create(
            {
                "name": "Box of 12 (JIT test)",
                "category_id": self.uom_unit.category_id.id,
                "uom_type": "bigger",
                "factor_inv": 12,
            }
        )
        template = self._create_product(
            "Pens", uom_id=self.uom_unit.id, uom_po_id=box.id
        )
        self._add_vendor_price(template, 120.0, discount=10)
        self._create_rule(markup_percent=50)
        self._recompute(template)
        self.assertAlmostEqual(self._changes(template).new_cost, 9.00)
        self.assertAlmostEqual(template.list_price, 13.50)

    def test_cost_zero_is_priced_not_skipped(self):
        """A free sample from the vendor (price 0.00), markup 50 %, minimum
        2.50: the price becomes 2.50 and the ledger shows a cost of 0.00."""
        template = self._create_product("Free sample", list_price=1.0)
        self._add_vendor_price(template, 0.0)
        self._create_rule(markup_percent=50, price_min=2.5)
        result = self._recompute(template)
        self.assertAlmostEqual(template.list_price, 2.50)
        change = self._changes(template)
        self.assertEqual(change.new_cost, 0.0)
        self.assertFalse(result["missing_cost"])

    def test_missing_cost_changes_nothing_and_says_so(self):
        """A rule on the last vendor bill price, no bill posted: the price stays
        at 7.00, no ledger entry, and the message names the product."""
        template = self._create_product("Never billed", list_price=7.0)
        self._create_rule(cost_basis="last_bill", markup_percent=50)
        action = template.action_jit_recompute_price()
        self.assertAlmostEqual(template.list_price, 7.00)
        self.assertFalse(self._changes(template))
        self.assertIn("Never billed", action["params"]["message"])
        self.assertIn("No cost found", action["params"]["message"])

    def test_no_rule_changes_nothing(self):
        """Without any markup rule, a new vendor price line leaves the sales
        price of 7.00 alone and writes no ledger entry."""
        template = self._create_product("Untouched", list_price=7.0)
        self._add_vendor_price(template, 50.0)
        self._recompute(template)
        self.assertAlmostEqual(template.list_price, 7.00)
        self.assertFalse(self._changes(template))

    def test_priority_scope_category_children_and_vendor(self):
        """Rules by priority: (1) product rule +10 % for the desk; (2) vendor
        rule +30 % for Bolt's products, cost from Bolt; (3) category rule +20 %
        for JIT Office and its children. Desk cost 100 -> 110.00; paper (in the
        sub-category JIT Paper) cost 10 -> 12.00; toner, preferred vendor Acme
        at 40 but also sold by Bolt at 50 -> 65.00 (Bolt's price); a product of
        another category is not covered and keeps 3.00."""
        desk = self._create_product("Desk")
        paper = self._create_product("Paper", categ_id=self.sub_category.id)
        toner = self._create_product("Toner")
        other_category = self.env["product.category"].create({"name": "Other"})
        outside = self._create_product(
            "Outside", list_price=3.0, categ_id=other_category.id
        )
        self._add_vendor_price(desk, 100.0)
        self._add_vendor_price(paper, 10.0)
        self._add_vendor_price(toner, 40.0, sequence=1)
        self._add_vendor_price(toner, 50.0, partner=self.other_vendor, sequence=2)
        self._add_vendor_price(outside, 1.0)
        self._create_rule(
            sequence=1, scope="product", product_tmpl_id=desk.id, markup_percent=10
        )
        self._create_rule(
            sequence=2,
            scope="vendor",
            partner_id=self.other_vendor.id,
            markup_percent=30,
        )
        self._create_rule(
            sequence=3, scope="category", categ_id=self.category.id, markup_percent=20
        )
        result = self._recompute(desk | paper | toner | outside)
        self.assertAlmostEqual(desk.list_price, 110.00)
        self.assertAlmostEqual(paper.list_price, 12.00)
        self.assertAlmostEqual(toner.list_price, 65.00)
        self.assertAlmostEqual(outside.list_price, 3.00)
        self.assertEqual(result["no_rule"], outside)

    def test_last_purchase_price_in_boxes_and_discount(self):
        """Last confirmed PO: 2 boxes of 12 at 120.00 less 5 %: 114.00 a box,
        9.50 a unit; an older PO at 60.00 a box is ignored. Markup 100 %:
        19.00."""
        box = self.env["uom.uom"].create(
            {
                "name": "Box of 12 (JIT PO test)",
                "category_id": self.uom_unit.category_id.id,
                "uom_type": "bigger",
                "factor_inv": 12,
            }
        )
        template = self._create_product("Markers", uom_po_id=box.id)
        old_order = self._purchase_order(template, 60.0, product_uom=box.id)
        old_order.button_confirm()
        order = self._purchase_order(
            template, 120.0, quantity=2, product_uom=box.id, discount=5
        )
        order.button_confirm()
        self._create_rule(cost_basis="last_purchase", markup_percent=100)
        self._recompute(template)
        change = self._changes(template)
        self.assertAlmostEqual(change.new_cost, 9.50)
        self.assertAlmostEqual(template.list_price, 19.00)
        self.assertEqual(change.source_document, order)

    def test_last_bill_price_in_foreign_currency(self):
        """Posted vendor bill at 30.00 in a currency worth 2.00: cost 60.00;
        target margin 40 %: 60 / 0.6 = 100.00."""
        foreign = self._foreign_currency()
        template = self._create_product("Chair")
        bill = self._vendor_bill(template, 30.0)
        bill.currency_id = foreign
        bill.invoice_line_ids.price_unit = 30.0
        bill.action_post()
        self._create_rule(cost_basis="last_bill", method="margin", margin_percent=40)
        self._recompute(template)
        self.assertAlmostEqual(self._changes(template).new_cost, 60.00)
        self.assertAlmostEqual(template.list_price, 100.00)

    def test_product_pricing_tab_explains_rule_and_cost(self):
        """The product shows the rule, the cost read now (20.00) and the
        margin at its price 25.00: (25 - 20) / 25 = 20 %."""
        template = self._create_product("Lamp", list_price=25.0)
        self._add_vendor_price(template, 20.0)
        rule = self._create_rule(name="Lamps", cost_basis="vendor_price")
        self.assertEqual(template.jit_markup_rule_id, rule)
        self.assertAlmostEqual(template.jit_pricing_cost, 20.0)
        self.assertAlmostEqual(template.jit_pricing_margin_percent, 20.0)
        self.assertIn("Lamps", template.jit_pricing_status)
        self.assertEqual(template.jit_price_change_count, 0)

    def test_vendor_rule_reads_that_vendors_last_purchase(self):
        """Bolt's PO at 50.00 is confirmed, then Acme's at 30.00 (the newest).
        A Bolt vendor rule on the last PO price (+10 %) reads Bolt's 50.00 and
        sells at 55.00, not 30 x 1.1 = 33.00."""
        template = self._create_product("Lamp shade")
        self._purchase_order(template, 50.0, partner=self.other_vendor).button_confirm()
        self._purchase_order(template, 30.0).button_confirm()
        self._create_rule(
            scope="vendor",
            partner_id=self.other_vendor.id,
            cost_basis="last_purchase",
            markup_percent=10,
        )
        self._recompute(template)
        self.assertAlmostEqual(template.list_price, 55.00)
        self.assertAlmostEqual(self._changes(template).new_cost, 50.00)

    def test_product_of_another_company_is_not_priced(self):
        """A product restricted to another company is left at 9.00 by this
        company's rule (+50 % on a 10.00 price line)."""
        other_company = self.env["res.company"].create({"name": "JIT Other Co"})
        template = self._create_product(
            "Their product", list_price=9.0, company_id=other_company.id
        )
        self.env["product.supplierinfo"].with_context(
            jit_pricing_no_trigger=True
        ).create(
            {
                "product_tmpl_id": template.id,
                "partner_id": self.vendor.id,
                "price": 10.0,
                "company_id": False,
            }
        )
        self._create_rule(markup_percent=50)
        self._recompute(template)
        self.assertAlmostEqual(template.list_price, 9.00)
        self.assertFalse(self._changes(template))
