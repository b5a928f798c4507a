from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import float_compare, float_round


class StockWarehouseOrderpoint(models.Model):
    """Value of the need of a JIT rule, for the replenishment worklist, and
    the worklist's "Order now" button."""

    _inherit = "stock.warehouse.orderpoint"

    jit_need_qty = fields.Float(
        string="Quantity to Maximum",
        digits="Product Unit of Measure",
        readonly=True,
        help="Quantity that brings the free stock up to the rule's maximum, "
        "measured at the last recompute (0 when the free stock reaches it).",
    )
    jit_need_value = fields.Monetary(
        string="Value of Need",
        currency_field="jit_currency_id",
        readonly=True,
        help="Quantity to maximum x product cost at the last recompute: what it "
        "costs to refill the rule. Ranks the worklist among rules of the same "
        "colour and cover.",
    )
    jit_currency_id = fields.Many2one(
        related="company_id.currency_id",
        string="JIT Currency",
        help="Currency of the value of need (the company's).",
    )

    def _jit_prepare_recompute_vals(self, demand, seller, lead_times, free_qty):
        values = super()._jit_prepare_recompute_vals(
            demand, seller, lead_times, free_qty
        )
        target = max(
            values.get("product_min_qty", self.product_min_qty),
            values.get("product_max_qty", self.product_max_qty),
        )
        need = self._jit_need_quantity(self, target=target, free_qty=free_qty)
        cost = self.product_id.with_company(self.company_id).standard_price
        values.update(jit_need_qty=need, jit_need_value=need * cost)
        return values

    @api.autovacuum
    def _unlink_processed_orderpoints(self):
        """Odoo deletes the manual rules created by the system (the
        replenishment report's suggestions) once nothing is left to order; a
        rule under a JIT policy is configured on purpose and stays."""
        return super(
            StockWarehouseOrderpoint, self.with_context(jit_keep_policy_rules=True)
        )._unlink_processed_orderpoints()

    @api.model
    def _search(self, domain, *args, **kwargs):
        if self.env.context.get("jit_keep_policy_rules"):
            domain = expression.AND([domain, [("jit_policy_id", "=", False)]])
        return super()._search(domain, *args, **kwargs)

    @staticmethod
    def _jit_need_quantity(rule, target=None, free_qty=None):
        """Maximum (or minimum when it is higher) minus free stock, never
        negative. Example: maximum 30, free stock 12 needs 18."""
        if target is None:
            target = max(rule.product_min_qty, rule.product_max_qty)
        if free_qty is None:
            free_qty = rule.jit_free_qty
        need = target - free_qty
        rounding = rule.product_uom.rounding
        if float_compare(need, 0.0, precision_rounding=rounding) <= 0:
            return 0.0
        return float_round(need, precision_rounding=rounding)

    def action_jit_order_now(self):
        """Order what the rule needs now, through Odoo's own procurement (a
        request for quotation for a buy route). A second click while the RFQ
        is open orders nothing more: Odoo counts open RFQ lines in the
        forecast, so the quantity to order is then zero."""
        self.ensure_one()
        if not self.env.user.has_group("jit_inventory.group_jit_user"):
            raise AccessError(
                self.env._(
                    "Only JIT users can order from the worklist; ask an "
                    "administrator for the Inventory JIT: User group."
                )
            )
        if not self.jit_policy_id:
            raise UserError(
                self.env._(
                    "Rule %(rule)s has no JIT policy: order it from Inventory > "
                    "Operations > Replenishment.",
                    rule=self.display_name,
                )
            )
        # Quantities in progress change with every RFQ: read them afresh.
        self.env.flush_all()
        self.invalidate_recordset(
            ["qty_forecast", "qty_to_order", "qty_to_order_computed"]
        )
        before = self.qty_forecast
        if (
            float_compare(
                self.qty_to_order, 0.0, precision_rounding=self.product_uom.rounding
            )
            <= 0
        ):
            return self._jit_notify(
                self.env._(
                    "Nothing to order for %(product)s: the forecast %(forecast)s "
                    "%(uom)s (open requests for quotation and receipts included) "
                    "already covers the minimum %(minimum)s %(uom)s.",
                    product=self.product_id.display_name,
                    forecast=before,
                    uom=self.product_uom.name,
                    minimum=self.product_min_qty,
                ),
                "info",
            )
        quantity = self.qty_to_order
        # JIT users operate the worklist without the right to edit reorder
        # rules: once they may read the rule, the order runs as the system,
        # as Odoo's scheduler does. Odoo's action_replenish is not used: it
        # deletes manual rules created by the replenishment report once
        # ordered, and a JIT rule must stay.
        self.check_access("read")
        rule = self.sudo()
        now = self.env.cr.now()
        rule._procure_orderpoint_confirm(company_id=self.company_id)
        rule.action_remove_manual_qty_to_order()
        notification = rule.with_context(
            written_after=now
        )._get_replenishment_order_notification()
        if notification:
            return notification
        return self._jit_notify(
            self.env._(
                "%(quantity)s %(uom)s of %(product)s ordered.",
                quantity=quantity,
                uom=self.product_uom.name,
                product=self.product_id.display_name,
            ),
            "success",
        )

    def _jit_notify(self, message, kind):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Order now"),
                "message": message,
                "type": kind,
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
