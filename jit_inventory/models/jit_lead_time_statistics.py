from collections import namedtuple

from odoo import api, models

LeadTimeStatistics = namedtuple(
    "LeadTimeStatistics", "receipts mean standard_deviation"
)

# Actual lead time of done receipts: PO confirmation to receipt done, in days.
# ``per_product`` keeps one row per vendor, product and receipt; otherwise one
# row per vendor and receipt. Only the most recent ``history`` receipts count.
_LEAD_TIME_SQL = """
    WITH receipt AS (
        SELECT DISTINCT
               po.partner_id AS vendor_id,
               CASE WHEN %(per_product)s THEN m.product_id END AS product_id,
               picking.id AS picking_id,
               picking.date_done,
               GREATEST(EXTRACT(EPOCH FROM picking.date_done - po.date_approve)
                        / 86400.0, 0) AS days
          FROM stock_move m
          JOIN stock_picking picking ON picking.id = m.picking_id
          JOIN purchase_order_line line ON line.id = m.purchase_line_id
          JOIN purchase_order po ON po.id = line.order_id
          JOIN stock_location source ON source.id = m.location_id
         WHERE m.state = 'done'
           AND source.usage = 'supplier'
           AND po.company_id = %(company_id)s
           AND po.partner_id = ANY(%(vendor_ids)s)
           AND (NOT %(per_product)s OR m.product_id = ANY(%(product_ids)s))
           AND po.date_approve IS NOT NULL
           AND picking.date_done IS NOT NULL
    ),
    recent AS (
        SELECT *, ROW_NUMBER() OVER (
                      PARTITION BY vendor_id, product_id
                      ORDER BY date_done DESC, picking_id DESC) AS age
          FROM receipt
    )
    SELECT vendor_id, product_id, COUNT(*), AVG(days), STDDEV_POP(days)
      FROM recent
     WHERE age <= %(history)s
     GROUP BY vendor_id, product_id
"""


class JitLeadTimeStatistics(models.AbstractModel):
    """Measured lead times of vendors, and of vendor and product pairs, from
    done receipts of confirmed purchase orders, for many vendors at once."""

    _name = "jit.lead.time.statistics"
    _description = "JIT Lead Time Statistics"

    @api.model
    def _compute_statistics(self, company, vendor_ids, product_ids, history=20):
        """Lead-time statistics by vendor and by (vendor, product).

        :return: pair of dicts: ``vendor_id -> LeadTimeStatistics`` and
            ``(vendor_id, product_id) -> LeadTimeStatistics``. Receipts are
            counted once each (a picking with several lines is one receipt);
            the deviation is the population one.
        """
        if not vendor_ids:
            return {}, {}
        for model, fnames in (
            ("stock.move", ["state", "picking_id", "purchase_line_id", "location_id"]),
            ("stock.picking", ["date_done"]),
            ("purchase.order", ["partner_id", "date_approve", "company_id"]),
        ):
            self.env[model].flush_model(fnames)
        by_vendor, by_product = {}, {}
        for per_product, target in ((False, by_vendor), (True, by_product)):
            self.env.cr.execute(
                _LEAD_TIME_SQL,
                {
                    "per_product": per_product,
                    "company_id": company.id,
                    "vendor_ids": list(vendor_ids),
                    "product_ids": list(product_ids),
                    "history": history,
                },
            )
            for vendor_id, product_id, count, mean, deviation in self.env.cr.fetchall():
                key = (vendor_id, product_id) if per_product else vendor_id
                target[key] = LeadTimeStatistics(
                    receipts=count,
                    mean=float(mean or 0.0),
                    standard_deviation=float(deviation or 0.0),
                )
        return by_vendor, by_product
