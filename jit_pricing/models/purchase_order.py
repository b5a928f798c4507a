from odoo import api, fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    jit_price_jump_warning = fields.Char(
        string="Price Jump Warning",
        compute="_compute_jit_price_jump_warning",
        help="Lines priced above the vendor's last price by more than the price "
        "jump alert percentage set in Settings.",
    )

    @api.depends(
        "order_line.jit_price_jump", "order_line.jit_price_jump_percent", "company_id"
    )
    def _compute_jit_price_jump_warning(self):
        for order in self:
            jumps = order.order_line.filtered("jit_price_jump")
            order.jit_price_jump_warning = (
                order._jit_price_jump_message(jumps) if jumps else False
            )

    def _jit_price_jump_message(self, lines):
        return self.env._(
            "Priced more than %(limit)s %% above this vendor's last price: %(lines)s.",
            limit=self.company_id.jit_pricing_price_jump_percent,
            lines="; ".join(
                self.env._(
                    "%(product)s at %(price).2f, last %(last).2f (+%(jump).1f %%)",
                    product=line.product_id.display_name,
                    price=line.price_unit,
                    last=line.jit_last_vendor_price,
                    jump=line.jit_price_jump_percent,
                )
                for line in lines
            ),
        )

    def _jit_purchase_manager(self):
        """The user who receives the price jump activity: the first purchase
        manager of the order's company. Meant to be overridden."""
        self.ensure_one()
        manager = self.env["res.users"].search(
            [
                ("groups_id", "in", self.env.ref("purchase.group_purchase_manager").id),
                ("company_ids", "in", self.company_id.id),
                ("share", "=", False),
            ],
            order="id",
            limit=1,
        )
        return manager or self.env.user

    def _jit_schedule_price_jump_activities(self):
        """One open 'Price jump' activity per order with jumping lines."""
        activity_type = self.env.ref(
            "jit_pricing.mail_activity_type_price_jump", raise_if_not_found=False
        )
        for order in self:
            if not order.company_id.jit_pricing_price_jump_percent:
                continue
            if order.state not in ("draft", "sent", "to approve", "purchase"):
                continue
            jumps = order.order_line.filtered("jit_price_jump")
            if not jumps:
                continue
            if order.activity_ids.filtered(
                lambda activity: activity.activity_type_id == activity_type
            ):
                continue
            order.sudo().activity_schedule(
                "jit_pricing.mail_activity_type_price_jump",
                user_id=order._jit_purchase_manager().id,
                note=order._jit_price_jump_message(jumps),
            )

    def button_approve(self, force=False):
        result = super().button_approve(force=force)
        confirmed = self.filtered(lambda order: order.state in ("purchase", "done"))
        if not self.env.context.get("jit_pricing_no_trigger"):
            engine = self.env["jit.pricing.engine"]
            for order in confirmed:
                if engine._active_rules(order.company_id):
                    engine.recompute(
                        order.order_line.product_id.product_tmpl_id,
                        "purchase",
                        order.company_id,
                    )
        return result
