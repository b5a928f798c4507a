from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import JitPricingCase


class TestAccessAndCompanies(JitPricingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "JIT Branch B"})
        cls.manager_b = new_test_user(
            cls.env,
            login="jit_pricing_manager_b",
            groups="base.group_user,jit_pricing.group_jit_pricing_manager",
            company_id=cls.company_b.id,
            company_ids=[cls.company_b.id],
        )
        cls.rule_a = cls._create_rule(name="Company A rule", markup_percent=50)
        cls.template = cls._create_product("Shared chair", list_price=1.0)
        cls._add_vendor_price(cls.template, 10.0)  # A's rule: 15.00

    def test_user_reads_but_cannot_configure(self):
        """A pricing user reads rules and the ledger, but cannot create a rule
        or edit a ledger entry."""
        rules = self.env["jit.markup.rule"].with_user(self.pricing_user)
        self.assertIn(self.rule_a, rules.search([]))
        with self.assertRaises(AccessError):
            rules.create({"name": "Mine", "markup_percent": 5})
        change = self._changes(self.template).with_user(self.pricing_user)
        self.assertAlmostEqual(change.new_price, 15.0)
        with self.assertRaises(AccessError):
            change.write({"new_price": 1.0})

    def test_manager_configures_rules(self):
        """A pricing manager creates a rule."""
        rule = (
            self.env["jit.markup.rule"]
            .with_user(self.pricing_manager)
            .create({"name": "Manager's rule", "markup_percent": 5})
        )
        self.assertEqual(rule.company_id, self.company)

    def test_user_without_pricing_group_sees_nothing(self):
        """An employee outside the pricing groups cannot read the ledger."""
        employee = new_test_user(self.env, login="jit_plain", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["jit.price.change"].with_user(employee).search([])

    def test_other_company_sees_none_of_company_a(self):
        """Company B's manager sees neither A's rule nor A's ledger entry."""
        env_b = self.env(
            user=self.manager_b, context={"allowed_company_ids": [self.company_b.id]}
        )
        self.assertFalse(env_b["jit.markup.rule"].search([]))
        self.assertFalse(env_b["jit.price.change"].search([]))

    def test_company_b_recompute_ignores_company_a_rules(self):
        """Recomputing in company B, which has no rule, leaves 15.00; B's own
        rule (+100 % on the shared vendor line) then sells at 20.00 and the
        ledger entry belongs to B."""
        self.engine.recompute(self.template, "manual", self.company_b)
        self.assertAlmostEqual(self.template.list_price, 15.0)
        self._create_rule(
            name="B rule", markup_percent=100, company_id=self.company_b.id
        )
        self.env["product.supplierinfo"].search(
            [("product_tmpl_id", "=", self.template.id)]
        ).company_id = False
        self.engine.recompute(self.template, "manual", self.company_b)
        self.assertAlmostEqual(self.template.list_price, 20.0)
        change_b = self._changes(self.template).filtered(
            lambda c: c.company_id == self.company_b
        )
        self.assertAlmostEqual(change_b.new_price, 20.0)

    def test_views_render_for_pricing_user(self):
        """Ledger list, form, search, graph and pivot, the rule views and the
        product form with its pricing tab all load for a pricing user."""
        env = self.env(user=self.pricing_user)
        views = env["jit.price.change"].get_views(
            [(False, kind) for kind in ("list", "form", "search", "graph", "pivot")]
        )
        self.assertIn("new_price", views["views"]["pivot"]["arch"])
        rule_views = env["jit.markup.rule"].get_views(
            [(False, "list"), (False, "form")]
        )
        self.assertIn("rounding_ending", rule_views["views"]["form"]["arch"])
        product_form = env["product.template"].get_views([(False, "form")])
        self.assertIn("jit_price_change_count", product_form["views"]["form"]["arch"])
        settings = self.env["res.config.settings"].get_views([(False, "form")])
        self.assertIn(
            "jit_pricing_approval_threshold", settings["views"]["form"]["arch"]
        )
