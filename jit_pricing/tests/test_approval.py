from odoo.exceptions import AccessError, UserError

from .common import JitPricingCase


class TestApproval(JitPricingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.jit_pricing_approval_threshold = 10.0
        cls.rule = cls._create_rule(markup_percent=50)
        cls.template = cls._create_product("Stool", list_price=100.0)

    def test_small_change_applies_large_change_waits(self):
        """Threshold 10 %. Cost 70 -> 105.00 (+5 %): applied at once. Cost 80 ->
        120.00 (+14.29 % of 105): proposed, the price stays 105.00."""
        seller = self._add_vendor_price(self.template, 70.0)
        self.assertAlmostEqual(self.template.list_price, 105.00)
        seller.price = 80.0
        self.assertAlmostEqual(self.template.list_price, 105.00)
        proposal = self._changes(self.template).filtered(
            lambda c: c.state == "proposed"
        )
        self.assertAlmostEqual(proposal.new_price, 120.00)
        self.assertAlmostEqual(proposal.change_percent, 14.29, places=2)
        self.assertIn("threshold", proposal.note)
        self.assertAlmostEqual(self.template.jit_proposed_price, 120.00)

    def test_manager_approves_one_proposal(self):
        """Cost 100 -> 150.00 (+50 %): proposed; approved by the manager, the
        price becomes 150.00 and the ledger names the manager."""
        self._add_vendor_price(self.template, 100.0)
        proposal = self._changes(self.template)
        self.assertEqual(proposal.state, "proposed")
        proposal.with_user(self.pricing_manager).action_approve()
        self.assertAlmostEqual(self.template.list_price, 150.00)
        self.assertEqual(proposal.state, "applied")
        self.assertEqual(proposal.user_id, self.pricing_manager)

    def test_manager_rejects_proposal(self):
        """Rejected: the price stays 100.00; a rejected change cannot be
        approved afterwards."""
        self._add_vendor_price(self.template, 100.0)
        proposal = self._changes(self.template)
        proposal.with_user(self.pricing_manager).action_reject()
        self.assertEqual(proposal.state, "rejected")
        self.assertAlmostEqual(self.template.list_price, 100.00)
        with self.assertRaisesRegex(UserError, "Only proposed"):
            proposal.with_user(self.pricing_manager).action_approve()

    def test_bulk_approval(self):
        """Two proposals (costs 100 and 200, prices from 100 to 150 and 300)
        approved together."""
        other = self._create_product("Bench", list_price=100.0)
        self._add_vendor_price(self.template, 100.0)
        self._add_vendor_price(other, 200.0)
        proposals = self._changes(self.template | other)
        self.assertEqual(proposals.mapped("state"), ["proposed", "proposed"])
        proposals.with_user(self.pricing_manager).action_approve()
        self.assertAlmostEqual(self.template.list_price, 150.00)
        self.assertAlmostEqual(other.list_price, 300.00)

    def test_user_cannot_approve(self):
        """A pricing user sees the proposal but cannot approve it."""
        self._add_vendor_price(self.template, 100.0)
        proposal = self._changes(self.template).with_user(self.pricing_user)
        self.assertEqual(proposal.new_price, 150.0)
        with self.assertRaisesRegex(AccessError, "pricing manager"):
            proposal.action_approve()
        self.assertAlmostEqual(self.template.list_price, 100.00)

    def test_newer_proposal_replaces_older(self):
        """Cost 100 (proposal 150.00), then 120 (proposal 180.00): the first is
        rejected as replaced, one proposal remains."""
        seller = self._add_vendor_price(self.template, 100.0)
        seller.price = 120.0
        changes = self._changes(self.template)
        self.assertEqual(sorted(changes.mapped("state")), ["proposed", "rejected"])
        older = changes.filtered(lambda c: c.state == "rejected")
        self.assertAlmostEqual(older.new_price, 150.00)
        self.assertIn("Replaced", older.note)

    def test_waiting_proposal_is_not_proposed_again(self):
        """Cost 100 gives a proposal of 150.00 waiting for approval; a
        scheduled recompute with the same cost finds the same change and
        keeps the waiting proposal instead of rejecting it and logging a
        copy: still one ledger entry, proposed."""
        self._add_vendor_price(self.template, 100.0)
        first = self._changes(self.template)
        self.assertEqual(first.mapped("state"), ["proposed"])
        self.engine.recompute(self.template, "scheduled")
        self.engine.recompute(self.template, "scheduled")
        changes = self._changes(self.template)
        self.assertEqual(changes, first)
        self.assertEqual(changes.state, "proposed")
        self.assertAlmostEqual(changes.new_price, 150.00)
