from odoo import models


class PurchaseOrder(models.Model):
    """A cancelled request for quotation sends its kanban cards back to
    Empty."""

    _inherit = "purchase.order"

    def button_cancel(self):
        result = super().button_cancel()
        self.env["jit.kanban.card"]._jit_on_replenishment_cancelled(
            lines=self.filtered(lambda order: order.state == "cancel").order_line
        )
        return result
