from .worklist_common import WorklistCase


class TestStockoutAlert(WorklistCase):
    """Scenario numbers (policy: window 10 days, review period 5 days, 95 %;
    vendor delay 5 days, no purchase lead days, so lead time L = 5 days):
    24 units received 3 days ago, 20 delivered 2 days ago. Average daily
    usage = 20 / 10 = 2; free stock 4; days of cover = 4 / 2 = 2 < L 5: red.
    """

    def _stockout_activities(self, product):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "product.template"),
                ("res_id", "=", product.product_tmpl_id.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("jit_inventory.mail_activity_type_stockout").id,
                ),
            ]
        )

    def _red_rule(self, name, vendor):
        product = self._create_product(name, cost=2.0, vendor=vendor)
        rule = self._create_rule(product, minimum=10.0, maximum=30.0)
        self._receive(product, 24.0, days_ago=3)
        self._deliver(product, 20.0, days_ago=2)
        return product, rule

    def test_alert_raised_once_per_episode_and_closed_when_rule_leaves_red(self):
        """Red: one activity for the vendor's buyer. Recomputed again while still
        red: still that one activity. 40 received (free 44, cover 22 days):
        the rule leaves red and the activity is closed (done, with a message on
        the product). 42 delivered today (today is outside the demand window,
        usage stays 2; free 2, cover 1 day): red again, a second episode with
        a new activity."""
        product, rule = self._red_rule("Alert me", self.vendor)

        rule.action_jit_recompute()

        self.assertEqual(rule.jit_status, "red")
        self.assertAlmostEqual(rule.jit_days_of_cover, 2.0)
        first = self._stockout_activities(product)
        self.assertEqual(len(first), 1)
        self.assertEqual(rule.jit_alert_activity_id, first)
        self.assertEqual(first.user_id, self.buyer)
        self.assertTrue(rule.jit_stockout_since)
        self.assertTrue(self._worklist(rule).has_alert)

        rule.action_jit_recompute()

        self.assertEqual(rule.jit_status, "red")
        self.assertEqual(self._stockout_activities(product), first)

        self._receive(product, 40.0)
        rule.action_jit_recompute()

        self.assertNotEqual(rule.jit_status, "red")
        self.assertFalse(first.exists(), "done activities of this type are removed")
        self.assertFalse(self._stockout_activities(product))
        self.assertFalse(rule.jit_alert_activity_id)
        self.assertFalse(rule.jit_stockout_since)
        done_message = product.product_tmpl_id.message_ids.filtered(
            lambda message: "Closed automatically" in (message.body or "")
        )
        self.assertEqual(len(done_message), 1)

        self._deliver(product, 42.0)
        rule.action_jit_recompute()

        self.assertEqual(rule.jit_status, "red")
        self.assertAlmostEqual(rule.jit_days_of_cover, 1.0)
        second = self._stockout_activities(product)
        self.assertEqual(len(second), 1)
        self.assertEqual(rule.jit_alert_activity_id, second)

    def test_alert_closed_by_hand_is_not_raised_again_in_same_episode(self):
        """The buyer marks the alert done while the rule is still red: the next
        recompute raises no new alert (same episode)."""
        product, rule = self._red_rule("Closed by hand", self.vendor)
        rule.action_jit_recompute()
        self._stockout_activities(product).action_feedback(feedback="Ordered by phone")

        rule.action_jit_recompute()

        self.assertEqual(rule.jit_status, "red")
        self.assertFalse(self._stockout_activities(product))
        self.assertTrue(rule.jit_stockout_since)

    def test_alert_goes_to_alert_recipient_then_first_stock_manager(self):
        """Vendor without buyer: the alert goes to the company's "Stockout alerts
        to" user; without one, to the first inventory administrator (the admin
        user, lowest id among active internal stock managers)."""
        vendor = self.env["res.partner"].create({"name": "Vendor without buyer"})
        recipient = self.env["res.users"].create(
            {"name": "Alert Recipient", "login": "jit_alert_recipient"}
        )
        self.company.jit_alert_user_id = recipient
        product, rule = self._red_rule("To recipient", vendor)

        rule.action_jit_recompute()

        self.assertEqual(self._stockout_activities(product).user_id, recipient)

        self.company.jit_alert_user_id = False
        product, rule = self._red_rule("To manager", vendor)

        rule.action_jit_recompute()

        self.assertEqual(
            self._stockout_activities(product).user_id, self.env.ref("base.user_admin")
        )

    def test_no_alert_for_rule_that_is_not_red(self):
        """Free stock 24, usage 2: cover 12 days >= L + review 10: not red, no
        activity."""
        product = self._create_product("Enough", cost=2.0, vendor=self.vendor)
        rule = self._create_rule(product, minimum=10.0, maximum=30.0)
        self._receive(product, 44.0, days_ago=3)
        self._deliver(product, 20.0, days_ago=2)

        rule.action_jit_recompute()

        self.assertEqual(rule.jit_status, "green")
        self.assertFalse(self._stockout_activities(product))
        self.assertFalse(rule.jit_stockout_since)

    def test_alert_closed_when_rule_leaves_jit(self):
        """A red rule's alert is closed when the rule is archived, and when its
        JIT policy is removed: the episode ends with it."""
        product, rule = self._red_rule("Archived while red", self.vendor)
        rule.action_jit_recompute()
        activity = rule.jit_alert_activity_id
        self.assertTrue(activity)

        rule.active = False

        self.assertFalse(activity.exists())
        self.assertFalse(rule.jit_stockout_since)

        product, rule = self._red_rule("Policy removed while red", self.vendor)
        rule.action_jit_recompute()
        activity = rule.jit_alert_activity_id

        rule.jit_policy_id = False

        self.assertFalse(activity.exists())
        self.assertFalse(rule.jit_alert_activity_id)
