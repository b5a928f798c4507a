import threading
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase


class WorklistCase(TransactionCase):
    """Shared base of the worklist, alert and cash tests: one company in UTC
    without purchase lead days, its warehouse, a vendor with a buyer, a
    policy, and helpers that receive and deliver goods with real done moves
    (dated in the past when asked)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo's own test runner marks the thread as testing, so that scheduled
        # jobs do not commit; pytest-odoo does not.
        thread = threading.current_thread()
        cls.addClassCleanup(
            setattr, thread, "testing", getattr(thread, "testing", False)
        )
        thread.testing = True
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_notrack=True)
        )
        cls.company = cls.env.company
        cls._prepare_company(cls.company)
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.buyer = cls.env["res.users"].create(
            {
                "name": "Bea Buyer",
                "login": "jit_worklist_buyer",
                "groups_id": [
                    Command.link(cls.env.ref("purchase.group_purchase_user").id)
                ],
            }
        )
        cls.vendor = cls.env["res.partner"].create(
            {"name": "Worklist Vendor", "buyer_id": cls.buyer.id}
        )
        cls.policy = cls.env["jit.replenishment.policy"].create(
            {
                "name": "Worklist 95 %",
                "service_level": 95.0,
                "demand_window_days": 10,
                "review_period_days": 5.0,
                "apply_mode": "suggest",
            }
        )

    @classmethod
    def _prepare_company(cls, company):
        company.partner_id.tz = "UTC"
        company.write({"po_lead": 0.0, "days_to_purchase": 0.0})

    @classmethod
    def _create_product(cls, name, cost=0.0, vendor=None, category=None, company=None):
        values = {
            "name": name,
            "is_storable": True,
            "route_ids": [
                Command.link(cls.env.ref("purchase_stock.route_warehouse0_buy").id)
            ],
        }
        if category:
            values["categ_id"] = category.id
        if vendor:
            values["seller_ids"] = [
                Command.create({"partner_id": vendor.id, "delay": 5, "price": cost})
            ]
        product = cls.env["product.product"].create(values)
        product.with_company(company or cls.company).standard_price = cost
        return product

    @classmethod
    def _create_rule(
        cls, product, minimum=0.0, maximum=0.0, warehouse=None, policy=None
    ):
        warehouse = warehouse or cls.warehouse
        return cls.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": product.id,
                "warehouse_id": warehouse.id,
                "location_id": warehouse.lot_stock_id.id,
                "company_id": warehouse.company_id.id,
                "product_min_qty": minimum,
                "product_max_qty": maximum,
                "jit_policy_id": (policy or cls.policy).id,
                "trigger": "manual",
            }
        )

    @classmethod
    def _move(cls, product, quantity, source, destination, days_ago=0, **extra):
        """A done move of ``quantity`` from ``source`` to ``destination``,
        dated ``days_ago`` days back when asked."""
        company = destination.company_id or source.company_id
        move = cls.env["stock.move"].create(
            {
                "name": product.name,
                "product_id": product.id,
                "product_uom_qty": quantity,
                "product_uom": product.uom_id.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "company_id": company.id,
                **extra,
            }
        )
        move._action_confirm()
        move._action_assign()
        move.quantity = quantity
        move.picked = True
        move._action_done()
        if days_ago:
            move.date = fields.Datetime.now() - timedelta(days=days_ago)
            move.move_line_ids.date = move.date
        return move

    @classmethod
    def _receive(cls, product, quantity, warehouse=None, days_ago=0, unit_cost=None):
        warehouse = warehouse or cls.warehouse
        extra = {}
        if unit_cost is not None:
            extra["price_unit"] = unit_cost
        return cls._move(
            product,
            quantity,
            cls.env.ref("stock.stock_location_suppliers"),
            warehouse.lot_stock_id,
            days_ago,
            **extra,
        )

    @classmethod
    def _deliver(cls, product, quantity, warehouse=None, days_ago=0, **extra):
        warehouse = warehouse or cls.warehouse
        return cls._move(
            product,
            quantity,
            warehouse.lot_stock_id,
            cls.env.ref("stock.stock_location_customers"),
            days_ago,
            **extra,
        )

    def _worklist(self, rules):
        """Worklist lines of ``rules``, in the worklist's order."""
        self.env.flush_all()
        return self.env["jit.worklist.line"].search(
            [("orderpoint_id", "in", rules.ids)]
        )
