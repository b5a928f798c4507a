from odoo import models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    def button_approve(self, force=False):
        """Freeze the promised date of every line when the order is confirmed.

        ``button_confirm`` goes through this method when no second approval is
        needed, and a manager's approval goes through it otherwise, so both
        paths keep the promise made at confirmation.
        """
        result = super().button_approve(force=force)
        confirmed = self.filtered(lambda order: order.state in ("purchase", "done"))
        confirmed.order_line._freeze_promised_date()
        return result
