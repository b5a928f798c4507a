from odoo import Command
from odoo.exceptions import AccessError

from .worklist_common import WorklistCase


class TestWorklistAccess(WorklistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "JIT Other Co"})
        cls._prepare_company(cls.other_company)
        cls.other_warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.other_company.id)], limit=1
        )
        cls.other_policy = cls.env["jit.replenishment.policy"].create(
            {"name": "Other Co", "company_id": cls.other_company.id}
        )
        cls.jit_user = cls.env["res.users"].create(
            {
                "name": "Jo JIT User",
                "login": "jit_worklist_user",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "groups_id": [
                    Command.set([cls.env.ref("jit_inventory.group_jit_user").id])
                ],
            }
        )
        cls.jit_manager = cls.env["res.users"].create(
            {
                "name": "Max JIT Manager",
                "login": "jit_worklist_manager",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "groups_id": [
                    Command.set([cls.env.ref("jit_inventory.group_jit_manager").id])
                ],
            }
        )
        cls.own_rule = cls._create_rule(
            cls._create_product("Own company", cost=3.0, vendor=cls.vendor), 20.0, 50.0
        )
        cls.other_rule = cls._create_rule(
            cls._create_product("Other company", company=cls.other_company),
            warehouse=cls.other_warehouse,
            policy=cls.other_policy,
        )
        cls.env["jit.cash.snapshot"].create(
            [
                {
                    "date": "2026-03-10",
                    "company_id": company.id,
                    "product_id": rule.product_id.id,
                    "inventory_value": 10.0,
                }
                for company, rule in (
                    (cls.company, cls.own_rule),
                    (cls.other_company, cls.other_rule),
                )
            ]
        )

    def test_user_sees_only_own_company_worklist_and_cash_view(self):
        """A JIT user of the main company sees its rule's worklist line and its
        snapshot, not those of the other company."""
        self.env.flush_all()
        lines = (
            self.env["jit.worklist.line"]
            .with_user(self.jit_user)
            .search([("orderpoint_id", "in", (self.own_rule | self.other_rule).ids)])
        )
        snapshots = (
            self.env["jit.cash.snapshot"]
            .with_user(self.jit_user)
            .search([("date", "=", "2026-03-10")])
        )

        self.assertEqual(lines.orderpoint_id, self.own_rule)
        self.assertEqual(snapshots.company_id, self.company)

    def test_user_orders_now_but_cannot_write_cash_view(self):
        """A JIT user operates (Order now creates the RFQ: 50 - 0 = 50 units) but
        cannot create snapshots nor refresh the cash view; a JIT manager can
        refresh it."""
        line = self._worklist(self.own_rule).with_user(self.jit_user)

        line.action_order_now()

        rfq_line = self.env["purchase.order.line"].search(
            [("product_id", "=", self.own_rule.product_id.id)]
        )
        self.assertAlmostEqual(rfq_line.product_qty, 50.0)
        Snapshot = self.env["jit.cash.snapshot"].with_user(self.jit_user)
        with self.assertRaises(AccessError):
            Snapshot.create(
                {
                    "date": "2026-03-11",
                    "company_id": self.company.id,
                    "product_id": self.own_rule.product_id.id,
                }
            )
        with self.assertRaises(AccessError):
            Snapshot.action_take_snapshot_today()

        self.env["jit.cash.snapshot"].with_user(
            self.jit_manager
        ).action_take_snapshot_today()

    def test_user_cannot_change_worklist_lines(self):
        """The worklist is read-only, even for a manager."""
        line = self._worklist(self.own_rule).with_user(self.jit_manager)
        with self.assertRaises(AccessError):
            line.write({"need_value": 0.0})
