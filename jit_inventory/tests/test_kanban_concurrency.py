from odoo import Command, api
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestKanbanConcurrentScan(TransactionCase):
    """Two sessions scan the same card at the same moment: two real database
    connections (``registry.cursor()``), on data committed for the purpose and
    removed afterwards."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.env.uid, {})
            vendor = env["res.partner"].create({"name": "Concurrent Kanban Vendor"})
            product = env["product.product"].create(
                {
                    "name": "Concurrent Kanban Nut",
                    "is_storable": True,
                    "seller_ids": [
                        Command.create({"partner_id": vendor.id, "delay": 2})
                    ],
                }
            )
            policy = env["jit.replenishment.policy"].create(
                {"name": "Concurrent kanban policy"}
            )
            loop = env["jit.kanban.loop"].create(
                {
                    "product_id": product.id,
                    "location_id": env.ref("stock.warehouse0").lot_stock_id.id,
                    "policy_id": policy.id,
                    "container_qty": 10.0,
                    "vendor_id": vendor.id,
                }
            )
            self.ids = {
                "vendor": vendor.id,
                "product": product.id,
                "policy": policy.id,
                "loop": loop.id,
            }
            self.barcode = loop.card_ids[0].name
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.env.uid, {})
            lines = env["purchase.order.line"].search(
                [("product_id", "=", self.ids["product"])]
            )
            orders = lines.order_id
            orders.button_cancel()
            orders.unlink()
            loop = env["jit.kanban.loop"].browse(self.ids["loop"])
            loop.with_context(active_test=False).card_ids.unlink()
            loop.unlink()
            env["product.product"].browse(self.ids["product"]).product_tmpl_id.unlink()
            env["res.partner"].browse(self.ids["vendor"]).unlink()
            env["jit.replenishment.policy"].browse(self.ids["policy"]).unlink()

    def _order_lines(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT COUNT(*), SUM(product_qty) FROM purchase_order_line"
                " WHERE product_id = %s",
                [self.ids["product"]],
            )
            return cr.fetchone()

    def test_concurrent_scan_orders_once(self):
        """Session 1 scans the Full card and has not committed yet; session 2
        scans the same card: the row lock refuses it at once (busy), nothing
        is created. Session 1 commits: one RFQ line of 10. Session 2, whose
        snapshot predates that commit, scans again: still nothing (the
        database reports the concurrent update). A fresh scan then says the
        card is already on order. In the end: 1 line, 10 units."""
        cards = "jit.kanban.card"
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1 = api.Environment(cr1, self.env.uid, {})
            env2 = api.Environment(cr2, self.env.uid, {})
            # Session 2 reads first: its snapshot is older than session 1's
            # commit below.
            env2[cards].search([("name", "=", self.barcode)]).read(["state"])

            first = env1[cards]._scan_barcode(self.barcode)
            self.assertEqual(first["status"], "ordered")

            second = env2[cards]._scan_barcode(self.barcode)
            self.assertEqual(second["status"], "busy")
            self.assertIn("another session", second["message"])

            cr1.commit()
            late = env2[cards]._scan_barcode(self.barcode)
            self.assertEqual(late["status"], "busy")
            cr2.rollback()

        self.assertEqual(self._order_lines(), (1, 10.0))
        with self.registry.cursor() as cr3:
            env3 = api.Environment(cr3, self.env.uid, {})
            again = env3[cards]._scan_barcode(self.barcode)
            self.assertEqual(again["status"], "refused")
            self.assertIn("already on order", again["message"])
            card = env3[cards].search([("name", "=", self.barcode)])
            self.assertEqual(card.state, "ordered")
        self.assertEqual(self._order_lines(), (1, 10.0))
