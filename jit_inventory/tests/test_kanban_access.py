from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common_kanban import KanbanCase


@tagged("post_install", "-at_install")
class TestKanbanAccess(KanbanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loop = cls._create_loop()
        cls.card = cls.loop.card_ids[0]
        cls.jit_user = new_test_user(
            cls.env,
            login="kanban_jit_user",
            groups="jit_inventory.group_jit_user",
        )
        cls.jit_manager = new_test_user(
            cls.env,
            login="kanban_jit_manager",
            groups="jit_inventory.group_jit_manager",
        )

    def test_user_scans_a_card(self):
        """A JIT user (no purchase rights) scans a Full card on the scan
        screen: the RFQ line is created, the card is Ordered."""
        env = self.env(user=self.jit_user)
        self.assertFalse(self.jit_user.has_group("purchase.group_purchase_user"))
        wizard = env["jit.kanban.scan"].create({"barcode": self.card.name})
        wizard.action_scan()
        self.assertEqual(wizard.status, "ordered")
        self.assertEqual(self.card.state, "ordered")
        self.assertEqual(self.card.purchase_line_id.product_qty, 10.0)

    def test_user_cannot_configure_loops(self):
        """A JIT user reads loops and cards but cannot create, change or delete
        them, nor change a card's state by hand."""
        env = self.env(user=self.jit_user)
        loop = env["jit.kanban.loop"].browse(self.loop.id)
        self.assertEqual(loop.card_count, 2)
        with self.assertRaises(AccessError):
            loop.write({"container_qty": 5.0})
        with self.assertRaises(AccessError):
            env["jit.kanban.loop"].create(
                {
                    "product_id": self.product.id,
                    "location_id": self.stock.id,
                    "policy_id": self.policy.id,
                    "vendor_id": self.vendor.id,
                }
            )
        with self.assertRaises(AccessError):
            loop.unlink()
        with self.assertRaises(AccessError):
            env["jit.kanban.card"].browse(self.card.id).write({"state": "empty"})

    def test_manager_configures_loops(self):
        env = self.env(user=self.jit_manager)
        loop = env["jit.kanban.loop"].browse(self.loop.id)
        loop.container_qty = 5.0
        self.assertEqual(self.loop.container_qty, 5.0)

    def test_other_company_cards_are_invisible(self):
        """A user of company B sees no loop or card of company A; scanning an
        A card from B says the barcode is unknown and orders nothing."""
        company_b = self.env["res.company"].create({"name": "Kanban Company B"})
        user_b = new_test_user(
            self.env,
            login="kanban_user_b",
            groups="jit_inventory.group_jit_user",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        env_b = self.env(user=user_b)
        self.assertFalse(env_b["jit.kanban.loop"].search([("id", "=", self.loop.id)]))
        self.assertFalse(env_b["jit.kanban.card"].search([("id", "=", self.card.id)]))
        result = env_b["jit.kanban.card"]._scan_barcode(self.card.name)
        self.assertEqual(result["status"], "unknown")
        self.assertEqual(self.card.state, "full")

        # A loop of company B, with B's warehouse, orders in company B.
        warehouse_b = self.env["stock.warehouse"].search(
            [("company_id", "=", company_b.id)], limit=1
        )
        self.env["product.supplierinfo"].create(
            {
                "product_tmpl_id": self.product.product_tmpl_id.id,
                "partner_id": self.vendor.id,
                "company_id": company_b.id,
                "delay": 4,
            }
        )
        loop_b = self._create_loop(
            company_id=company_b.id,
            location_id=warehouse_b.lot_stock_id.id,
            policy_id=self.policy.copy({"company_id": company_b.id}).id,
        )
        self.env.invalidate_all()
        card_b = loop_b.card_ids[0]
        self.assertEqual(card_b.company_id, company_b)
        self.assertFalse(
            self.env(user=self.jit_user)["jit.kanban.card"].search(
                [("id", "=", card_b.id)]
            )
        )
        result = env_b["jit.kanban.card"]._scan_barcode(card_b.name)
        self.assertEqual(result["status"], "ordered")
        self.assertEqual(card_b.purchase_order_id.company_id, company_b)
