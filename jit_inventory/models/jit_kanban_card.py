import logging
from datetime import timedelta

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import float_compare, float_is_zero

_logger = logging.getLogger(__name__)

CARD_STATES = [
    ("full", "Full"),
    ("empty", "Empty"),
    ("ordered", "Ordered"),
    ("received", "Received"),
    ("retired", "Retired"),
]
# Cards whose replenishment is under way: stock moves can move them on.
OPEN_STATES = ("ordered", "received")


class JitKanbanCard(models.Model):
    """One kanban card of a loop. It travels with a container: scanning it when
    the container is emptied orders one container quantity; the goods put away
    in the loop's location bring it back to Full."""

    _name = "jit.kanban.card"
    _description = "JIT Kanban Card"
    _inherit = ["mail.thread"]
    _order = "loop_id, id"
    _rec_name = "name"

    name = fields.Char(
        string="Barcode",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        default=lambda self: self._default_barcode(),
        help="Unique barcode printed on the card; a hand scanner types it on the "
        "scan screen.",
    )
    active = fields.Boolean(
        default=True, help="Retired cards are archived and kept for the record."
    )
    loop_id = fields.Many2one(
        "jit.kanban.loop",
        string="Loop",
        required=True,
        index=True,
        ondelete="cascade",
        help="Loop the card belongs to.",
    )
    company_id = fields.Many2one(
        related="loop_id.company_id",
        store=True,
        index=True,
        help="Company of the card's loop.",
    )
    product_id = fields.Many2one(
        related="loop_id.product_id",
        store=True,
        index=True,
        help="Product the card brings back.",
    )
    location_id = fields.Many2one(
        related="loop_id.location_id", help="Location where the container lives."
    )
    container_qty = fields.Float(
        related="loop_id.container_qty", help="Quantity the card brings back."
    )
    product_uom_id = fields.Many2one(
        related="loop_id.product_uom_id", help="Unit of the container quantity."
    )
    source_display = fields.Char(
        string="Source",
        compute="_compute_source_display",
        help="Vendor or location the card is replenished from.",
    )
    state = fields.Selection(
        CARD_STATES,
        required=True,
        default="full",
        readonly=True,
        tracking=True,
        index=True,
        help="Full: container in use. Empty: scanned, or its order was cancelled "
        "(reorder it from the card). Ordered: a purchase or transfer line exists. "
        "Received: goods in the warehouse, not yet put away in the loop's "
        "location. Retired: taken out when the loop shrank.",
    )
    date_last_seen = fields.Datetime(
        string="Last Seen",
        default=fields.Datetime.now,
        readonly=True,
        help="Last time the card was scanned, counted or came back with goods.",
    )
    date_emptied = fields.Datetime(
        string="Emptied On",
        readonly=True,
        help="When the card was last scanned empty; orders cards sharing one "
        "purchase line.",
    )
    is_lost = fields.Boolean(
        string="Lost",
        compute="_compute_is_lost",
        search="_search_is_lost",
        help="In circulation and not seen for more than the company's lost-card "
        "days (Settings > Just in Time). Count the loop's cards to find it.",
    )
    purchase_line_id = fields.Many2one(
        "purchase.order.line",
        string="Purchase Line",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="Request-for-quotation line that replenishes the card.",
    )
    purchase_order_id = fields.Many2one(
        related="purchase_line_id.order_id",
        string="Purchase Order",
        help="Purchase order of the replenishment.",
    )
    move_id = fields.Many2one(
        "stock.move",
        string="Transfer Move",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="Internal transfer move that replenishes the card from the source "
        "location.",
    )
    picking_id = fields.Many2one(
        related="move_id.picking_id",
        string="Transfer",
        help="Internal transfer of the replenishment.",
    )
    ordered_qty = fields.Float(
        string="Ordered Quantity",
        readonly=True,
        digits="Product Unit of Measure",
        help="Container quantity of the loop when the card was last scanned: the "
        "quantity its replenishment brings back.",
    )
    received_qty = fields.Float(
        string="Received Quantity",
        readonly=True,
        digits="Product Unit of Measure",
        help="Quantity of the card's container that reached the warehouse.",
    )
    put_away_qty = fields.Float(
        string="Put-away Quantity",
        readonly=True,
        digits="Product Unit of Measure",
        help="Quantity of the card's container put away in the loop's location.",
    )

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "Each kanban card barcode must be unique."),
    ]

    @api.model
    def _default_barcode(self):
        return self.env["ir.sequence"].sudo().next_by_code("jit.kanban.card") or "/"

    @api.depends(
        "loop_id.source_type", "loop_id.vendor_id", "loop_id.source_location_id"
    )
    def _compute_source_display(self):
        for card in self:
            loop = card.loop_id
            if loop.source_type == "location":
                card.source_display = loop.source_location_id.display_name
            else:
                card.source_display = loop.vendor_id.display_name

    @api.model
    def _lost_threshold(self, company):
        return fields.Datetime.now() - timedelta(days=company.jit_lost_card_days or 30)

    @api.depends("date_last_seen", "state")
    def _compute_is_lost(self):
        for card in self:
            card.is_lost = bool(
                card.state in ("full", "empty", "ordered", "received")
                and card.date_last_seen
                and card.date_last_seen < self._lost_threshold(card.company_id)
            )

    def _search_is_lost(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search lost cards with = True or = False."))
        companies = self.env["res.company"].sudo().search([])
        lost_domain = expression.AND(
            [
                [("state", "in", ("full", "empty", "ordered", "received"))],
                expression.OR(
                    [
                        [
                            ("company_id", "=", company.id),
                            ("date_last_seen", "<", self._lost_threshold(company)),
                        ]
                        for company in companies
                    ]
                ),
            ]
        )
        if (operator == "=") == value:
            return lost_domain
        return ["!", *expression.normalize_domain(lost_domain)]

    # ------------------------------------------------------------------
    # Scanning
    # ------------------------------------------------------------------

    @api.model
    def _scan_barcode(self, barcode):
        """Scan a barcode as a hand scanner types it.

        :return: dict with ``status`` (``ordered``, ``refused``, ``busy`` or
            ``unknown``), a ``message`` for the user, and the ``card``, and
            ``purchase_line`` or ``move`` created, when there are.
        """
        result = self._scan_barcode_card(barcode)
        if not result.get("card"):
            return result
        return result["card"]._scan()

    @api.model
    def _scan_barcode_card(self, barcode):
        """The card of a barcode, among the user's companies, or the message
        saying it is unknown."""
        barcode = (barcode or "").strip()
        card = self.browse()
        if barcode:
            card = self.with_context(active_test=False).search(
                [("name", "=", barcode)], limit=1
            )
        if not card:
            return {
                "status": "unknown",
                "message": self.env._(
                    "No kanban card has the barcode %(barcode)s in your companies. "
                    "Check the label, or find the card under Kanban Cards.",
                    barcode=barcode or self.env._("(empty)"),
                ),
                "card": card,
            }
        return {"card": card}

    @api.model
    def _count_barcode(self, barcode):
        """Card count: mark the card seen without ordering anything."""
        result = self._scan_barcode_card(barcode)
        card = result.get("card")
        if not card:
            return result
        card.sudo().write({"date_last_seen": fields.Datetime.now()})
        return {
            "status": "counted",
            "message": self.env._(
                "Card %(card)s of loop %(loop)s counted (state %(state)s); nothing "
                "was ordered.",
                card=card.name,
                loop=card.loop_id.name,
                state=dict(CARD_STATES)[card.state],
            ),
            "card": card,
        }

    def _scan(self):
        """Empty a Full card and create its replenishment, once.

        The card row is locked with ``FOR UPDATE NOWAIT`` on the condition
        ``state = 'full'`` (and its loop active): a second session scanning the
        same card at the same moment gets a lock error, or no row once the
        first has committed, and creates nothing, whatever the timing. The
        state change and the replenishment run in one savepoint: if the
        replenishment cannot be created the card stays Full.
        """
        self.ensure_one()
        card = self.sudo()
        card.flush_recordset()
        card.loop_id.flush_recordset(["active"])
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    """
                    SELECT card.id
                      FROM jit_kanban_card card
                      JOIN jit_kanban_loop kanban_loop ON kanban_loop.id = card.loop_id
                     WHERE card.id = %s
                       AND card.state = 'full'
                       AND card.active
                       AND kanban_loop.active
                       FOR UPDATE OF card NOWAIT
                    """,
                    [card.id],
                )
                locked = self.env.cr.fetchone()
        except (pg_errors.LockNotAvailable, pg_errors.SerializationFailure):
            return {
                "status": "busy",
                "message": self.env._(
                    "Card %(card)s is being scanned in another session right now; "
                    "nothing was ordered here. Scan it again in a moment to see "
                    "its state.",
                    card=card.name,
                ),
                "card": self,
            }
        if not locked:
            card.invalidate_recordset(["state", "active"])
            return {
                "status": "refused",
                "message": card._refusal_message(),
                "card": self,
            }

        # A replenishment that fails leaves the card Full and nothing created.
        with self.env.cr.savepoint():
            now = fields.Datetime.now()
            card.write({"state": "empty", "date_last_seen": now, "date_emptied": now})
            result = card._create_replenishment()
        result.update(status="ordered", card=self)
        return result

    def _refusal_message(self):
        """Why scanning this card orders nothing."""
        self.ensure_one()
        loop = self.loop_id
        if not loop.active:
            return self.env._(
                "Card %(card)s belongs to the archived loop %(loop)s; nothing was "
                "ordered. Take the card out of circulation.",
                card=self.name,
                loop=loop.name,
            )
        if self.state == "empty":
            return self.env._(
                "Card %(card)s is Empty: its last replenishment was cancelled. "
                "Nothing was ordered; open the card and click Reorder to order it "
                "again.",
                card=self.name,
            )
        if self.state == "ordered":
            return self.env._(
                "Card %(card)s is already on order (%(document)s); nothing more was "
                "ordered. It comes back Full when the goods are put away in "
                "%(location)s.",
                card=self.name,
                document=self._replenishment_name(),
                location=loop.location_id.display_name,
            )
        if self.state == "received":
            return self.env._(
                "Card %(card)s has been received (%(document)s) and waits to be put "
                "away in %(location)s; nothing was ordered.",
                card=self.name,
                document=self._replenishment_name(),
                location=loop.location_id.display_name,
            )
        return self.env._(
            "Card %(card)s was retired when loop %(loop)s shrank; nothing was "
            "ordered. Take it out of circulation.",
            card=self.name,
            loop=loop.name,
        )

    def _replenishment_name(self):
        self.ensure_one()
        if self.purchase_line_id:
            return self.purchase_line_id.order_id.name
        if self.move_id:
            return self.move_id.picking_id.name or self.move_id.reference
        return self.env._("no document")

    def _create_replenishment(self):
        """Create the replenishment of one emptied card, meant to be overridden:
        a line of the vendor's open request for quotation, or an internal
        transfer. The card becomes Ordered."""
        self.ensure_one()
        loop = self.loop_id
        if loop.source_type == "location":
            move = self._create_transfer()
            self.write(self._ordered_vals(move_id=move.id))
            message = self.env._(
                "Card %(card)s emptied: internal transfer %(picking)s brings "
                "%(qty)s %(uom)s of %(product)s from %(origin)s to %(location)s.",
                card=self.name,
                picking=move.picking_id.name,
                qty=loop.container_qty,
                uom=loop.product_uom_id.name,
                product=loop.product_id.display_name,
                origin=loop.source_location_id.display_name,
                location=loop.location_id.display_name,
            )
            self.message_post(body=message)
            return {"message": message, "move": move, "picking": move.picking_id}

        line = self._create_purchase_line()
        self.write(self._ordered_vals(purchase_line_id=line.id))
        message = self.env._(
            "Card %(card)s emptied: %(qty)s %(uom)s of %(product)s added to request "
            "for quotation %(order)s of %(vendor)s (line quantity now %(line_qty)s).",
            card=self.name,
            qty=loop.container_qty,
            uom=loop.product_uom_id.name,
            product=loop.product_id.display_name,
            order=line.order_id.name,
            vendor=line.order_id.partner_id.display_name,
            line_qty=line.product_qty,
        )
        self.message_post(body=message)
        return {
            "message": message,
            "purchase_line": line,
            "purchase_order": line.order_id,
        }

    def _ordered_vals(self, purchase_line_id=False, move_id=False):
        return {
            "state": "ordered",
            "purchase_line_id": purchase_line_id,
            "move_id": move_id,
            "ordered_qty": self.loop_id.container_qty,
            "received_qty": 0.0,
            "put_away_qty": 0.0,
        }

    def _create_purchase_line(self):
        """Order one container through Odoo's buy rule, as a reorder rule
        would: the quantity joins the vendor's open request for quotation (and
        its line for the product) when there is one."""
        self.ensure_one()
        loop = self.loop_id
        warehouse = loop.warehouse_id
        route = warehouse.buy_pull_id.route_id
        seller = loop._vendor_seller()
        if not route:
            raise UserError(
                self.env._(
                    "Card %(card)s cannot be ordered: warehouse %(warehouse)s has no "
                    "Buy route. Check the warehouse's purchase settings.",
                    card=self.name,
                    warehouse=warehouse.name,
                )
            )
        if not seller:
            raise UserError(
                self.env._(
                    "Card %(card)s cannot be ordered: product %(product)s has no "
                    "price line for vendor %(vendor)s. Add one on the product's "
                    "Purchase tab.",
                    card=self.name,
                    product=loop.product_id.display_name,
                    vendor=loop.vendor_id.display_name,
                )
            )
        lines = self.env["purchase.order.line"].sudo()
        line_domain = [
            ("product_id", "=", loop.product_id.id),
            ("order_id.partner_id", "=", seller.partner_id.id),
            ("order_id.company_id", "=", loop.company_id.id),
            ("order_id.state", "=", "draft"),
        ]
        before = {line.id: line.product_qty for line in lines.search(line_domain)}

        procurement_group = self.env["procurement.group"]
        values = {
            "route_ids": route,
            "warehouse_id": warehouse,
            "company_id": loop.company_id,
            "date_planned": fields.Datetime.now() + timedelta(days=loop.lead_time_days),
            "supplierinfo_id": seller,
            "orderpoint_id": False,
            "move_dest_ids": self.env["stock.move"],
            "group_id": False,
        }
        procurement = procurement_group.Procurement(
            loop.product_id,
            loop.container_qty,
            loop.product_uom_id,
            loop.location_id,
            self.name,
            self.env._("Kanban %(card)s", card=self.name),
            loop.company_id,
            values,
        )
        procurement_group.sudo().with_company(loop.company_id).run([procurement])

        lines.invalidate_model(["product_qty"])
        rounding = loop.product_uom_id.rounding
        for line in lines.search(line_domain, order="id desc"):
            if (
                line.id not in before
                or float_compare(
                    line.product_qty, before[line.id], precision_rounding=rounding
                )
                > 0
            ):
                return line
        raise UserError(
            self.env._(
                "Card %(card)s: the buy rule created no purchase line for %(product)s; "
                "check the Buy route of warehouse %(warehouse)s.",
                card=self.name,
                product=loop.product_id.display_name,
                warehouse=warehouse.name,
            )
        )

    def _create_transfer(self):
        """Internal transfer of one container from the loop's source location."""
        self.ensure_one()
        loop = self.loop_id
        picking_type = loop.warehouse_id.int_type_id
        picking = (
            self.env["stock.picking"]
            .sudo()
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "location_id": loop.source_location_id.id,
                    "location_dest_id": loop.location_id.id,
                    "origin": self.env._("Kanban %(card)s", card=self.name),
                    "company_id": loop.company_id.id,
                    "move_ids": [
                        fields.Command.create(
                            {
                                "name": self.name,
                                "product_id": loop.product_id.id,
                                "product_uom_qty": loop.container_qty,
                                "product_uom": loop.product_uom_id.id,
                                "location_id": loop.source_location_id.id,
                                "location_dest_id": loop.location_id.id,
                                "company_id": loop.company_id.id,
                                "jit_kanban_card_id": self.id,
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        return picking.move_ids[:1]

    # ------------------------------------------------------------------
    # Goods coming back
    # ------------------------------------------------------------------

    @api.model
    def _jit_on_moves_done(self, moves, related_moves):
        """Move cards on as their goods arrive: quantity from a vendor (or the
        card's own transfer) counts as received, quantity put away in the loop's
        location (or a child) counts as put away. Quantities are shared among
        the cards of one purchase line in the order they were emptied. A card
        becomes Received when its container quantity is received and Full when
        it is put away. Cards of ``related_moves`` with nothing left to come
        (no backorder) are then closed."""
        if not self._jit_has_open_cards(moves | related_moves):
            return
        moves = moves.filtered(lambda move: move.state == "done")
        cards = self.browse()
        if moves:
            cards = self.sudo().search(
                [
                    ("state", "in", OPEN_STATES),
                    ("product_id", "in", moves.product_id.ids),
                ],
                order="date_emptied, id",
            )
        touched = self.browse()
        for move in moves if cards else []:
            origin_line = move._jit_kanban_origin()[0]
            move_cards = cards.filtered(
                lambda card, line=origin_line, move=move: (
                    line and card.purchase_line_id == line
                )
                or card == move.jit_kanban_card_id
            )
            if not move_cards:
                continue
            quantity = move.product_uom._compute_quantity(
                move.quantity, move.product_id.uom_id, round=False
            )
            loop_path = move_cards[0].loop_id.location_id.parent_path
            if move.location_id.usage == "supplier" or move.jit_kanban_card_id:
                move_cards._jit_allocate("received_qty", quantity)
            if move.location_dest_id.parent_path.startswith(loop_path):
                move_cards._jit_allocate("put_away_qty", quantity)
            touched |= move_cards
        touched._jit_update_states(moves)
        self._jit_cards_of_moves(related_moves)._jit_close_if_nothing_left()

    @api.model
    def _jit_has_open_cards(self, records):
        """Whether any card of the products of ``records`` (moves, lines or
        products) is on order: one cheap query that keeps Odoo's own flows
        untouched when no loop is in use."""
        products = records if records._name == "product.product" else records.product_id
        if not products:
            return False
        return bool(
            self.sudo().search_count(
                [("state", "in", OPEN_STATES), ("product_id", "in", products.ids)],
                limit=1,
            )
        )

    @api.model
    def _jit_cards_of_moves(self, moves):
        """Open cards replenished by ``moves`` (directly or down their chain)."""
        if not moves:
            return self.browse()
        lines = moves._jit_kanban_origin_lines()
        return self.sudo().search(
            [
                ("state", "in", OPEN_STATES),
                "|",
                ("purchase_line_id", "in", lines.ids),
                ("id", "in", moves.jit_kanban_card_id.ids),
            ]
        )

    def _jit_allocate(self, fname, quantity):
        """Share ``quantity`` among the cards in ``self`` (in order), filling
        each one up to its container quantity."""
        for card in self:
            if float_is_zero(quantity, precision_rounding=card.product_uom_id.rounding):
                break
            room = max(card.ordered_qty - card[fname], 0.0)
            taken = min(room, quantity)
            if taken > 0:
                card[fname] += taken
                quantity -= taken

    def _jit_update_states(self, moves):
        """Received or Full from the quantities counted on each card."""
        reference = ", ".join(moves.picking_id.mapped("name")) or moves[:1].reference
        for card in self:
            rounding = card.product_uom_id.rounding
            full = card.ordered_qty
            if float_compare(card.put_away_qty, full, precision_rounding=rounding) >= 0:
                card._jit_back_to_full(
                    self.env._(
                        "Card %(card)s is Full again: %(qty)s %(uom)s put away in "
                        "%(location)s (%(reference)s).",
                        card=card.name,
                        qty=card.put_away_qty,
                        uom=card.product_uom_id.name,
                        location=card.location_id.display_name,
                        reference=reference,
                    )
                )
            elif (
                card.state == "ordered"
                and float_compare(card.received_qty, full, precision_rounding=rounding)
                >= 0
            ):
                card.state = "received"
                card.message_post(
                    body=self.env._(
                        "Card %(card)s received in the warehouse (%(reference)s); it "
                        "comes back Full when put away in %(location)s.",
                        card=card.name,
                        reference=reference,
                        location=card.location_id.display_name,
                    )
                )
            else:
                card.message_post(
                    body=self.env._(
                        "Card %(card)s partly arrived (%(reference)s): %(received)s of "
                        "%(qty)s %(uom)s received, %(put_away)s put away. It stays "
                        "%(state)s until the rest arrives.",
                        card=card.name,
                        reference=reference,
                        received=card.received_qty,
                        put_away=card.put_away_qty,
                        qty=full,
                        uom=card.product_uom_id.name,
                        state=dict(CARD_STATES)[card.state],
                    )
                )

    def _jit_back_to_full(self, message):
        self.ensure_one()
        self.write(
            {
                "state": "full",
                "date_last_seen": fields.Datetime.now(),
                "received_qty": 0.0,
                "put_away_qty": 0.0,
            }
        )
        self.message_post(body=message)
        self.loop_id._retire_surplus_cards()

    @api.model
    def _jit_on_replenishment_cancelled(self, lines=None, moves=None):
        """Cards whose purchase lines or moves were cancelled."""
        if not self._jit_has_open_cards(
            (moves or self.env["stock.move"]).product_id
            | (lines or self.env["purchase.order.line"]).product_id
        ):
            return
        cards = self._jit_cards_of_moves(moves or self.env["stock.move"])
        if lines:
            cards |= self.sudo().search(
                [("state", "in", OPEN_STATES), ("purchase_line_id", "in", lines.ids)]
            )
        cards._jit_close_if_nothing_left()

    def _jit_close_if_nothing_left(self):
        """Cards whose replenishment has nothing left to come: a card with
        nothing put away goes back to Empty, a card with part of its container
        put away goes back to Full (the goods are in the bin), each with a
        message. A backorder or an RFQ still open keeps the card as it is."""
        for card in self:
            if card.state not in OPEN_STATES or card._jit_replenishment_still_open():
                continue
            document = card._replenishment_name()
            rounding = card.product_uom_id.rounding
            if float_is_zero(card.put_away_qty, precision_rounding=rounding):
                card.write({"state": "empty", "received_qty": 0.0})
                card.message_post(
                    body=self.env._(
                        "Card %(card)s is Empty: its replenishment %(document)s was "
                        "cancelled before its goods reached %(location)s. Click "
                        "Reorder on the card to order again.",
                        card=card.name,
                        document=document,
                        location=card.location_id.display_name,
                    )
                )
            else:
                card._jit_back_to_full(
                    self.env._(
                        "Card %(card)s is Full with a short container: %(put_away)s "
                        "of %(qty)s %(uom)s arrived and nothing more will come from "
                        "%(document)s.",
                        card=card.name,
                        put_away=card.put_away_qty,
                        qty=card.ordered_qty,
                        uom=card.product_uom_id.name,
                        document=document,
                    )
                )

    def _jit_replenishment_still_open(self):
        """Whether goods of the card's replenishment may still arrive: an RFQ
        or purchase line not cancelled with moves still to do (or none created
        yet), or a transfer move (or its follow-up moves) not done."""
        self.ensure_one()
        line = self.purchase_line_id
        if line:
            if line.order_id.state == "cancel" or line.state == "cancel":
                return False
            if line.order_id.state in ("draft", "sent", "to approve"):
                return True
            pending = line.move_ids
        else:
            pending = self.env["stock.move"].search(
                [("jit_kanban_card_id", "=", self.id)]
            )
        seen = self.env["stock.move"]
        while pending:
            if any(move.state not in ("done", "cancel") for move in pending):
                return True
            seen |= pending
            pending = pending.move_dest_ids - seen
        return False

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_open_scan(self):
        """Scan screen with this card already scanned."""
        self.ensure_one()
        wizard = self.env["jit.kanban.scan"].create({"barcode": self.name})
        wizard.action_scan()
        return wizard._action_open()

    def action_reorder(self):
        """Order an Empty card again (after its order was cancelled)."""
        for card in self:
            if card.state != "empty":
                raise UserError(
                    self.env._(
                        "Card %(card)s is %(state)s; only Empty cards can be "
                        "reordered.",
                        card=card.name,
                        state=dict(CARD_STATES)[card.state],
                    )
                )
            card.sudo().write({"state": "full"})
            result = card._scan()
            if result["status"] != "ordered":
                raise UserError(result["message"])
        return True

    def action_mark_seen(self):
        """Card count: the card is where it should be."""
        self.sudo().write({"date_last_seen": fields.Datetime.now()})
        return True
