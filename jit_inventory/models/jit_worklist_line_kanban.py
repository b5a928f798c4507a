from odoo import api, fields, models
from odoo.tools import SQL


class JitWorklistLine(models.Model):
    """Kanban loops on the replenishment worklist, beside the JIT rules.

    A loop's stock on hand is what its Full cards hold (Full cards x container
    quantity); its colours follow the rules' (red: cover under the lead time,
    yellow: under lead time plus review period, green otherwise); what it
    needs now is one container per Empty card (cards whose order was
    cancelled), since scanned cards are already on order.
    """

    _inherit = "jit.worklist.line"

    source = fields.Reference(
        selection_add=[("jit.kanban.loop", "Kanban Loop")],
        help="Record the line comes from: a JIT reorder rule or a kanban loop.",
    )

    @api.model
    def _worklist_sources(self):
        return [
            *super()._worklist_sources(),
            SQL(
                """
            SELECT * FROM (
            WITH cards AS (
                SELECT loop_id,
                       COUNT(*) FILTER (WHERE state = 'full') AS full_count,
                       COUNT(*) FILTER (WHERE state = 'empty') AS empty_count
                  FROM jit_kanban_card
                 WHERE active
                 GROUP BY loop_id
            ),
            measured AS (
                SELECT kl.*,
                       COALESCE(cards.full_count, 0) * kl.container_qty AS on_hand,
                       COALESCE(cards.empty_count, 0) * kl.container_qty AS need,
                       COALESCE(kl.average_daily_usage, 0) AS usage,
                       COALESCE(kl.lead_time_days, 0) AS lead
                  FROM jit_kanban_loop kl
                  LEFT JOIN cards ON cards.loop_id = kl.id
                 WHERE kl.active
            ),
            coloured AS (
                SELECT m.*,
                       CASE WHEN m.usage > 0 THEN m.on_hand / m.usage
                            WHEN m.on_hand > 0 THEN 9999.0 ELSE 0 END AS cover,
                       CASE WHEN m.usage <= 0 THEN 'green'
                            WHEN m.on_hand / m.usage < m.lead THEN 'red'
                            WHEN m.on_hand / m.usage
                                 < m.lead + COALESCE(m.review_period_days, 0)
                            THEN 'yellow'
                            ELSE 'green' END AS loop_status
                  FROM measured m
            )
            SELECT c.id * 16 + 1 AS id,
                   'jit.kanban.loop,' || c.id AS source,
                   NULL::integer AS orderpoint_id,
                   c.product_id,
                   tmpl.categ_id,
                   c.vendor_id,
                   c.location_id,
                   c.warehouse_id,
                   c.company_id,
                   company.currency_id,
                   c.loop_status AS status,
                   CASE c.loop_status WHEN 'red' THEN 0 WHEN 'yellow' THEN 1
                        ELSE 2 END AS urgency,
                   CASE c.loop_status WHEN 'red' THEN 1 WHEN 'yellow' THEN 3
                        ELSE 10 END AS color,
                   LEAST(c.cover, 9999.0) AS days_of_cover,
                   c.on_hand AS free_qty,
                   c.usage AS average_daily_usage,
                   c.lead AS lead_time_days,
                   c.usage * c.lead AS minimum_qty,
                   COALESCE(c.card_target, 0) * c.container_qty AS maximum_qty,
                   c.need AS need_qty,
                   c.need * COALESCE(
                       (product.standard_price ->> c.company_id::text)::numeric, 0
                   ) AS need_value,
                   FALSE AS has_alert,
                   c.date_sized AS computed_at
              FROM coloured c
              JOIN product_product product ON product.id = c.product_id
              JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
              JOIN res_company company ON company.id = c.company_id
            ) AS kanban_loop_lines
            """
            ),
        ]

    def init(self):
        # The loop and card tables must exist before the view reads them.
        self.env["jit.kanban.loop"]._auto_init()
        self.env["jit.kanban.card"]._auto_init()
        return super().init()
