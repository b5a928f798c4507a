import logging
import threading
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_company import GRADES

_logger = logging.getLogger(__name__)

# Lowest score of each grade, best first; below the last one the grade is E.
GRADE_FLOORS = [("A", 90.0), ("B", 80.0), ("C", 70.0), ("D", 60.0)]
# Score change, in points, under which the trend is called flat.
TREND_TOLERANCE = 1.0
WRITE_BATCH_SIZE = 200


def grade_for_score(score):
    """Grade A-E of a 0-100 score: A from 90, B from 80, C 70, D 60, else E."""
    for grade, floor in GRADE_FLOORS:
        if score >= floor:
            return grade
    return "E"


def period_bounds(day, period_type):
    """First and last day of the month or quarter that holds ``day``."""
    if period_type == "month":
        start = day.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)
    start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return start, start + relativedelta(months=3, days=-1)


class JitSupplierScorecard(models.Model):
    """How one vendor delivered over one month or quarter, with a grade.

    Measures come from ``jit.supplier.performance`` (see there what counts as
    a receipt, on time and in full). The score is the weighted mean of the
    measured components (company weights, Settings > Just in Time):

        raw = sum(weight_i * component_i) / sum(weight_i)

    with the components on-time rate, in-full rate, quality (100 - return
    rate), price stability and lead-time consistency (100 x (1 - standard
    deviation / mean lead time)); a component nothing measured is left out
    with its weight.

    Small samples are shrunk toward the company average so that a couple of
    good deliveries cannot make a perfect vendor:

        score = (n * raw + k * company_average) / (n + k)

    where n is the vendor's receipts in the period (done, plus waiting ones
    already late), k the company's prior weight (Settings, default 5) and
    company_average the receipt-weighted mean raw score of all the company's
    vendors in the period. Worked example: company average 70, k = 5; a vendor
    with 2 receipts, both on time and in full, no returns and one price (raw
    100) scores (2 x 100 + 5 x 70) / 7 = 78.57, grade C; a vendor with 40
    receipts and raw 95 scores (40 x 95 + 5 x 70) / 45 = 92.22, grade A.

    Grades: A from 90, B from 80, C from 70, D from 60, E below. A vendor with
    no receipt in the period gets no grade. The trend compares the score with
    the same vendor's previous period of the same kind.
    """

    _name = "jit.supplier.scorecard"
    _description = "Supplier scorecard"
    _order = "date_start desc, score desc, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Vendor",
        required=True,
        index=True,
        ondelete="cascade",
        help="Vendor (commercial entity) whose deliveries are measured.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="Company whose purchases and receipts are measured.",
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        help="Currency of the spend figures: the company's.",
    )
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")],
        required=True,
        help="Length of the measured period.",
    )
    date_start = fields.Date(
        string="Period Start", required=True, help="First day of the period."
    )
    date_end = fields.Date(string="Period End", required=True, help="Last day.")
    date_computed = fields.Datetime(
        string="Computed On", help="When these figures were last computed."
    )
    receipt_count = fields.Integer(
        string="Receipts",
        help="Receipts done in the period, plus receipts still waiting after "
        "their due day (current period only). Each receipt counts once.",
    )
    on_time_count = fields.Integer(
        string="On-Time Receipts",
        help="Receipts done on or before the first promised date plus the "
        "grace days, compared as days in the company's time zone.",
    )
    overdue_count = fields.Integer(
        string="Overdue Receipts",
        help="Receipts still waiting after their due day; they count as late.",
    )
    on_time_rate = fields.Float(
        string="On Time (%)", help="On-time receipts / receipts x 100."
    )
    line_count = fields.Integer(
        string="PO Lines Judged",
        help="Purchase order lines settled in the period (nothing left to "
        "receive), plus lines still waiting after their due day (current "
        "period only). Lines ordered with quantity 0 are left out.",
    )
    in_full_rate = fields.Float(
        string="In Full (%)",
        help="Mean over the judged lines of received / ordered quantity, each "
        "capped at 100 %: over-delivery does not make up for a short line.",
    )
    otif_rate = fields.Float(
        string="OTIF (%)",
        help="Share of judged lines received in full, by their due day.",
    )
    lead_time_mean = fields.Float(
        string="Lead Time (days)",
        help="Mean time from PO confirmation to receipt done, in days.",
    )
    lead_time_std_dev = fields.Float(
        string="Lead Time Std Dev (days)",
        help="Population standard deviation of the lead times, in days.",
    )
    lead_time_p90 = fields.Float(
        string="Lead Time P90 (days)",
        help="90th percentile of the lead times (interpolated), in days.",
    )
    received_qty = fields.Float(
        string="Received Quantity",
        help="Units received from the vendor in the period (product units).",
    )
    returned_qty = fields.Float(
        string="Returned Quantity",
        help="Units sent back to the vendor in the period (product units).",
    )
    return_rate = fields.Float(
        string="Returns (%)", help="Returned / received quantity x 100, at most 100."
    )
    price_stability = fields.Float(
        string="Price Stability (%)",
        help="100 x (1 - mean over products of the spread of net unit prices), "
        "the spread being standard deviation / mean of the prices on the "
        "orders confirmed in the period.",
    )
    vendor_spend = fields.Monetary(
        string="Purchases",
        help="Untaxed amount of the vendor's orders confirmed in the period.",
    )
    single_source_spend = fields.Monetary(
        string="Single-Source Purchases",
        help="Purchases on products that no other vendor is known to supply.",
    )
    single_source_exposure = fields.Float(
        string="Single-Source Exposure (%)",
        help="Single-source purchases / all the company's purchases in the "
        "period x 100: how much of our buying depends on this vendor alone.",
    )
    bills_due_count = fields.Integer(
        string="Bills Due",
        help="Posted vendor bills due in the period (past due or paid).",
    )
    payment_on_time_rate = fields.Float(
        string="We Paid On Time (%)",
        help="Our own record: bills paid in full by their due date / bills due.",
    )
    raw_score = fields.Float(
        help="Weighted mean of the measured components, before shrinking."
    )
    company_average_score = fields.Float(
        string="Company Average",
        help="Receipt-weighted mean raw score of the company's vendors in the "
        "period; small samples are pulled toward it.",
    )
    score = fields.Float(
        aggregator="avg",
        help="(receipts x raw + prior weight x company average) / (receipts + "
        "prior weight), 0-100.",
    )
    grade = fields.Selection(
        GRADES,
        help="A from 90, B from 80, C from 70, D from 60, E below. Empty when "
        "the vendor had no receipt in the period.",
    )
    previous_scorecard_id = fields.Many2one(
        "jit.supplier.scorecard",
        string="Previous Period",
        ondelete="set null",
        help="Same vendor, previous month or quarter.",
    )
    score_trend = fields.Float(
        string="Trend (points)",
        help="Score minus the previous period's score.",
    )
    trend = fields.Selection(
        [("up", "Better"), ("flat", "Stable"), ("down", "Worse"), ("new", "New")],
        help="Direction of the score against the previous period (stable within "
        "one point).",
    )

    _sql_constraints = [
        (
            "period_unique",
            "unique(company_id, partner_id, period_type, date_start)",
            "A vendor has one scorecard per company and period.",
        )
    ]

    @api.depends("partner_id", "period_type", "date_start")
    def _compute_display_name(self):
        for card in self:
            if card.period_type == "quarter" and card.date_start:
                period = "%s Q%s" % (
                    card.date_start.year,
                    (card.date_start.month - 1) // 3 + 1,
                )
            else:
                period = card.date_start and card.date_start.strftime("%Y-%m")
            card.display_name = f"{card.partner_id.display_name} {period or ''}"

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------

    @api.model
    def _cron_compute_scorecards(self):
        """Daily: current and previous month and quarter of every company."""
        # Tests run in one transaction that must not be committed.
        commit = not getattr(threading.current_thread(), "testing", False)
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search([]):
            for period_type in ("month", "quarter"):
                start, _end = period_bounds(today, period_type)
                previous_start, _end = period_bounds(
                    start - timedelta(days=1), period_type
                )
                for day in (previous_start, start):
                    self._compute_period(company, period_type, day, commit=commit)

    @api.model
    def _demo_compute_scorecards(self):
        """Demo data: the last twelve months of every company."""
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search([]):
            self._compute_history(company, today - relativedelta(months=12))

    @api.model
    def _compute_history(self, company, date_from, date_to=None, commit=False):
        """Compute every month and quarter from ``date_from`` to ``date_to``."""
        date_to = date_to or fields.Date.context_today(self)
        for period_type in ("month", "quarter"):
            start, _end = period_bounds(date_from, period_type)
            while start <= date_to:
                self._compute_period(company, period_type, start, commit=commit)
                start = period_bounds(start, period_type)[1] + timedelta(days=1)

    @api.model
    def _compute_period(self, company, period_type, day, as_of=None, commit=False):
        """Create or refresh the scorecards of one company and period.

        One pass of grouped queries measures every vendor; the scorecards are
        then written in batches, each record in its own savepoint (one bad
        record is logged and skipped), committing after each batch when
        ``commit`` is set (scheduled action).

        :param day: any day of the period
        :param as_of: the day the figures are taken, today by default; waiting
            receipts count as late only when the period holds it
        :return: the scorecards of the period
        """
        as_of = as_of or fields.Date.context_today(self)
        date_start, date_end = period_bounds(day, period_type)
        include_open = date_start <= as_of <= date_end
        _logger.info(
            "Supplier scorecards %s %s from %s: measuring",
            company.name,
            period_type,
            date_start,
        )
        performance = self.env["jit.supplier.performance"]
        measures = performance._collect(
            company, date_start, date_end, as_of, include_open
        )
        values_by_vendor = self._prepare_period_vals(company, measures)

        existing = {
            card.partner_id.id: card
            for card in self.search(
                [
                    ("company_id", "=", company.id),
                    ("period_type", "=", period_type),
                    ("date_start", "=", date_start),
                ]
            )
        }
        previous_start = period_bounds(date_start - timedelta(days=1), period_type)[0]
        previous = {
            card.partner_id.id: card
            for card in self.search(
                [
                    ("company_id", "=", company.id),
                    ("period_type", "=", period_type),
                    ("date_start", "=", previous_start),
                ]
            )
        }
        stale = self.browse(
            card.id for vendor_id, card in existing.items() if vendor_id not in measures
        )
        stale.unlink()

        now = fields.Datetime.now()
        vendor_ids = sorted(values_by_vendor)
        for offset in range(0, len(vendor_ids), WRITE_BATCH_SIZE):
            for vendor_id in vendor_ids[offset : offset + WRITE_BATCH_SIZE]:
                vals = dict(
                    values_by_vendor[vendor_id],
                    date_computed=now,
                    **self._prepare_trend_vals(
                        values_by_vendor[vendor_id], previous.get(vendor_id)
                    ),
                )
                try:
                    with self.env.cr.savepoint():
                        if vendor_id in existing:
                            existing[vendor_id].write(vals)
                        else:
                            existing[vendor_id] = self.create(
                                dict(
                                    vals,
                                    partner_id=vendor_id,
                                    company_id=company.id,
                                    period_type=period_type,
                                    date_start=date_start,
                                    date_end=date_end,
                                )
                            )
                except Exception:
                    _logger.exception(
                        "Supplier scorecard of %s for %s %s failed, skipped",
                        self.env["res.partner"].browse(vendor_id).display_name,
                        period_type,
                        date_start,
                    )
            if commit:
                self.env.cr.commit()
        _logger.info(
            "Supplier scorecards %s %s from %s: %s vendors written",
            company.name,
            period_type,
            date_start,
            len(vendor_ids),
        )
        return self.browse(card.id for card in existing.values() if card.exists())

    @api.model
    def _prepare_period_vals(self, company, measures):
        """Scorecard values per vendor from the measures of one period."""
        performance = self.env["jit.supplier.performance"]
        rates = {
            vendor_id: performance._rates(values)
            for vendor_id, values in measures.items()
        }
        raw_scores = {
            vendor_id: performance._raw_score(company, vendor_rates)
            for vendor_id, vendor_rates in rates.items()
        }
        average = self._company_average(rates, raw_scores)
        prior = company.jit_scorecard_prior_receipts
        result = {}
        for vendor_id, values in measures.items():
            vendor_rates = rates[vendor_id]
            evaluated = vendor_rates["evaluated_count"]
            raw = raw_scores[vendor_id]
            graded = bool(evaluated) and raw is not None
            score = (
                (evaluated * raw + prior * average) / (evaluated + prior)
                if graded
                else 0.0
            )
            result[vendor_id] = {
                "receipt_count": evaluated,
                "on_time_count": values["on_time_count"],
                "overdue_count": values["overdue_receipt_count"],
                "on_time_rate": vendor_rates["on_time_rate"] or 0.0,
                "line_count": values["line_count"],
                "in_full_rate": vendor_rates["in_full_rate"] or 0.0,
                "otif_rate": vendor_rates["otif_rate"] or 0.0,
                "lead_time_mean": values["lead_time_mean"],
                "lead_time_std_dev": values["lead_time_std_dev"],
                "lead_time_p90": values["lead_time_p90"],
                "received_qty": values["received_qty"],
                "returned_qty": values["returned_qty"],
                "return_rate": vendor_rates["return_rate"] or 0.0,
                "price_stability": vendor_rates["price_stability"] or 0.0,
                "vendor_spend": values["vendor_spend"],
                "single_source_spend": values["single_source_spend"],
                "single_source_exposure": vendor_rates["single_source_exposure"],
                "bills_due_count": values["bills_due_count"],
                "payment_on_time_rate": vendor_rates["payment_on_time_rate"] or 0.0,
                "raw_score": raw or 0.0,
                "company_average_score": average,
                "score": score,
                "grade": grade_for_score(score) if graded else False,
            }
        return result

    @api.model
    def _company_average(self, rates, raw_scores):
        """Receipt-weighted mean raw score of the vendors graded in a period."""
        weighted = [
            (rates[vendor_id]["evaluated_count"], raw)
            for vendor_id, raw in raw_scores.items()
            if raw is not None and rates[vendor_id]["evaluated_count"]
        ]
        total = sum(count for count, _raw in weighted)
        return sum(count * raw for count, raw in weighted) / total if total else 0.0

    @api.model
    def _prepare_trend_vals(self, vals, previous):
        if not previous or not previous.grade or not vals["grade"]:
            return {
                "previous_scorecard_id": previous.id if previous else False,
                "score_trend": 0.0,
                "trend": "new",
            }
        change = vals["score"] - previous.score
        if change > TREND_TOLERANCE:
            trend = "up"
        elif change < -TREND_TOLERANCE:
            trend = "down"
        else:
            trend = "flat"
        return {
            "previous_scorecard_id": previous.id,
            "score_trend": change,
            "trend": trend,
        }

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------

    @api.model
    def _latest_by_vendor(self, vendor_ids, company):
        """The most recent graded quarterly scorecard of each vendor.

        Quarters hold more receipts than months, so their grade is the one
        that feeds reorder rules and readiness. The records are returned as
        superuser, to be read only.

        :return: {vendor_id: scorecard}
        """
        if not vendor_ids:
            return {}
        self.env["jit.supplier.scorecard"].flush_model()
        self.env.cr.execute(
            """
            SELECT DISTINCT ON (partner_id) partner_id, id
              FROM jit_supplier_scorecard
             WHERE company_id = %s
               AND partner_id = ANY(%s)
               AND period_type = 'quarter'
               AND grade IS NOT NULL
          ORDER BY partner_id, date_start DESC
            """,
            [company.id, list(vendor_ids)],
        )
        rows = self.env.cr.fetchall()
        # Read by reorder rules and vendors for anyone who sees them; the
        # company is given explicitly.
        cards = self.sudo().browse([card_id for _vendor, card_id in rows])
        return {card.partner_id.id: card for card in cards}

    def action_recompute(self):
        """Recompute the periods of the selected scorecards."""
        if not self:
            raise UserError(
                self.env._("Select the scorecards whose periods to recompute.")
            )
        periods = {
            (card.company_id, card.period_type, card.date_start) for card in self
        }
        for company, period_type, date_start in periods:
            self._compute_period(company, period_type, date_start)
        return True

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "jit_readiness.action_report_supplier_scorecard"
        ).report_action(self)
