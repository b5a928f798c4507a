from odoo import fields, models


class JitKanbanScan(models.TransientModel):
    """Scan screen: a hand scanner types a card's barcode and Enter; the screen
    shows what the scan did and is ready for the next card."""

    _name = "jit.kanban.scan"
    _description = "Scan Kanban Cards"

    barcode = fields.Char(
        help="Scan a kanban card here (or type its barcode and press Enter).",
    )
    mode = fields.Selection(
        [("replenish", "Replenish"), ("count", "Count cards")],
        required=True,
        default="replenish",
        help="Replenish: a Full card is emptied and ordered. Count cards: the "
        "card is only marked as seen today, to find lost cards.",
    )
    status = fields.Selection(
        [
            ("ordered", "Ordered"),
            ("counted", "Counted"),
            ("refused", "Nothing ordered"),
            ("busy", "Busy"),
            ("unknown", "Unknown barcode"),
        ],
        readonly=True,
        help="Outcome of the last scan.",
    )
    message = fields.Text(readonly=True, help="What the last scan did, or why not.")
    last_barcode = fields.Char(readonly=True, help="Barcode of the last scan.")
    card_id = fields.Many2one(
        "jit.kanban.card", readonly=True, help="Card of the last scan."
    )
    purchase_order_id = fields.Many2one(
        "purchase.order",
        string="Request for Quotation",
        readonly=True,
        help="Request for quotation the last scan added a line to.",
    )
    picking_id = fields.Many2one(
        "stock.picking",
        string="Transfer",
        readonly=True,
        help="Internal transfer the last scan created.",
    )
    scan_count = fields.Integer(
        string="Scans", readonly=True, help="Cards scanned on this screen."
    )

    def _compute_display_name(self):
        for wizard in self:
            wizard.display_name = self.env._("Scan Kanban Cards")

    def action_scan(self):
        """Scan the barcode typed, show the outcome and clear the field."""
        self.ensure_one()
        cards = self.env["jit.kanban.card"]
        if self.mode == "count":
            result = cards._count_barcode(self.barcode)
        else:
            result = cards._scan_barcode(self.barcode)
        self.write(
            {
                "status": result["status"],
                "message": result["message"],
                "last_barcode": (self.barcode or "").strip(),
                "card_id": result["card"].id,
                "purchase_order_id": result.get("purchase_order", cards).id or False,
                "picking_id": result.get("picking", cards).id or False,
                "scan_count": self.scan_count + 1,
                "barcode": False,
            }
        )
        return True

    def _action_open(self):
        """This scan screen, as an action."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
            "name": self.env._("Scan Kanban Cards"),
        }

    def action_open_purchase_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": self.purchase_order_id.id,
            "view_mode": "form",
        }

    def action_open_picking(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": self.picking_id.id,
            "view_mode": "form",
        }
