from datetime import datetime

from odoo.tests import TransactionCase


class JitInventoryCase(TransactionCase):
    """A warehouse, a vendor with a 4-day delay, a product and a 95 % policy
    (10-day window, 5-day review period), in a company whose purchase lead days
    add up to 1 day. Tests add done moves at chosen dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.partner_id.tz = "UTC"
        cls.company.po_lead = 1.0
        cls.company.days_to_purchase = 0.0
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        cls.vendor = cls.env["res.partner"].create({"name": "JIT Test Vendor"})
        cls.product = cls.create_product("JIT Widget")
        cls.policy = cls.env["jit.replenishment.policy"].create(
            {
                "name": "Test 95 %",
                "service_level": 95.0,
                "demand_window_days": 10,
                "review_period_days": 5.0,
            }
        )

    @classmethod
    def create_product(cls, name, delay=4, min_qty=0.0, **values):
        return cls.env["product.product"].create(
            {
                "name": name,
                "is_storable": True,
                "route_ids": [
                    (6, 0, [cls.env.ref("purchase_stock.route_warehouse0_buy").id])
                ],
                "seller_ids": [
                    (
                        0,
                        0,
                        {
                            "partner_id": cls.vendor.id,
                            "delay": delay,
                            "min_qty": min_qty,
                            "price": 10.0,
                        },
                    )
                ],
                **values,
            }
        )

    @classmethod
    def create_rule(cls, product, **values):
        return cls.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": product.id,
                "location_id": cls.stock.id,
                "warehouse_id": cls.warehouse.id,
                "product_min_qty": 0.0,
                "product_max_qty": 0.0,
                "jit_policy_id": cls.policy.id,
                "trigger": "manual",
                **values,
            }
        )

    @classmethod
    def done_move(cls, product, source, destination, quantity, date):
        """A done move of ``quantity`` dated ``date`` (a naive UTC datetime or
        an ISO string)."""
        if isinstance(date, str):
            date = datetime.fromisoformat(date)
        move = cls.env["stock.move"].create(
            {
                "name": "JIT test move",
                "product_id": product.id,
                "product_uom_qty": quantity,
                "product_uom": product.uom_id.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
            }
        )
        move._action_confirm()
        move.quantity = quantity
        move.picked = True
        move._action_done()
        move.write({"date": date})
        move.move_line_ids.write({"date": date})
        return move

    @classmethod
    def deliver(cls, product, quantity, date):
        return cls.done_move(product, cls.stock, cls.customers, quantity, date)

    @classmethod
    def put_in_stock(cls, product, quantity, location=None):
        cls.env["stock.quant"]._update_available_quantity(
            product, location or cls.stock, quantity
        )
