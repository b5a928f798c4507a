# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools.float_utils import float_compare, float_is_zero

MATCH_STATES = [
    ("no_po", "No PO"),
    ("matched", "Matched"),
    ("quantity", "Quantity Exceeds Receipt"),
    ("price", "Price Variance"),
]


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    jit_received_qty = fields.Float(
        string="Received Qty",
        compute="_compute_jit_match",
        store=True,
        digits="Product Unit of Measure",
        help="Quantity received on the linked purchase order line, in the order's "
        "unit; returns to the vendor lower it.",
    )
    jit_billed_qty = fields.Float(
        string="Billed Qty (All Bills)",
        compute="_compute_jit_match",
        store=True,
        digits="Product Unit of Measure",
        help="Quantity billed on the linked purchase order line by all bills not "
        "cancelled (this one included), net of credit notes, in the order's unit.",
    )
    jit_ordered_price = fields.Float(
        string="Ordered Price",
        compute="_compute_jit_match",
        store=True,
        digits="Product Price",
        help="Net unit price of the purchase order line, in the bill's currency "
        "and unit of measure.",
    )
    jit_quantity_variance_percent = fields.Float(
        string="Quantity Variance (%)",
        compute="_compute_jit_match",
        store=True,
        help="Quantity billed beyond the received quantity, in percent of the "
        "received quantity.",
    )
    jit_price_variance_percent = fields.Float(
        string="Price Variance (%)",
        compute="_compute_jit_match",
        store=True,
        help="Billed net unit price above the ordered one, in percent of the "
        "ordered price.",
    )
    jit_match_state = fields.Selection(
        MATCH_STATES,
        string="Match Status",
        compute="_compute_jit_match",
        store=True,
        help="Three-way match of this bill line: no linked purchase order line, "
        "matched within tolerance, quantity billed beyond the receipt, or price "
        "above the order beyond tolerance.",
    )

    @api.depends(
        "move_id.move_type",
        "move_id.company_id.jit_match_tolerance_percent",
        "move_id.company_id.jit_match_tolerance_amount",
        "quantity",
        "price_unit",
        "discount",
        "product_uom_id",
        "purchase_line_id.qty_received",
        "purchase_line_id.qty_invoiced",
        "purchase_line_id.price_unit",
        "purchase_line_id.discount",
    )
    def _compute_jit_match(self):
        for line in self:
            values = {
                "jit_received_qty": 0.0,
                "jit_billed_qty": 0.0,
                "jit_ordered_price": 0.0,
                "jit_quantity_variance_percent": 0.0,
                "jit_price_variance_percent": 0.0,
                "jit_match_state": "no_po",
            }
            if line.purchase_line_id and line.move_id.move_type == "in_invoice":
                values.update(line._jit_match_values())
            line.update(values)

    def _jit_match_values(self):
        """Compare this bill line with its purchase order line.

        Meant to be overridden to add other checks; returns the values of the
        jit_* match fields.
        """
        self.ensure_one()
        order_line = self.purchase_line_id
        company = self.move_id.company_id
        received = order_line.qty_received
        billed = order_line.qty_invoiced
        ordered_price = order_line.price_unit * (1 - (order_line.discount or 0) / 100)
        if self.product_uom_id and order_line.product_uom != self.product_uom_id:
            ordered_price = order_line.product_uom._compute_price(
                ordered_price, self.product_uom_id
            )
        date = self.move_id.invoice_date or fields.Date.context_today(self)
        ordered_price = order_line.currency_id._convert(
            ordered_price, self.move_id.currency_id, company, date, round=False
        )
        billed_price = self.price_unit * (1 - (self.discount or 0) / 100)
        company_price = self.move_id.currency_id._convert(
            ordered_price, company.currency_id, company, date, round=False
        )

        excess_qty = billed - received
        quantity_percent = 0.0
        quantity_ok = float_compare(excess_qty, 0.0, precision_digits=6) <= 0
        if not quantity_ok:
            # Nothing received: any billed quantity is out of tolerance.
            quantity_percent = excess_qty / received * 100 if received else 100.0
            quantity_ok = bool(received) and company._jit_variance_within_tolerance(
                quantity_percent, excess_qty * company_price
            )

        excess_price = billed_price - ordered_price
        price_percent = 0.0
        price_ok = float_compare(excess_price, 0.0, precision_digits=6) <= 0
        if not price_ok:
            price_percent = (
                excess_price / ordered_price * 100
                if not float_is_zero(ordered_price, precision_digits=6)
                else 100.0
            )
            excess_amount = self.move_id.currency_id._convert(
                excess_price * self.quantity, company.currency_id, company, date
            )
            price_ok = company._jit_variance_within_tolerance(
                price_percent, excess_amount
            )

        state = "matched"
        if not quantity_ok:
            state = "quantity"
        elif not price_ok:
            state = "price"
        return {
            "jit_received_qty": received,
            "jit_billed_qty": billed,
            "jit_ordered_price": ordered_price,
            "jit_quantity_variance_percent": quantity_percent,
            "jit_price_variance_percent": price_percent,
            "jit_match_state": state,
        }

    def action_register_payment(self):
        self.move_id._jit_check_payable()
        return super().action_register_payment()
