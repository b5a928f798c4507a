from odoo import api, models

# A received quantity within this margin of the ordered one is "in full".
QUANTITY_MARGIN = 0.000001


def _local_day(column):
    """SQL for the company-local calendar day of a UTC timestamp column."""
    return f"((({column}) AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s)::date"


# Day promised for a PO line: frozen at confirmation, or for orders confirmed
# before this addon was installed, the expected arrival.
PROMISED_DAY = _local_day("COALESCE(pol.date_promised, pol.date_planned)")


class JitSupplierPerformance(models.AbstractModel):
    """Measures what vendors really did over a span of days, for all at once.

    Each ``_query_*`` method runs one grouped SQL query over every vendor of a
    company and returns a dict keyed by the vendor's commercial partner id.
    Scorecards (per month and quarter) and readiness assessments (over a
    look-back window) both read their numbers from here.

    Conventions shared by the queries:

    - A receipt is a done transfer holding moves from a supplier location that
      are linked to purchase order lines of the vendor; it counts once however
      many lines it holds.
    - Its due day is the earliest promised date of those lines (the date frozen
      at confirmation, or the expected arrival for orders confirmed before this
      addon was installed), as a day in the company's time zone, plus the
      company's grace days. It is on time when done on or before that day.
    - With ``include_open``, transfers still waiting whose due day is before
      ``as_of`` count as late receipts, and PO lines still waiting past their
      due day count as not in full and not on time, with what arrived so far.
      Scorecards include them only in the period that holds ``as_of`` (today),
      so each receipt counts once: while open, in the current period; once
      done, in the period it was done.
    """

    _name = "jit.supplier.performance"
    _description = "Supplier performance measures"

    @api.model
    def _query_params(self, company, date_from, date_to, as_of):
        return {
            "company_id": company.id,
            "tz": company._get_jit_timezone(),
            "grace": company.jit_scorecard_grace_days,
            "date_from": date_from,
            "date_to": date_to,
            "as_of": as_of,
        }

    @api.model
    def _query_receipts(self, company, date_from, date_to, as_of, include_open):
        """Done receipts per vendor: count, on time, lead-time statistics.

        Lead time is the time from PO confirmation to the receipt being done,
        in days; its standard deviation is the population one and the 90th
        percentile is interpolated (PostgreSQL ``percentile_cont``).
        """
        params = self._query_params(company, date_from, date_to, as_of)
        self.env.cr.execute(
            f"""
            WITH receipt AS (
                SELECT sp.id AS picking_id,
                       rp.commercial_partner_id AS vendor_id,
                       sp.date_done,
                       MIN({PROMISED_DAY})
                           + %(grace)s AS due_day,
                       MIN(po.date_approve) AS date_confirmed
                  FROM stock_move sm
                  JOIN stock_picking sp ON sp.id = sm.picking_id
                  JOIN stock_location src ON src.id = sm.location_id
                  JOIN stock_location dst ON dst.id = sm.location_dest_id
                  JOIN purchase_order_line pol ON pol.id = sm.purchase_line_id
                  JOIN purchase_order po ON po.id = pol.order_id
                  JOIN res_partner rp ON rp.id = po.partner_id
                 WHERE po.company_id = %(company_id)s
                   AND sm.state = 'done'
                   AND sp.state = 'done'
                   AND src.usage = 'supplier'
                   AND dst.usage != 'supplier'
                   AND {_local_day("sp.date_done")}
                       BETWEEN %(date_from)s AND %(date_to)s
              GROUP BY sp.id, rp.commercial_partner_id, sp.date_done
            ), timed AS (
                SELECT vendor_id,
                       {_local_day("date_done")} <= due_day AS on_time,
                       EXTRACT(EPOCH FROM date_done - date_confirmed) / 86400.0
                           AS lead_time
                  FROM receipt
            )
            SELECT vendor_id,
                   COUNT(*),
                   COUNT(*) FILTER (WHERE on_time),
                   AVG(lead_time),
                   STDDEV_POP(lead_time),
                   PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY lead_time)
              FROM timed
          GROUP BY vendor_id
            """,
            params,
        )
        result = {
            vendor_id: {
                "receipt_count": count,
                "on_time_count": on_time,
                "lead_time_mean": float(mean or 0.0),
                "lead_time_std_dev": float(std_dev or 0.0),
                "lead_time_p90": float(p90 or 0.0),
            }
            for vendor_id, count, on_time, mean, std_dev, p90 in self.env.cr.fetchall()
        }
        if include_open:
            for vendor_id, overdue in self._query_overdue_receipts(params):
                result.setdefault(vendor_id, {})["overdue_receipt_count"] = overdue
        return result

    @api.model
    def _query_overdue_receipts(self, params):
        """(vendor, count) of receipts still waiting after their due day."""
        self.env.cr.execute(
            f"""
            SELECT vendor_id, COUNT(*)
              FROM (
                SELECT sp.id,
                       rp.commercial_partner_id AS vendor_id,
                       MIN({PROMISED_DAY})
                           + %(grace)s AS due_day
                  FROM stock_move sm
                  JOIN stock_picking sp ON sp.id = sm.picking_id
                  JOIN stock_location src ON src.id = sm.location_id
                  JOIN stock_location dst ON dst.id = sm.location_dest_id
                  JOIN purchase_order_line pol ON pol.id = sm.purchase_line_id
                  JOIN purchase_order po ON po.id = pol.order_id
                  JOIN res_partner rp ON rp.id = po.partner_id
                 WHERE po.company_id = %(company_id)s
                   AND po.state IN ('purchase', 'done')
                   AND sm.state NOT IN ('done', 'cancel')
                   AND sp.state NOT IN ('done', 'cancel')
                   AND src.usage = 'supplier'
                   AND dst.usage != 'supplier'
              GROUP BY sp.id, rp.commercial_partner_id
              ) waiting
             WHERE due_day < %(as_of)s
          GROUP BY vendor_id
            """,
            params,
        )
        return self.env.cr.fetchall()

    @api.model
    def _query_lines(self, company, date_from, date_to, as_of, include_open):
        """In full and on time in full, per PO line, summed per vendor.

        A line is judged once it is settled (nothing left to receive: fully
        received, or its backorder cancelled), in the period of its last
        receipt, with ``min(received / ordered, 1)``: an over-delivery counts
        as 100 %, not more. Lines ordered with quantity 0 are left out. A line
        is on time in full (OTIF) when it received at least the ordered
        quantity and its last receipt was on or before its due day.
        """
        params = self._query_params(company, date_from, date_to, as_of)
        params["include_open"] = include_open
        params["margin"] = QUANTITY_MARGIN
        incoming = "src.usage = 'supplier' AND dst.usage != 'supplier'"
        self.env.cr.execute(
            f"""
            WITH line AS (
                SELECT pol.id,
                       rp.commercial_partner_id AS vendor_id,
                       pol.product_uom_qty AS ordered,
                       {PROMISED_DAY}
                           + %(grace)s AS due_day,
                       COALESCE(SUM(sm.quantity / mu.factor * pu.factor) FILTER (
                           WHERE sm.state = 'done' AND {incoming}), 0) AS received,
                       MAX(sm.date) FILTER (
                           WHERE sm.state = 'done' AND {incoming}) AS last_done,
                       COUNT(sm.id) FILTER (
                           WHERE sm.state NOT IN ('done', 'cancel') AND {incoming}
                       ) AS open_moves
                  FROM purchase_order_line pol
                  JOIN purchase_order po ON po.id = pol.order_id
                  JOIN res_partner rp ON rp.id = po.partner_id
                  JOIN product_product pp ON pp.id = pol.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN uom_uom pu ON pu.id = pt.uom_id
             LEFT JOIN stock_move sm ON sm.purchase_line_id = pol.id
             LEFT JOIN uom_uom mu ON mu.id = sm.product_uom
             LEFT JOIN stock_location src ON src.id = sm.location_id
             LEFT JOIN stock_location dst ON dst.id = sm.location_dest_id
                 WHERE po.company_id = %(company_id)s
                   AND po.state IN ('purchase', 'done')
                   AND pol.display_type IS NULL
                   AND pol.product_uom_qty > 0
                   AND pt.type = 'consu'
                   AND {_local_day("po.date_approve")} <= %(date_to)s
              GROUP BY pol.id, rp.commercial_partner_id
            )
            SELECT vendor_id,
                   COUNT(*),
                   SUM(LEAST(received / ordered, 1.0)),
                   COUNT(*) FILTER (
                       WHERE open_moves = 0
                         AND received + %(margin)s >= ordered
                         AND {_local_day("last_done")} <= due_day)
              FROM line
             WHERE (open_moves = 0 AND last_done IS NOT NULL
                    AND {_local_day("last_done")}
                        BETWEEN %(date_from)s AND %(date_to)s)
                OR (%(include_open)s AND open_moves > 0 AND due_day < %(as_of)s)
          GROUP BY vendor_id
            """,
            params,
        )
        return {
            vendor_id: {
                "line_count": count,
                "in_full_sum": float(in_full or 0.0),
                "otif_count": otif,
            }
            for vendor_id, count, in_full, otif in self.env.cr.fetchall()
        }

    @api.model
    def _query_quantities(self, company, date_from, date_to, as_of):
        """Quantities received from and returned to each vendor in the span."""
        params = self._query_params(company, date_from, date_to, as_of)
        self.env.cr.execute(
            f"""
            SELECT rp.commercial_partner_id,
                   SUM(sm.quantity / mu.factor * pu.factor) FILTER (
                       WHERE src.usage = 'supplier' AND dst.usage != 'supplier'),
                   SUM(sm.quantity / mu.factor * pu.factor) FILTER (
                       WHERE dst.usage = 'supplier' AND src.usage != 'supplier')
              FROM stock_move sm
              JOIN stock_location src ON src.id = sm.location_id
              JOIN stock_location dst ON dst.id = sm.location_dest_id
              JOIN purchase_order_line pol ON pol.id = sm.purchase_line_id
              JOIN purchase_order po ON po.id = pol.order_id
              JOIN res_partner rp ON rp.id = po.partner_id
              JOIN uom_uom mu ON mu.id = sm.product_uom
              JOIN product_product pp ON pp.id = sm.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN uom_uom pu ON pu.id = pt.uom_id
             WHERE po.company_id = %(company_id)s
               AND sm.state = 'done'
               AND {_local_day("sm.date")} BETWEEN %(date_from)s AND %(date_to)s
          GROUP BY rp.commercial_partner_id
            """,
            params,
        )
        return {
            vendor_id: {
                "received_qty": float(received or 0.0),
                "returned_qty": float(returned or 0.0),
            }
            for vendor_id, received, returned in self.env.cr.fetchall()
        }

    @api.model
    def _query_purchases(self, company, date_from, date_to, as_of):
        """Spend, price spread and single-source spend per vendor.

        Over the PO lines confirmed in the span, in company currency (untaxed):

        - price spread: for each product, the coefficient of variation
          (population standard deviation / mean) of the net unit price, then
          the mean over the vendor's products;
        - single-source spend: spend on products whose only known source is
          this vendor (the product's vendor price lines valid today, plus
          every vendor it was bought from in the span);
        - company spend: everything the company bought in the span, the
          denominator of the single-source exposure.
        """
        params = self._query_params(company, date_from, date_to, as_of)
        self.env.cr.execute(
            f"""
            WITH line AS (
                SELECT rp.commercial_partner_id AS vendor_id,
                       pp.product_tmpl_id AS template_id,
                       pol.product_id,
                       po.currency_id,
                       pol.price_unit * (1 - COALESCE(pol.discount, 0) / 100.0)
                           AS net_price,
                       pol.price_subtotal / COALESCE(NULLIF(po.currency_rate, 0), 1)
                           AS spend
                  FROM purchase_order_line pol
                  JOIN purchase_order po ON po.id = pol.order_id
                  JOIN res_partner rp ON rp.id = po.partner_id
                  JOIN product_product pp ON pp.id = pol.product_id
                 WHERE po.company_id = %(company_id)s
                   AND po.state IN ('purchase', 'done')
                   AND pol.display_type IS NULL
                   AND {_local_day("po.date_approve")}
                       BETWEEN %(date_from)s AND %(date_to)s
            ), source AS (
                SELECT template_id, vendor_id FROM line
                 UNION
                SELECT psi.product_tmpl_id, rp.commercial_partner_id
                  FROM product_supplierinfo psi
                  JOIN res_partner rp ON rp.id = psi.partner_id
                 WHERE psi.product_tmpl_id IN (SELECT template_id FROM line)
                   AND (psi.company_id IS NULL OR psi.company_id = %(company_id)s)
                   AND (psi.date_end IS NULL OR psi.date_end >= %(as_of)s)
            ), source_count AS (
                SELECT template_id, COUNT(*) AS vendors
                  FROM source
              GROUP BY template_id
            ), spread AS (
                SELECT vendor_id,
                       STDDEV_POP(net_price) / NULLIF(AVG(net_price), 0) AS variation
                  FROM line
              GROUP BY vendor_id, product_id, currency_id
            )
            SELECT line.vendor_id,
                   COUNT(*),
                   SUM(line.spend),
                   SUM(line.spend) FILTER (WHERE source_count.vendors = 1),
                   (SELECT AVG(COALESCE(spread.variation, 0))
                      FROM spread
                     WHERE spread.vendor_id = line.vendor_id),
                   SUM(SUM(line.spend)) OVER ()
              FROM line
              JOIN source_count ON source_count.template_id = line.template_id
          GROUP BY line.vendor_id
            """,
            params,
        )
        rows = self.env.cr.fetchall()
        return {
            vendor_id: {
                "purchase_line_count": lines,
                "vendor_spend": float(spend or 0.0),
                "single_source_spend": float(single or 0.0),
                "price_variation": float(variation or 0.0),
                "company_spend": float(total or 0.0),
            }
            for vendor_id, lines, spend, single, variation, total in rows
        }

    @api.model
    def _query_payments(self, company, date_from, date_to, as_of):
        """Vendor bills due in the span and how many we paid by their due date.

        A posted bill counts when its due date is in the span and either it is
        paid or its due date is before ``as_of``; it is paid on time when fully
        paid and its last payment (reconciled, or matched without a journal
        entry) is dated on or before the due date.
        """
        params = self._query_params(company, date_from, date_to, as_of)
        self.env.cr.execute(
            """
            WITH bill AS (
                SELECT am.id
                  FROM account_move am
                 WHERE am.company_id = %(company_id)s
                   AND am.move_type = 'in_invoice'
                   AND am.state = 'posted'
                   AND am.invoice_date_due BETWEEN %(date_from)s AND %(date_to)s
            ), payment_date AS (
                SELECT aml.move_id, counterpart.date AS date_paid
                  FROM account_move_line aml
                  JOIN account_partial_reconcile apr
                    ON apr.credit_move_id = aml.id OR apr.debit_move_id = aml.id
                  JOIN account_move_line counterpart
                    ON counterpart.id = CASE WHEN apr.credit_move_id = aml.id
                                             THEN apr.debit_move_id
                                             ELSE apr.credit_move_id END
                 WHERE aml.move_id IN (SELECT id FROM bill)
                   AND aml.display_type = 'payment_term'
                 UNION ALL
                SELECT rel.invoice_id, ap.date
                  FROM account_move__account_payment rel
                  JOIN account_payment ap ON ap.id = rel.payment_id
                 WHERE rel.invoice_id IN (SELECT id FROM bill)
                   AND ap.move_id IS NULL
                   AND ap.state IN ('in_process', 'paid')
            ), paid AS (
                SELECT move_id, MAX(date_paid) AS date_paid
                  FROM payment_date
              GROUP BY move_id
            )
            SELECT rp.commercial_partner_id,
                   COUNT(*),
                   COUNT(*) FILTER (
                       WHERE am.payment_state IN ('paid', 'in_payment')
                         AND paid.date_paid <= am.invoice_date_due)
              FROM account_move am
              JOIN res_partner rp ON rp.id = am.partner_id
         LEFT JOIN paid ON paid.move_id = am.id
             WHERE am.company_id = %(company_id)s
               AND am.move_type = 'in_invoice'
               AND am.state = 'posted'
               AND am.invoice_date_due BETWEEN %(date_from)s AND %(date_to)s
               AND (am.invoice_date_due < %(as_of)s
                    OR am.payment_state IN ('paid', 'in_payment'))
          GROUP BY rp.commercial_partner_id
            """,
            params,
        )
        return {
            vendor_id: {"bills_due_count": due, "bills_paid_on_time_count": on_time}
            for vendor_id, due, on_time in self.env.cr.fetchall()
        }

    @api.model
    def _collect(self, company, date_from, date_to, as_of, include_open):
        """All measures of every active vendor over the span, by vendor id.

        :return: {vendor_id: {measure: value}}, see ``_empty_measures``
        """
        self.env.flush_all()
        parts = [
            self._query_receipts(company, date_from, date_to, as_of, include_open),
            self._query_lines(company, date_from, date_to, as_of, include_open),
            self._query_quantities(company, date_from, date_to, as_of),
            self._query_purchases(company, date_from, date_to, as_of),
            self._query_payments(company, date_from, date_to, as_of),
        ]
        company_spend = max(
            (m["company_spend"] for m in parts[3].values()), default=0.0
        )
        measures = {}
        for part in parts:
            for vendor_id, values in part.items():
                measures.setdefault(vendor_id, self._empty_measures()).update(values)
        for values in measures.values():
            values["company_spend"] = company_spend
        return measures

    @api.model
    def _empty_measures(self):
        return {
            "receipt_count": 0,
            "on_time_count": 0,
            "overdue_receipt_count": 0,
            "lead_time_mean": 0.0,
            "lead_time_std_dev": 0.0,
            "lead_time_p90": 0.0,
            "line_count": 0,
            "in_full_sum": 0.0,
            "otif_count": 0,
            "received_qty": 0.0,
            "returned_qty": 0.0,
            "purchase_line_count": 0,
            "vendor_spend": 0.0,
            "single_source_spend": 0.0,
            "price_variation": 0.0,
            "company_spend": 0.0,
            "bills_due_count": 0,
            "bills_paid_on_time_count": 0,
        }

    @api.model
    def _rates(self, measures):
        """Percentages from raw measures; None where nothing was measured."""
        evaluated = measures["receipt_count"] + measures["overdue_receipt_count"]
        lines = measures["line_count"]
        received = measures["received_qty"]
        mean = measures["lead_time_mean"]
        return {
            "evaluated_count": evaluated,
            "on_time_rate": (
                100.0 * measures["on_time_count"] / evaluated if evaluated else None
            ),
            "in_full_rate": 100.0 * measures["in_full_sum"] / lines if lines else None,
            "otif_rate": 100.0 * measures["otif_count"] / lines if lines else None,
            "return_rate": (
                100.0 * min(1.0, measures["returned_qty"] / received)
                if received
                else None
            ),
            "price_stability": (
                100.0 * max(0.0, 1.0 - measures["price_variation"])
                if measures["purchase_line_count"]
                else None
            ),
            "lead_time_consistency": (
                100.0 * max(0.0, 1.0 - measures["lead_time_std_dev"] / mean)
                if measures["receipt_count"] and mean > 0
                else None
            ),
            "single_source_exposure": (
                100.0 * measures["single_source_spend"] / measures["company_spend"]
                if measures["company_spend"]
                else 0.0
            ),
            "payment_on_time_rate": (
                100.0
                * measures["bills_paid_on_time_count"]
                / measures["bills_due_count"]
                if measures["bills_due_count"]
                else None
            ),
        }

    @api.model
    def _raw_score(self, company, rates):
        """Weighted mean of the measured components, 0-100; None if none."""
        weights = company._get_jit_scorecard_weights()
        components = {
            "on_time": rates["on_time_rate"],
            "in_full": rates["in_full_rate"],
            "quality": (
                None if rates["return_rate"] is None else 100.0 - rates["return_rate"]
            ),
            "price": rates["price_stability"],
            "lead_time": rates["lead_time_consistency"],
        }
        measured = {
            name: value
            for name, value in components.items()
            if value is not None and weights[name]
        }
        total_weight = sum(weights[name] for name in measured)
        if not total_weight:
            return None
        return (
            sum(weights[name] * value for name, value in measured.items())
            / total_weight
        )
