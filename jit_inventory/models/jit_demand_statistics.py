import math
from collections import namedtuple
from datetime import datetime, time, timedelta

import pytz

from odoo import api, models
from odoo.tools.sql import create_index

DemandRequest = namedtuple(
    "DemandRequest", "key product_id scope_path", defaults=(None,)
)
DemandStatistics = namedtuple(
    "DemandStatistics",
    "total_quantity returned_quantity days_counted stockout_days "
    "average_daily_usage standard_deviation",
)

# Daily net demand of each requested product out of its scope location: done
# moves from the scope to customers or production, minus done customer returns
# into the scope. Internal transfers, scrap and inventory counts have other
# destinations and are not demand.
_DAILY_DEMAND_SQL = """
    WITH requested AS (
        SELECT *
          FROM unnest(%(keys)s::varchar[], %(products)s::int[], %(scopes)s::varchar[])
            AS r(key, product_id, scope_path)
    )
    SELECT r.key,
           (m.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS day,
           SUM(CASE WHEN source.parent_path LIKE r.scope_path || '%%'
                    THEN m.product_qty ELSE 0 END) AS out_quantity,
           SUM(CASE WHEN source.parent_path LIKE r.scope_path || '%%'
                    THEN 0 ELSE m.product_qty END) AS returned_quantity
      FROM requested r
      JOIN stock_move m ON m.product_id = r.product_id
      JOIN stock_location source ON source.id = m.location_id
      JOIN stock_location destination ON destination.id = m.location_dest_id
     WHERE m.state = 'done'
       AND m.date >= %(date_from)s
       AND m.date < %(date_to)s
       AND (
            (source.parent_path LIKE r.scope_path || '%%'
             AND destination.usage IN ('customer', 'production'))
         OR (source.usage = 'customer'
             AND destination.parent_path LIKE r.scope_path || '%%')
       )
     GROUP BY r.key, day
"""

# Days of the window on which the scope had no stock at the start and at the
# end of the day. Stock at the end of a day is today's quantity minus every net
# inflow recorded after that day.
_STOCKOUT_DAYS_SQL = """
    WITH requested AS (
        SELECT *
          FROM unnest(%(keys)s::varchar[], %(products)s::int[], %(scopes)s::varchar[])
            AS r(key, product_id, scope_path)
    ),
    on_hand AS (
        SELECT r.key, SUM(q.quantity) AS quantity
          FROM requested r
          JOIN stock_quant q ON q.product_id = r.product_id
          JOIN stock_location l ON l.id = q.location_id
         WHERE l.parent_path LIKE r.scope_path || '%%'
         GROUP BY r.key
    ),
    net_flow AS (
        SELECT r.key,
               (m.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS day,
               SUM(CASE WHEN destination.parent_path LIKE r.scope_path || '%%'
                        THEN m.product_qty ELSE -m.product_qty END) AS quantity
          FROM requested r
          JOIN stock_move m ON m.product_id = r.product_id
          JOIN stock_location source ON source.id = m.location_id
          JOIN stock_location destination ON destination.id = m.location_dest_id
         WHERE m.state = 'done'
           AND m.date >= %(date_from)s
           AND (source.parent_path LIKE r.scope_path || '%%')
            <> (destination.parent_path LIKE r.scope_path || '%%')
         GROUP BY r.key, day
    ),
    daily AS (
        SELECT r.key, d.day::date AS day, COALESCE(f.quantity, 0) AS net
          FROM requested r
         CROSS JOIN generate_series(%(first_day)s::date, %(today)s::date,
                                    interval '1 day') AS d(day)
          LEFT JOIN net_flow f ON f.key = r.key AND f.day = d.day::date
    ),
    levels AS (
        SELECT d.key, d.day, d.net,
               COALESCE(h.quantity, 0)
               - (SUM(d.net) OVER (PARTITION BY d.key)
                  - SUM(d.net) OVER (PARTITION BY d.key ORDER BY d.day
                                     ROWS UNBOUNDED PRECEDING)) AS end_level
          FROM daily d
          LEFT JOIN on_hand h ON h.key = d.key
    )
    SELECT key, day
      FROM levels
     WHERE day < %(today)s::date
       AND end_level <= 0.000001
       AND end_level - net <= 0.000001
"""


class JitDemandStatistics(models.AbstractModel):
    """Average daily usage and its standard deviation, for many products at
    once, from done stock moves. One query per call (two when stockout days are
    left out), whatever the number of products."""

    _name = "jit.demand.statistics"
    _description = "JIT Demand Statistics"

    def init(self):
        # The demand queries read done moves of a product over a date window;
        # without this partial index PostgreSQL scans every move of the product.
        create_index(
            self.env.cr,
            "jit_stock_move_done_product_date_index",
            "stock_move",
            ["product_id", "date"],
            where="state = 'done'",
        )

    @api.model
    def _window_bounds(self, tz_name, window_days, now=None):
        """First and last local day of the window and its UTC bounds.

        The window is the ``window_days`` calendar days before today in the
        time zone ``tz_name``; today is not part of it.
        """
        tz = pytz.timezone(tz_name or "UTC")
        now = now or datetime.now(pytz.utc)
        today = now.astimezone(tz).date()
        first_day = today - timedelta(days=window_days)
        date_from = tz.localize(datetime.combine(first_day, time.min))
        date_to = tz.localize(datetime.combine(today, time.min))
        return {
            "first_day": first_day,
            "last_day": today - timedelta(days=1),
            "today": today,
            "date_from": date_from.astimezone(pytz.utc).replace(tzinfo=None),
            "date_to": date_to.astimezone(pytz.utc).replace(tzinfo=None),
        }

    @api.model
    def _compute_statistics(
        self, requests, window_days, tz_name="UTC", exclude_stockout_days=False
    ):
        """Demand statistics of each request.

        :param requests: iterable of ``DemandRequest(key, product_id,
            scope_path)``: ``scope_path`` is the ``parent_path`` of the location
            whose outgoing demand is measured (its children included).
        :return: dict ``key -> DemandStatistics``. The average and the standard
            deviation are taken over every day of the window that is counted,
            days without demand included; the deviation is the population one
            (divided by the number of days).
        """
        requests = list(requests)
        if not requests:
            return {}
        bounds = self._window_bounds(tz_name, window_days)
        params = {
            "keys": [str(r.key) for r in requests],
            "products": [r.product_id for r in requests],
            "scopes": [r.scope_path for r in requests],
            "tz": tz_name or "UTC",
            **bounds,
        }
        self.env["stock.move"].flush_model(
            ["product_id", "product_qty", "state", "date", "location_id"]
        )
        self.env["stock.move"].flush_model(["location_dest_id"])
        self.env["stock.location"].flush_model(["parent_path", "usage"])

        stockout_days = {}
        if exclude_stockout_days:
            self.env["stock.quant"].flush_model(["quantity", "location_id"])
            self.env.cr.execute(_STOCKOUT_DAYS_SQL, params)
            for key, day in self.env.cr.fetchall():
                stockout_days.setdefault(key, set()).add(day)

        self.env.cr.execute(_DAILY_DEMAND_SQL, params)
        daily = {}
        for key, day, out_quantity, returned_quantity in self.env.cr.fetchall():
            daily.setdefault(key, []).append((day, out_quantity, returned_quantity))

        result = {}
        for request in requests:
            key = str(request.key)
            skipped = stockout_days.get(key, set())
            days_counted = window_days - len(skipped)
            total = returned = sum_squares = 0.0
            for day, out_quantity, returned_quantity in daily.get(key, []):
                if day in skipped:
                    continue
                net = out_quantity - returned_quantity
                total += out_quantity
                returned += returned_quantity
                sum_squares += net * net
            net_total = total - returned
            if days_counted > 0:
                mean = net_total / days_counted
                variance = max(sum_squares / days_counted - mean * mean, 0.0)
            else:
                mean = variance = 0.0
            result[request.key] = DemandStatistics(
                total_quantity=total,
                returned_quantity=returned,
                days_counted=days_counted,
                stockout_days=len(skipped),
                average_daily_usage=max(mean, 0.0),
                standard_deviation=math.sqrt(variance),
            )
        return result
