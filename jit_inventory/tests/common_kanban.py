"""Shared base of the kanban loop tests: a company with purchase lead days, a
vendor with a promised delay, a stocked product bought from it, a policy, and
helpers to make demand history and to receive goods."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase


class KanbanCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        # Lead time of the vendor loops: 4 days promised + 1 purchase lead day
        # + 0 days to purchase = 5 days.
        cls.company.write(
            {"po_lead": 1.0, "days_to_purchase": 0.0, "jit_lost_card_days": 30}
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.shelf = cls.env["stock.location"].create(
            {"name": "Kanban shelf", "location_id": cls.stock.id}
        )
        cls.reserve = cls.env["stock.location"].create(
            {"name": "Kanban reserve", "location_id": cls.stock.id}
        )
        cls.customer = cls.env.ref("stock.stock_location_customers")
        cls.supplier_location = cls.env.ref("stock.stock_location_suppliers")
        cls.vendor = cls.env["res.partner"].create({"name": "Kanban Vendor"})
        cls.product = cls.env["product.product"].create(
            {
                "name": "Kanban Washer",
                "is_storable": True,
                "standard_price": 2.0,
                "seller_ids": [
                    Command.create(
                        {"partner_id": cls.vendor.id, "delay": 4, "price": 2.0}
                    )
                ],
            }
        )
        cls.policy = cls.env["jit.replenishment.policy"].create(
            {
                "name": "Kanban test policy",
                "demand_window_days": 30,
                "review_period_days": 7.0,
            }
        )

    @classmethod
    def _create_loop(cls, **values):
        vals = {
            "product_id": cls.product.id,
            "location_id": cls.stock.id,
            "policy_id": cls.policy.id,
            "container_qty": 10.0,
            "source_type": "vendor",
            "vendor_id": cls.vendor.id,
            "review_period_days": 7.0,
            "safety_factor": 0.25,
        }
        vals.update(values)
        return cls.env["jit.kanban.loop"].create(vals)

    @classmethod
    def _ship(cls, quantity, days_ago, product=None, location=None):
        """A done delivery of ``quantity`` to a customer ``days_ago`` days
        ago (demand history)."""
        product = product or cls.product
        location = location or cls.stock
        cls.env["stock.quant"]._update_available_quantity(product, location, quantity)
        move = cls.env["stock.move"].create(
            {
                "name": "Kanban test delivery",
                "product_id": product.id,
                "product_uom_qty": quantity,
                "product_uom": product.uom_id.id,
                "location_id": location.id,
                "location_dest_id": cls.customer.id,
            }
        )
        move._action_confirm()
        move._action_assign()
        move.write({"quantity": quantity, "picked": True})
        move._action_done()
        move.write({"date": fields.Datetime.now() - timedelta(days=days_ago)})
        return move

    def _scan(self, card):
        return self.env["jit.kanban.card"]._scan_barcode(card.name)

    def _validate(self, picking, quantities=None, backorder=True):
        """Validate ``picking`` with ``quantities`` (product -> quantity; all of
        it by default), keeping or cancelling the rest."""
        picking.action_assign()
        for move in picking.move_ids:
            quantity = (quantities or {}).get(move.product_id, move.product_uom_qty)
            move.write({"quantity": quantity, "picked": True})
        context = {"skip_backorder": True}
        if not backorder:
            context["picking_ids_not_to_backorder"] = picking.ids
        picking.with_context(**context).button_validate()
        return picking
