# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools


class JitPayablesCash(models.Model):
    _name = "jit.payables.cash"
    _description = "Cash needed for vendors, per week"
    _auto = False
    _order = "week_start, partner_id"

    company_id = fields.Many2one(
        "res.company", readonly=True, help="Company that owes the money."
    )
    partner_id = fields.Many2one(
        "res.partner", string="Vendor", readonly=True, help="Vendor to be paid."
    )
    source = fields.Selection(
        [("bill", "Open Bill"), ("purchase", "Confirmed PO Not Billed")],
        readonly=True,
        help="An open vendor bill (by its due date) or the part of a confirmed "
        "purchase order not billed yet (by its expected arrival date).",
    )
    date_due = fields.Date(
        string="Date",
        readonly=True,
        help="Due date of the bill, or expected arrival of the ordered goods.",
    )
    week_start = fields.Date(
        string="Week", readonly=True, help="Monday of the week the cash is needed."
    )
    amount = fields.Monetary(
        string="Cash Needed",
        currency_field="currency_id",
        readonly=True,
        help="Amount in company currency: bill residual (credit notes count "
        "negative) or not-yet-billed share of the order line total, taxes included.",
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id", help="Company currency."
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                SELECT row_number() OVER () AS id, cash.* FROM (
                    SELECT move.company_id,
                           move.commercial_partner_id AS partner_id,
                           'bill' AS source,
                           COALESCE(move.invoice_date_due, move.date) AS date_due,
                           date_trunc(
                               'week', COALESCE(move.invoice_date_due, move.date)
                           )::date AS week_start,
                           -move.amount_residual_signed AS amount
                      FROM account_move move
                     WHERE move.move_type IN ('in_invoice', 'in_refund')
                       AND move.state = 'posted'
                       AND move.payment_state IN ('not_paid', 'partial')
                    UNION ALL
                    SELECT purchase.company_id,
                           partner.commercial_partner_id,
                           'purchase',
                           COALESCE(line.date_planned, purchase.date_order)::date,
                           date_trunc(
                               'week', COALESCE(line.date_planned, purchase.date_order)
                           )::date,
                           (line.product_qty - line.qty_invoiced)
                               / line.product_qty * line.price_total
                               / COALESCE(NULLIF(purchase.currency_rate, 0), 1)
                      FROM purchase_order_line line
                      JOIN purchase_order purchase ON purchase.id = line.order_id
                      JOIN res_partner partner ON partner.id = purchase.partner_id
                     WHERE purchase.state IN ('purchase', 'done')
                       AND line.display_type IS NULL
                       AND line.product_qty > 0
                       AND line.qty_invoiced < line.product_qty
                ) cash
            )
            """
        )
