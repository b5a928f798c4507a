from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user

from .common import ReadinessCase


class TestSettings(ReadinessCase):
    def test_bad_weights_and_window_refused_with_where_to_fix(self):
        """All weights at zero, a negative weight or grace days, or a
        zero-day look-back are refused, naming the company and the settings
        section to fix; the company keeps its previous values."""
        for values in (
            {
                "jit_weight_on_time": 0.0,
                "jit_weight_in_full": 0.0,
                "jit_weight_quality": 0.0,
                "jit_weight_price": 0.0,
                "jit_weight_lead_time": 0.0,
            },
            {"jit_weight_price": -1.0},
            {"jit_scorecard_grace_days": -2},
            {"jit_readiness_window_days": 0},
        ):
            with self.assertRaises(ValidationError) as caught:
                with self.env.cr.savepoint():
                    self.company.write(values)
            self.assertIn("Readiness Test Co", str(caught.exception))
            self.assertIn("Settings > Just in Time", str(caught.exception))
        self.assertEqual(self.company.jit_weight_on_time, 35.0)
        self.assertEqual(self.company.jit_readiness_window_days, 90)

    def test_compute_now_for_managers_only(self):
        """Settings > Compute scorecards now computes the last twelve months
        for a Readiness manager (one receipt in March gives a March card and a
        Q1 card) and is refused to a user without that group."""
        product = self._create_product("Shim", vendors=self.vendor)
        order = self._buy(
            self.vendor,
            [(product, 1, 1.0)],
            self.utc(2026, 3, 2, 15),
            self.utc(2026, 3, 10, 15),
        )
        self._receive(order, {product: 1}, self.utc(2026, 3, 9, 15))
        manager = new_test_user(
            self.env,
            login="readiness_settings_manager",
            groups="base.group_system,jit_readiness.group_readiness_manager",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        user = new_test_user(
            self.env,
            login="readiness_settings_user",
            groups="base.group_system",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(user).create(
                {}
            ).action_jit_compute_scorecards()

        with freeze_time("2026-04-15 12:00:00"):
            self.env["res.config.settings"].with_user(manager).create(
                {}
            ).action_jit_compute_scorecards()
        cards = self.Scorecard.search([("partner_id", "=", self.vendor.id)])
        self.assertEqual(
            sorted((card.period_type, str(card.date_start)) for card in cards),
            [("month", "2026-03-01"), ("quarter", "2026-01-01")],
        )
