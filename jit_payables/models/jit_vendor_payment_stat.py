# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools


class JitVendorPaymentStat(models.Model):
    _name = "jit.vendor.payment.stat"
    _description = "How well we pay each vendor"
    _auto = False
    _order = "on_time_rate, partner_id"

    company_id = fields.Many2one("res.company", readonly=True, help="Paying company.")
    partner_id = fields.Many2one(
        "res.partner", string="Vendor", readonly=True, help="Vendor paid."
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id", help="Company currency."
    )
    bills_paid = fields.Integer(
        readonly=True, help="Vendor bills fully paid (posted, paid or in payment)."
    )
    bills_paid_on_time = fields.Integer(
        string="Paid On Time",
        readonly=True,
        help="Paid bills whose last payment is dated on or before the due date.",
    )
    on_time_rate = fields.Float(
        string="On-Time Payment Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Paid on time / bills paid * 100.",
    )
    average_days_to_pay = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Average days from bill date to its last payment, over paid bills.",
    )
    amount_open = fields.Monetary(
        string="Open Payables",
        currency_field="currency_id",
        readonly=True,
        help="What we owe the vendor now, company currency.",
    )
    amount_billed_year = fields.Monetary(
        string="Billed Last 365 Days",
        currency_field="currency_id",
        readonly=True,
        help="Bills minus credit notes dated in the last 365 days.",
    )
    days_payable_outstanding = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Open payables / billed last 365 days * 365: how many days of "
        "purchases we owe.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                WITH paid AS (
                    SELECT line.move_id, MAX(partial.max_date) AS date_paid
                      FROM account_move_line line
                      JOIN account_partial_reconcile partial
                        ON partial.credit_move_id = line.id
                        OR partial.debit_move_id = line.id
                     WHERE line.display_type = 'payment_term'
                     GROUP BY line.move_id
                ),
                bills AS (
                    SELECT move.company_id,
                           move.commercial_partner_id AS partner_id,
                           move.move_type,
                           move.payment_state,
                           move.invoice_date,
                           move.invoice_date_due,
                           move.amount_total_signed,
                           move.amount_residual_signed,
                           paid.date_paid
                      FROM account_move move
                      LEFT JOIN paid ON paid.move_id = move.id
                     WHERE move.move_type IN ('in_invoice', 'in_refund')
                       AND move.state = 'posted'
                ),
                totals AS (
                    SELECT company_id,
                           partner_id,
                           COUNT(*) FILTER (
                               WHERE move_type = 'in_invoice'
                                 AND payment_state IN ('paid', 'in_payment')
                           ) AS bills_paid,
                           COUNT(*) FILTER (
                               WHERE move_type = 'in_invoice'
                                 AND payment_state IN ('paid', 'in_payment')
                                 AND date_paid <= invoice_date_due
                           ) AS bills_paid_on_time,
                           AVG(date_paid - invoice_date) FILTER (
                               WHERE move_type = 'in_invoice'
                                 AND payment_state IN ('paid', 'in_payment')
                           ) AS average_days_to_pay,
                           SUM(-amount_residual_signed) AS amount_open,
                           SUM(-amount_total_signed) FILTER (
                               WHERE invoice_date > CURRENT_DATE - 365
                           ) AS amount_billed_year
                      FROM bills
                     GROUP BY company_id, partner_id
                )
                SELECT row_number() OVER () AS id,
                       company_id,
                       partner_id,
                       bills_paid,
                       bills_paid_on_time,
                       CASE WHEN bills_paid > 0
                            THEN 100.0 * bills_paid_on_time / bills_paid
                            ELSE 0 END AS on_time_rate,
                       COALESCE(average_days_to_pay, 0) AS average_days_to_pay,
                       amount_open,
                       COALESCE(amount_billed_year, 0) AS amount_billed_year,
                       CASE WHEN COALESCE(amount_billed_year, 0) > 0
                            THEN amount_open / amount_billed_year * 365
                            ELSE 0 END AS days_payable_outstanding
                  FROM totals
            )
            """
        )
