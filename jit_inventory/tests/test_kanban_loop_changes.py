from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from tools.loaders import kanban_loops

from .common_kanban import KanbanCase


class RecordingLog:
    """The loader's log, kept as lines."""

    def __init__(self):
        self.lines = []

    def info(self, message, *args):
        self.lines.append(message % args)


@tagged("post_install", "-at_install")
class TestKanbanLoopChanges(KanbanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_vendor = cls.env["res.partner"].create({"name": "Second Vendor"})
        cls.other_product = cls.env["product.product"].create(
            {
                "name": "Kanban Nut",
                "is_storable": True,
                "seller_ids": [
                    Command.create(
                        {"partner_id": cls.vendor.id, "delay": 2, "price": 1.0}
                    ),
                    Command.create(
                        {"partner_id": cls.other_vendor.id, "delay": 3, "price": 1.1}
                    ),
                ],
            }
        )

    def _loop_values(self, loop):
        return (
            loop.product_id,
            loop.location_id,
            loop.company_id,
            loop.source_type,
            loop.vendor_id,
            loop.source_location_id,
        )

    # ------------------------------------------------------------------
    # Cards away block a change of product, location, company or source
    # ------------------------------------------------------------------

    def test_card_on_order_blocks_product_change(self):
        """No demand: 2 cards of 10. Card 1 scanned: Ordered on a line of 10
        Kanban Washer. Changing the product to Kanban Nut is refused, the
        message names the field and card 1 (Ordered) and says what to do;
        product, name and cards are unchanged, and the line's receipt still
        fills card 1: Full again."""
        loop = self._create_loop()
        first, second = loop.card_ids
        self._scan(first)
        name = loop.name

        with self.assertRaises(UserError) as error:
            loop.write({"product_id": self.other_product.id})

        message = str(error.exception)
        self.assertIn("cannot change its Product", message)
        self.assertIn(f"{first.name} (Ordered)", message)
        self.assertNotIn(second.name, message)
        self.assertIn("Wait until these cards come back Full", message)
        self.assertIn("archive the loop and create a new one", message)
        self.assertEqual(loop.product_id, self.product)
        self.assertEqual(loop.name, name)
        self.assertEqual(first.product_id, self.product)
        self.assertEqual(first.state, "ordered")

        order = first.purchase_order_id
        order.button_confirm()
        self._validate(order.picking_ids)
        self.assertEqual(first.state, "full")

    def test_empty_or_received_card_blocks_source_and_location_changes(self):
        """One card Empty: changing the vendor, the source type (to another
        location) or the location is refused each time, the loop keeping
        vendor Kanban Vendor at WH/Stock. The card Received instead: same for
        the company. The product is changed (to Kanban Nut) once both cards are Full."""
        loop = self._create_loop()
        card = loop.card_ids[0]
        before = self._loop_values(loop)
        card.write({"state": "empty"})
        changes = [
            {"vendor_id": self.other_vendor.id},
            {
                "source_type": "location",
                "vendor_id": False,
                "source_location_id": self.reserve.id,
            },
            {"location_id": self.shelf.id},
        ]
        for values in changes:
            with self.subTest(values=values):
                with self.assertRaisesRegex(UserError, rf"{card.name} \(Empty\)"):
                    loop.write(values)
                self.assertEqual(self._loop_values(loop), before)

        card.write({"state": "received"})
        company_b = self.env["res.company"].create({"name": "Kanban Company B"})
        with self.assertRaisesRegex(UserError, r"Company now: .*\(Received\)"):
            loop.write({"company_id": company_b.id})
        self.assertEqual(self._loop_values(loop), before)

        card.write({"state": "full"})
        loop.write({"product_id": self.other_product.id})
        self.assertEqual(loop.product_id, self.other_product)

    def test_other_changes_pass_while_cards_are_away(self):
        """A card on order does not block what leaves the cards' orders
        alone: the container quantity (10 -> 12) and the safety factor, nor
        writing the product and vendor the loop already has."""
        loop = self._create_loop()
        self._scan(loop.card_ids[0])

        loop.write(
            {
                "container_qty": 12.0,
                "safety_factor": 0.5,
                "product_id": self.product.id,
                "vendor_id": self.vendor.id,
            }
        )

        self.assertEqual(loop.container_qty, 12.0)
        self.assertEqual(loop.safety_factor, 0.5)

    # ------------------------------------------------------------------
    # A vendor loop needs a price line of its vendor
    # ------------------------------------------------------------------

    def test_vendor_loop_without_price_line_is_refused(self):
        """Kanban Washer has a price line only for Kanban Vendor. A loop
        buying it from Second Vendor is refused on creation (no loop, no
        card); changing an existing loop's vendor to Second Vendor, or its
        product to one without any price line, is refused too and leaves the
        loop as it was. Kanban Nut has a line for both vendors: accepted."""
        bare = self.env["product.product"].create(
            {"name": "Kanban Pin", "is_storable": True}
        )
        loops = self.env["jit.kanban.loop"]
        cards = self.env["jit.kanban.card"]
        loop_count, card_count = loops.search_count([]), cards.search_count([])

        with self.assertRaises(ValidationError) as error:
            self._create_loop(vendor_id=self.other_vendor.id)
        message = str(error.exception)
        self.assertIn("no price line for this vendor", message)
        self.assertIn("Add Second Vendor on the Purchase tab of the product", message)
        self.env.invalidate_all()
        self.assertEqual(loops.search_count([]), loop_count)
        self.assertEqual(cards.search_count([]), card_count)

        loop = self._create_loop()
        for values in ({"vendor_id": self.other_vendor.id}, {"product_id": bare.id}):
            with self.subTest(values=values):
                with self.assertRaisesRegex(ValidationError, "Purchase tab"):
                    with self.env.cr.savepoint():
                        loop.write(values)
                self.env.invalidate_all()
                self.assertEqual(loop.vendor_id, self.vendor)
                self.assertEqual(loop.product_id, self.product)

        loop.write({"product_id": self.other_product.id})
        loop.write({"vendor_id": self.other_vendor.id})
        self.assertEqual(loop.vendor_id, self.other_vendor)

    def test_vendor_price_line_of_another_company_is_not_enough(self):
        """Kanban Washer's price line for Kanban Vendor belongs to the main
        company. A loop of company B buying it from Kanban Vendor is refused
        until company B (or no company) has a price line for the vendor."""
        company_b = self.env["res.company"].create({"name": "Kanban Company B"})
        warehouse_b = self.env["stock.warehouse"].search(
            [("company_id", "=", company_b.id)], limit=1
        )
        values = {
            "company_id": company_b.id,
            "location_id": warehouse_b.lot_stock_id.id,
            "policy_id": self.policy.copy({"company_id": company_b.id}).id,
        }
        with self.assertRaisesRegex(ValidationError, "Kanban Company B"):
            with self.env.cr.savepoint():
                self._create_loop(**values)

        self.env["product.supplierinfo"].create(
            {
                "product_tmpl_id": self.product.product_tmpl_id.id,
                "partner_id": self.vendor.id,
                "company_id": company_b.id,
                "delay": 4,
            }
        )
        loop = self._create_loop(**values)
        self.assertEqual(loop.company_id, company_b)

    def test_loop_form_refuses_vendor_without_price_line(self):
        """In the form, choosing Second Vendor for Kanban Washer: saving is
        refused with the message."""
        form = Form(self.env["jit.kanban.loop"])
        form.product_id = self.product
        form.location_id = self.stock
        form.policy_id = self.policy
        form.vendor_id = self.other_vendor
        with self.assertRaisesRegex(ValidationError, "no price line"):
            form.save()

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    def test_demo_vendor_loop_scans(self):
        """The demo vendor loop (product_product_7 from res_partner_1, 5 per
        card) has a price line of its vendor: scanning a Full card orders 5
        units on a draft RFQ of res_partner_1."""
        loop = self.env.ref("jit_inventory.demo_kanban_loop_vendor")
        card = loop.card_ids.filtered(lambda card: card.state == "full")[:1]

        result = self._scan(card)

        self.assertEqual(result["status"], "ordered", result["message"])
        self.assertEqual(card.purchase_line_id.product_qty, 5.0)
        self.assertEqual(
            card.purchase_order_id.partner_id, self.env.ref("base.res_partner_1")
        )

    # ------------------------------------------------------------------
    # Real-data loader
    # ------------------------------------------------------------------

    def test_loader_sets_looped_rule_to_manual(self):
        """The loader puts a loop on the JIT rule with the highest usage:
        Kanban Washer at WH/Stock, 300 shipped in 30 days, 10/day (above any
        other rule). Its container is ceil(10 x 3) = 30. The rule, automatic
        before, is manual afterwards (it keeps its demand: 10/day), and the
        log says so. 1,000 units in stock hold all the loop's cards (10/day
        x (lead time + review period) x 1.2, plus a container), and nothing is
        on order, so the loader may start the loop with every card Full."""
        self._ship(300, days_ago=2)
        self.env["stock.quant"]._update_available_quantity(
            self.product, self.stock, 1000.0
        )
        rule = self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.product.id,
                "location_id": self.stock.id,
                "warehouse_id": self.warehouse.id,
                "jit_policy_id": self.policy.id,
                "trigger": "auto",
            }
        )
        rule.action_jit_recompute()
        self.assertAlmostEqual(rule.jit_average_daily_usage, 10.0)
        self.assertEqual(rule.trigger, "auto")

        log = RecordingLog()
        kanban_loops.load(self.env, log, sample_size=1)

        loop = self.env["jit.kanban.loop"].search(
            [("product_id", "=", self.product.id)]
        )
        self.assertEqual(loop.location_id, self.stock)
        self.assertEqual(loop.container_qty, 30.0)
        self.assertEqual(rule.trigger, "manual")
        self.assertAlmostEqual(rule.jit_average_daily_usage, 10.0)
        self.assertIn(
            f"kanban loops: rule {rule.display_name} set to manual; its loop "
            "replenishes it",
            log.lines,
        )
