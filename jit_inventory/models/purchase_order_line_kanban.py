from odoo import models


class PurchaseOrderLine(models.Model):
    """A deleted request-for-quotation line sends its kanban cards back to
    Empty."""

    _inherit = "purchase.order.line"

    def unlink(self):
        cards = (
            self.env["jit.kanban.card"]
            .sudo()
            .search([("purchase_line_id", "in", self.ids), ("state", "=", "ordered")])
        )
        for card in cards:
            card.write({"state": "empty", "received_qty": 0.0, "put_away_qty": 0.0})
            card.message_post(
                body=self.env._(
                    "Card %(card)s is Empty: its line was removed from %(order)s. "
                    "Click Reorder on the card to order again.",
                    card=card.name,
                    order=card.purchase_line_id.order_id.name,
                )
            )
        return super().unlink()
