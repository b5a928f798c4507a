from odoo import api, fields, models
from odoo.tools import SQL


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    jit_last_vendor_price = fields.Float(
        string="Vendor's Last Price",
        compute="_compute_jit_price_jump",
        digits="Product Price",
        help="Unit price of this product on the vendor's last confirmed purchase "
        "order, in this order's currency and unit of measure.",
    )
    jit_price_jump_percent = fields.Float(
        string="Price Jump (%)",
        compute="_compute_jit_price_jump",
        help="How much this line's price is above the vendor's last price, in percent.",
    )
    jit_price_jump = fields.Boolean(
        string="Price Jump",
        compute="_compute_jit_price_jump",
        help="Set when the price jump is above the alert percentage of Settings.",
    )

    @api.depends(
        "price_unit",
        "discount",
        "product_id",
        "product_uom",
        "order_id.partner_id",
        "order_id.currency_id",
    )
    def _compute_jit_price_jump(self):
        self.jit_last_vendor_price = 0.0
        self.jit_price_jump_percent = 0.0
        self.jit_price_jump = False
        lines = self.filtered(
            lambda line: (
                line.product_id
                and line.order_id.partner_id
                and line.company_id.jit_pricing_price_jump_percent
            )
        )
        if not lines:
            return
        last_lines = self._jit_last_vendor_lines(lines)
        for line in lines:
            key = (
                line.product_id.id,
                line.order_id.partner_id.commercial_partner_id.id,
            )
            last = last_lines.get(key)
            if not last:
                continue
            last_price = line._jit_price_in_line_terms(last)
            if not last_price:
                continue
            price = line.price_unit * (1 - (line.discount or 0.0) / 100)
            jump = (price - last_price) / last_price * 100
            line.jit_last_vendor_price = last_price
            line.jit_price_jump_percent = jump
            line.jit_price_jump = jump > line.company_id.jit_pricing_price_jump_percent

    def _jit_last_vendor_lines(self, lines):
        """{(product id, vendor id): the vendor's last confirmed line}, read with
        one query for all ``lines`` and leaving their own orders out."""
        self.env["purchase.order.line"].flush_model()
        self.env["purchase.order"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (line.product_id, partner.commercial_partner_id)
                       line.id
                  FROM purchase_order_line line
                  JOIN purchase_order purchase ON purchase.id = line.order_id
                  JOIN res_partner partner ON partner.id = purchase.partner_id
                 WHERE line.product_id = ANY(%s)
                   AND partner.commercial_partner_id = ANY(%s)
                   AND purchase.state IN ('purchase', 'done')
                   AND purchase.id != ALL(%s)
                   AND line.company_id = ANY(%s)
              ORDER BY line.product_id,
                       partner.commercial_partner_id,
                       COALESCE(purchase.date_approve, purchase.date_order) DESC,
                       line.id DESC
                """,
                lines.product_id.ids,
                lines.order_id.partner_id.commercial_partner_id.ids,
                [order_id for order_id in lines.order_id.ids if order_id],
                lines.company_id.ids,
            )
        )
        previous = self.sudo().browse(row[0] for row in self.env.cr.fetchall())
        return {
            (
                line.product_id.id,
                line.order_id.partner_id.commercial_partner_id.id,
            ): line
            for line in previous
        }

    def _jit_price_in_line_terms(self, other):
        """``other``'s discounted unit price in this line's currency and unit."""
        self.ensure_one()
        price = other.price_unit * (1 - (other.discount or 0.0) / 100)
        price = other.currency_id._convert(
            price,
            self.currency_id,
            self.company_id,
            (self.order_id.date_order or fields.Datetime.now()).date(),
            round=False,
        )
        if other.product_uom and self.product_uom:
            price = other.product_uom._compute_price(price, self.product_uom)
        return price

    @api.onchange("price_unit", "product_id")
    def _onchange_jit_price_jump(self):
        if self.jit_price_jump:
            return {
                "warning": {
                    "title": self.env._("Price jump"),
                    "message": self.order_id._jit_price_jump_message(self),
                }
            }

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.order_id._jit_schedule_price_jump_activities()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if {"price_unit", "discount", "product_id", "product_uom"} & set(vals):
            self.order_id._jit_schedule_price_jump_activities()
        return result
