from .worklist_common import WorklistCase


class TestWorklistOrder(WorklistCase):
    def _set_rule(self, rule, status, cover, value):
        rule.with_context(jit_recompute=True).write(
            {"jit_status": status, "jit_days_of_cover": cover, "jit_need_value": value}
        )

    def test_worklist_lists_red_first_then_cover_then_value(self):
        """Five rules, written as the recompute leaves them:

        - yellow, 0.5 days of cover, value 900 (yellow comes after any red,
          however short its cover);
        - red, 3 days, value 50;
        - red, 1 day, value 10;
        - red, 3 days, value 400 (same colour and cover as the second: the
          larger value comes first);
        - blue, 0 days, value 0 (overstock, last);
        - red, 0 days, value 5 (out of stock: first).

        Expected order: red 0 d; red 1 d; red 3 d 400; red 3 d 50; yellow;
        blue.
        """
        rules = self.env["stock.warehouse.orderpoint"]
        specs = [
            ("yellow", 0.5, 900.0),
            ("red", 3.0, 50.0),
            ("red", 1.0, 10.0),
            ("red", 3.0, 400.0),
            ("blue", 0.0, 0.0),
            ("red", 0.0, 5.0),
        ]
        for index, (status, cover, value) in enumerate(specs):
            rule = self._create_rule(self._create_product(f"Order test {index}"))
            self._set_rule(rule, status, cover, value)
            rules |= rule

        lines = self._worklist(rules)

        self.assertEqual(
            [(line.status, line.days_of_cover, line.need_value) for line in lines],
            [
                ("red", 0.0, 5.0),
                ("red", 1.0, 10.0),
                ("red", 3.0, 400.0),
                ("red", 3.0, 50.0),
                ("yellow", 0.5, 900.0),
                ("blue", 0.0, 0.0),
            ],
        )
        self.assertEqual(lines.mapped("urgency"), [0, 0, 0, 0, 1, 3])
        self.assertEqual(lines[0].source, rules[5])
        self.assertEqual(lines[0].color, 1, "red cards use the red colour")

    def test_worklist_leaves_out_rules_without_policy(self):
        """A plain Odoo reorder rule (no JIT policy) and an archived JIT rule are
        not on the worklist; the active JIT rule is."""
        jit_rule = self._create_rule(self._create_product("On list"))
        plain_rule = self._create_rule(self._create_product("Plain"))
        plain_rule.jit_policy_id = False
        archived_rule = self._create_rule(self._create_product("Archived"))
        archived_rule.active = False

        lines = self._worklist(jit_rule | plain_rule | archived_rule)

        self.assertEqual(lines.orderpoint_id, jit_rule)

    def test_recompute_stores_value_of_need(self):
        """Recompute stores quantity to maximum x cost.

        Policy in suggest mode, so the rule keeps its own minimum 20 and maximum
        50. 4 units received, product cost 3.00: quantity to maximum = 50 - 4 =
        46, value = 46 x 3.00 = 138.00. The worklist line shows the same."""
        product = self._create_product("Valued", cost=3.0, vendor=self.vendor)
        rule = self._create_rule(product, minimum=20.0, maximum=50.0)
        self._receive(product, 4.0, days_ago=3)

        rule.action_jit_recompute()

        self.assertAlmostEqual(rule.jit_free_qty, 4.0)
        self.assertAlmostEqual(rule.jit_need_qty, 46.0)
        self.assertAlmostEqual(rule.jit_need_value, 138.0)
        line = self._worklist(rule)
        self.assertAlmostEqual(line.need_qty, 46.0)
        self.assertAlmostEqual(line.need_value, 138.0)
        self.assertEqual(line.vendor_id, self.vendor)
        self.assertEqual(line.categ_id, product.categ_id)

    def test_worklist_filters_by_vendor_category_and_status(self):
        """Filtering the worklist by vendor, category and status keeps only the
        matching line: two rules, one per vendor and category, one red, one
        green."""
        other_vendor = self.env["res.partner"].create({"name": "Other Vendor"})
        category = self.env["product.category"].create({"name": "Worklist Spares"})
        red_rule = self._create_rule(
            self._create_product("Red one", vendor=self.vendor, category=category)
        )
        green_rule = self._create_rule(
            self._create_product("Green one", vendor=other_vendor)
        )
        self._set_rule(red_rule, "red", 1.0, 5.0)
        self._set_rule(green_rule, "green", 30.0, 0.0)
        self.env.flush_all()
        Line = self.env["jit.worklist.line"]
        scope = [("orderpoint_id", "in", (red_rule | green_rule).ids)]

        self.assertEqual(
            Line.search([*scope, ("vendor_id", "=", self.vendor.id)]).orderpoint_id,
            red_rule,
        )
        self.assertEqual(
            Line.search([*scope, ("categ_id", "=", category.id)]).orderpoint_id,
            red_rule,
        )
        self.assertEqual(
            Line.search([*scope, ("status", "=", "green")]).orderpoint_id, green_rule
        )
