from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import JitInventoryCase


@tagged("post_install", "-at_install")
class TestPolicyAndSecurity(JitInventoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "JIT Other Co"})
        cls.jit_user = cls.env["res.users"].create(
            {
                "name": "JIT operator",
                "login": "jit_operator",
                "company_id": cls.company.id,
                "company_ids": [(6, 0, cls.company.ids)],
                "groups_id": [(6, 0, [cls.env.ref("jit_inventory.group_jit_user").id])],
            }
        )
        cls.jit_manager = cls.env["res.users"].create(
            {
                "name": "JIT planner",
                "login": "jit_planner",
                "company_id": cls.company.id,
                "company_ids": [(6, 0, cls.company.ids)],
                "groups_id": [
                    (6, 0, [cls.env.ref("jit_inventory.group_jit_manager").id])
                ],
            }
        )

    def test_bad_policy_input_is_refused_and_changes_nothing(self):
        """Service level 0, 100 or 120, a 0-day window and a negative review
        period are refused with a message naming the policy and the field;
        the policy keeps 95 %, 10 days and 5 days."""
        cases = [
            ({"service_level": 0.0}, "service level"),
            ({"service_level": 100.0}, "service level"),
            ({"service_level": 120.0}, "service level"),
            ({"demand_window_days": 0}, "demand window"),
            ({"review_period_days": -1.0}, "review period"),
        ]
        for values, words in cases:
            with self.subTest(values=values):
                with self.assertRaises(ValidationError) as caught:
                    with self.env.cr.savepoint():
                        self.policy.write(values)
                self.assertIn(words, str(caught.exception))
                self.assertIn("Test 95 %", str(caught.exception))
        self.policy.invalidate_recordset()
        self.assertEqual(self.policy.service_level, 95.0)
        self.assertEqual(self.policy.demand_window_days, 10)
        self.assertEqual(self.policy.review_period_days, 5.0)
        with self.assertRaises(ValidationError):
            self.env["jit.replenishment.policy"].create(
                {"name": "Broken", "service_level": 100.0}
            )

    def test_manual_edit_locks_rule_until_unlocked(self):
        """A hand-set minimum survives the recompute until the rule is
        unlocked; then the recompute writes its own numbers again (no demand:
        minimum 0)."""
        rule = self.create_rule(self.product)
        self.put_in_stock(self.product, 5)
        rule.action_jit_recompute()
        self.assertFalse(rule.jit_locked)
        self.assertEqual(rule.product_min_qty, 0.0)

        rule.write({"product_min_qty": 25.0, "product_max_qty": 40.0})
        self.assertTrue(rule.jit_locked)
        rule.action_jit_recompute()
        self.assertEqual((rule.product_min_qty, rule.product_max_qty), (25.0, 40.0))
        self.assertIn("locked", rule.jit_explanation)

        rule.action_jit_unlock()
        self.assertFalse(rule.jit_locked)
        self.assertEqual((rule.product_min_qty, rule.product_max_qty), (0.0, 0.0))

    def test_user_reads_policies_manager_configures(self):
        """A JIT user sees policies but cannot create or change them; a JIT
        manager can."""
        policy_as_user = self.policy.with_user(self.jit_user)
        self.assertEqual(policy_as_user.name, "Test 95 %")
        with self.assertRaises(AccessError):
            policy_as_user.write({"service_level": 90.0})
        with self.assertRaises(AccessError):
            self.env["jit.replenishment.policy"].with_user(self.jit_user).create(
                {"name": "Mine"}
            )
        policy_as_manager = self.policy.with_user(self.jit_manager)
        policy_as_manager.write({"service_level": 90.0})
        self.assertEqual(self.policy.service_level, 90.0)

    def test_policies_of_other_companies_are_invisible(self):
        """A policy of another company is not found by a user of this one."""
        foreign = self.env["jit.replenishment.policy"].create(
            {"name": "Foreign policy", "company_id": self.other_company.id}
        )
        visible = (
            self.env["jit.replenishment.policy"]
            .with_user(self.jit_manager)
            .search([("name", "in", ["Foreign policy", "Test 95 %"])])
        )
        self.assertEqual(visible, self.policy)
        with self.assertRaises(AccessError):
            foreign.with_user(self.jit_manager).read(["name"])

    def test_default_policy_is_required_to_put_rules_under_jit(self):
        """Without a default policy the action says where to choose one and
        changes nothing; with one, the rules get it and are sized."""
        rule = self.create_rule(self.product, jit_policy_id=False)
        self.company.jit_default_policy_id = False
        with self.assertRaises(UserError) as caught:
            rule.action_jit_assign_default_policy()
        self.assertIn("Settings > Just in Time", str(caught.exception))
        self.assertFalse(rule.jit_policy_id)
        self.company.jit_default_policy_id = self.policy
        rule.action_jit_assign_default_policy()
        self.assertEqual(rule.jit_policy_id, self.policy)
        self.assertTrue(rule.jit_computed_at)

    def test_only_managers_resize_rules(self):
        """A JIT user (or a plain stock user) calling the recompute, unlock or
        default-policy actions gets an access error and the rule keeps its
        numbers; a JIT manager who is not an inventory administrator can
        unlock and put rules under the default policy."""
        rule = self.create_rule(self.product)
        rule.write({"product_min_qty": 25.0, "product_max_qty": 40.0})
        self.company.jit_default_policy_id = self.policy
        for action in (
            "action_jit_recompute",
            "action_jit_unlock",
            "action_jit_assign_default_policy",
        ):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(rule.with_user(self.jit_user), action)()
        self.assertEqual((rule.product_min_qty, rule.product_max_qty), (25.0, 40.0))

        rule.with_user(self.jit_manager).action_jit_unlock()
        self.assertFalse(rule.jit_locked)
        self.assertEqual((rule.product_min_qty, rule.product_max_qty), (0.0, 0.0))
        other = self.create_rule(self.create_product("Other"), jit_policy_id=False)
        other.with_user(self.jit_manager).action_jit_assign_default_policy()
        self.assertEqual(other.jit_policy_id, self.policy)

    def test_default_policy_must_belong_to_the_company(self):
        """A policy of another company cannot be the default one."""
        foreign = self.env["jit.replenishment.policy"].create(
            {"name": "Foreign policy", "company_id": self.other_company.id}
        )
        with self.assertRaises(ValidationError) as caught:
            self.company.jit_default_policy_id = foreign
        self.assertIn("Settings > Just in Time", str(caught.exception))
