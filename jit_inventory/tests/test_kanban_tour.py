from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestKanbanTour(HttpCase):
    def test_admin_creates_loop_prints_and_scans(self):
        """In the browser, as admin: create a policy, create a loop of 12 per
        card for "Tour Kanban Bolt" bought from "Tour Kanban Vendor", print its
        cards, scan the first one on the scan screen (typed, then Enter), open
        the RFQ it created. Afterwards, in the database: one draft RFQ of the
        vendor with one line of 12, and the card Ordered on that line."""
        vendor = self.env["res.partner"].create({"name": "Tour Kanban Vendor"})
        product = self.env["product.product"].create(
            {
                "name": "Tour Kanban Bolt",
                "is_storable": True,
                "seller_ids": [Command.create({"partner_id": vendor.id, "delay": 3})],
            }
        )
        self.env.ref("base.user_admin").write(
            {
                "groups_id": [
                    Command.link(self.env.ref("purchase.group_purchase_user").id)
                ]
            }
        )

        self.start_tour("/odoo", "jit_kanban_loop_tour", login="admin", timeout=180)

        policy = self.env["jit.replenishment.policy"].search(
            [("name", "=", "Tour kanban policy")]
        )
        self.assertEqual(len(policy), 1)
        loop = self.env["jit.kanban.loop"].search([("product_id", "=", product.id)])
        self.assertEqual(loop.policy_id, policy)
        self.assertEqual(loop.container_qty, 12.0)
        ordered = loop.card_ids.filtered(lambda card: card.state == "ordered")
        self.assertEqual(len(ordered), 1)
        order = ordered.purchase_order_id
        self.assertEqual(order.partner_id, vendor)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.order_line.product_qty, 12.0)
