from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase


class ReadinessCase(TransactionCase):
    """A company of its own (so demo vendors do not move averages), in New
    York time (UTC-5 in winter), with helpers to buy, receive and return.

    Dates are naive UTC datetimes, as Odoo stores them. New York midnight is
    05:00 UTC in winter.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env["res.company"].create(
            {
                "name": "Readiness Test Co",
                "currency_id": cls.env.ref("base.USD").id,
                "jit_scorecard_grace_days": 0,
                "jit_scorecard_prior_receipts": 5,
            }
        )
        cls.company.partner_id.tz = "America/New_York"
        cls.env.user.company_ids |= cls.company
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=[cls.company.id],
            )
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.category = cls.env["product.category"].create({"name": "Readiness Dry"})
        cls.vendor = cls._create_vendor("Punctual Parts")
        cls.other_vendor = cls._create_vendor("Slow Supplies")
        cls.Scorecard = cls.env["jit.supplier.scorecard"]
        cls.Performance = cls.env["jit.supplier.performance"]

    @classmethod
    def _create_vendor(cls, name):
        return cls.env["res.partner"].create({"name": name, "is_company": True})

    @classmethod
    def _create_product(cls, name, vendors=(), category=None, **values):
        return cls.env["product.product"].create(
            {
                "name": name,
                "type": "consu",
                "is_storable": True,
                "categ_id": (category or cls.category).id,
                "seller_ids": [
                    Command.create(
                        {
                            "partner_id": vendor.id,
                            "price": 10.0,
                            "company_id": cls.company.id,
                        }
                    )
                    for vendor in vendors
                ],
                **values,
            }
        )

    @classmethod
    def _buy(cls, vendor, lines, confirmed_at, planned_at):
        """Confirm a PO at ``confirmed_at`` (UTC).

        :param lines: [(product, quantity, unit price)]
        :param planned_at: expected arrival (UTC) of every line
        """
        order = cls.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "company_id": cls.company.id,
                "picking_type_id": cls.warehouse.in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": quantity,
                            "price_unit": price,
                            "date_planned": planned_at,
                        }
                    )
                    for product, quantity, price in lines
                ],
            }
        )
        with freeze_time(confirmed_at):
            order.button_confirm()
        return order

    @classmethod
    def _receive(cls, order, quantities, done_at, backorder=True):
        """Validate the order's waiting receipt at ``done_at`` (UTC).

        :param quantities: {product: quantity received}; products left out
            receive nothing
        :param backorder: keep the rest as a backorder (else cancel it)
        """
        picking = order.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        picking.ensure_one()
        for move in picking.move_ids:
            move.quantity = quantities.get(move.product_id, 0.0)
            move.picked = True
        context = {"skip_backorder": True}
        if not backorder:
            context["picking_ids_not_to_backorder"] = picking.ids
        with freeze_time(done_at):
            picking.with_context(**context).button_validate()
        return picking

    @classmethod
    def _return(cls, picking, quantity, done_at):
        """Send ``quantity`` of the receipt's first product back to the vendor."""
        wizard = (
            cls.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({})
        )
        wizard.product_return_moves.quantity = quantity
        result = wizard.action_create_returns()
        returned = cls.env["stock.picking"].browse(result["res_id"])
        for move in returned.move_ids:
            move.quantity = quantity
            move.picked = True
        with freeze_time(done_at):
            returned.button_validate()
        return returned

    def _card(self, vendor, day, period_type="month", as_of=None):
        """Compute the period holding ``day`` and return the vendor's card."""
        cards = self.Scorecard._compute_period(
            self.company, period_type, day, as_of=as_of or date(2026, 12, 31)
        )
        return cards.filtered(lambda card: card.partner_id == vendor)

    @staticmethod
    def utc(*args):
        return datetime(*args)
