import logging
import math
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .jit_readiness_action import DIMENSIONS
from .jit_supplier_performance import _local_day

_logger = logging.getLogger(__name__)

ANSWERS = [("no", "No"), ("partly", "Partly"), ("yes", "Yes")]
ANSWER_POINTS = {"no": 0.0, "partly": 50.0, "yes": 100.0}

# Lead time (days) scoring 100 and 0 in turnaround speed, linear between.
LEAD_TIME_BEST_DAYS = 2.0
LEAD_TIME_WORST_DAYS = 30.0
# Demand variation (standard deviation / mean of weekly demand) scoring 100
# and 0 in forecasting confidence, linear between.
VARIATION_BEST = 0.5
VARIATION_WORST = 2.0
# Thresholds over which the assessment proposes an action.
ERRATIC_VARIATION = 1.5
OTIF_ACTION_BELOW = 80.0
LEAD_TIME_ACTION_ABOVE = 14.0
# Day a receipt was expected: the PO's expected arrival, else its schedule.
EXPECTED_DAY = _local_day("COALESCE(sp.date_deadline, sp.scheduled_date)")


def _scale(value, best, worst):
    """100 at ``best`` or better, 0 at ``worst`` or worse, linear between."""
    share = (worst - value) / (worst - best)
    return 100.0 * min(1.0, max(0.0, share))


def lead_time_score(days):
    return _scale(days, LEAD_TIME_BEST_DAYS, LEAD_TIME_WORST_DAYS)


def variation_score(variation):
    return _scale(variation, VARIATION_BEST, VARIATION_WORST)


class JitReadinessAssessment(models.Model):
    """How ready the company is for just in time, over six dimensions.

    Every dimension is scored 0-100 from the last N days (company look-back,
    default 90) before the assessment date:

    - Turnaround speed: mean lead time L (PO confirmation to receipt done) of
      the receipts in the window; 100 x (30 - L) / (30 - 2), kept within 0-100
      (2 days or less scores 100, 30 days or more 0).
    - Forecasting confidence: for every product with demand (quantities that
      left for customers or production, customer returns subtracted), the
      variation v = standard deviation / mean of its weekly demand over the
      W = N // 7 whole weeks ending the day before (weeks without demand
      included; weekly, because small businesses sell most products a few
      times a week, which makes daily figures erratic for every product); a
      product scores 100 x (2 - v) / (2 - 0.5) within 0-100; the dimension is
      their mean.
    - Supply-chain flexibility: share of the goods bought in the window that
      have at least two qualified vendors (vendor price lines and vendors
      bought from; a vendor graded below the minimum grade does not qualify).
    - Supplier reliability: OTIF of the vendors, weighted by what we spent
      with each in the window.
    - Workforce readiness: mean of the questionnaire (yes 100, partly 50,
      no or unanswered 0).
    - Technology: mean of three shares: stocked products (storable, on hand
      or moved in the window) with a reorder rule, receipts of the window
      validated at most one day after their expected arrival (the PO's
      expected arrival, else the scheduled date), stocked products with a
      barcode.

    The overall score is the mean of the six. Each computation is kept: the
    "Assess Again" button makes a new assessment with the same answers.
    """

    _name = "jit.readiness.assessment"
    _description = "JIT readiness assessment"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(
        required=True,
        default=lambda self: self.env._("Readiness %(date)s", date=fields.Date.today()),
        help="Title of the assessment.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="Company assessed.",
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Day of the assessment; the window ends the day before.",
    )
    window_days = fields.Integer(
        string="Look-Back (days)",
        readonly=True,
        help="Days of history looked at, from the company setting at the time.",
    )
    state = fields.Selection(
        [("draft", "Questionnaire"), ("done", "Assessed")],
        default="draft",
        required=True,
        tracking=True,
        help="Questionnaire: answers can be changed. Assessed: the scores are "
        "kept as computed; assess again to follow progress.",
    )
    question_cross_trained = fields.Selection(
        ANSWERS,
        string="Cross-trained staff",
        help="Can at least two people receive, put away and pick every product "
        "family, so an absence does not stop the flow?",
    )
    question_same_day_receiving = fields.Selection(
        ANSWERS,
        string="Same-day receiving",
        help="Are deliveries checked and validated in Odoo the day they arrive?",
    )
    question_small_orders = fields.Selection(
        ANSWERS,
        string="Small, frequent orders",
        help="Is the team used to ordering small quantities often rather than "
        "large stock-ups?",
    )
    question_problem_reporting = fields.Selection(
        ANSWERS,
        string="Same-day problem reporting",
        help="Do staff report shortages, damaged goods and late vendors the "
        "same day?",
    )
    question_trained = fields.Selection(
        ANSWERS,
        string="Trained on Odoo",
        help="Are buyers and storekeepers trained on Odoo purchase and " "inventory?",
    )
    score_turnaround = fields.Float(
        string="Turnaround Speed", readonly=True, help="0-100, from lead times."
    )
    score_forecasting = fields.Float(
        string="Forecasting Confidence",
        readonly=True,
        help="0-100, from the variation of weekly demand.",
    )
    score_flexibility = fields.Float(
        string="Supply-Chain Flexibility",
        readonly=True,
        help="0-100: share of bought goods with a second qualified vendor.",
    )
    score_reliability = fields.Float(
        string="Supplier Reliability",
        readonly=True,
        help="0-100: spend-weighted OTIF of the vendors.",
    )
    score_workforce = fields.Float(
        string="Workforce Readiness",
        readonly=True,
        help="0-100: mean of the questionnaire answers.",
    )
    score_technology = fields.Float(
        string="Technology",
        readonly=True,
        help="0-100: reorder rules, prompt receipts, barcodes.",
    )
    score_overall = fields.Float(
        string="Overall Score",
        readonly=True,
        aggregator="avg",
        help="Mean of the six dimension scores.",
    )
    lead_time_mean = fields.Float(
        string="Mean Lead Time (days)",
        readonly=True,
        help="Mean lead time of the receipts of the window.",
    )
    receipt_count = fields.Integer(
        string="Receipts", readonly=True, help="Receipts done in the window."
    )
    demand_product_count = fields.Integer(
        string="Products With Demand",
        readonly=True,
        help="Products that left for customers or production in the window.",
    )
    demand_variation = fields.Float(
        string="Mean Demand Variation",
        readonly=True,
        help="Mean over products of standard deviation / mean weekly demand.",
    )
    purchased_product_count = fields.Integer(
        string="Products Bought",
        readonly=True,
        help="Goods on purchase orders confirmed in the window.",
    )
    second_vendor_product_count = fields.Integer(
        string="With Second Vendor",
        readonly=True,
        help="Bought goods with at least two qualified vendors.",
    )
    spend_weighted_otif = fields.Float(
        string="Spend-Weighted OTIF (%)",
        readonly=True,
        help="Vendors' OTIF weighted by spend in the window.",
    )
    stocked_product_count = fields.Integer(
        string="Stocked Products",
        readonly=True,
        help="Storable products on hand or moved by the company in the window.",
    )
    rule_share = fields.Float(
        string="With Reorder Rule (%)",
        readonly=True,
        help="Storable products with at least one active reorder rule.",
    )
    prompt_receipt_share = fields.Float(
        string="Prompt Receipts (%)",
        readonly=True,
        help="Receipts validated at most one day after their expected arrival.",
    )
    barcode_share = fields.Float(
        string="With Barcode (%)",
        readonly=True,
        help="Storable products with a barcode.",
    )
    action_ids = fields.One2many(
        "jit.readiness.action",
        "assessment_id",
        string="Actions",
        help="What to do next, weakest dimension first.",
    )
    candidate_ids = fields.One2many(
        "jit.readiness.pilot.candidate",
        "assessment_id",
        string="Pilot Candidates",
        help="Product categories ranked as places to start just in time.",
    )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_assess(self):
        """Score the dimensions from data and list actions and candidates."""
        done = self.filtered(lambda assessment: assessment.state == "done")
        if done:
            raise UserError(
                self.env._(
                    "%(names)s is already assessed; its scores are kept for "
                    "comparison. Use Assess Again to make a new assessment.",
                    names=", ".join(done.mapped("name")),
                )
            )
        for assessment in self:
            assessment._assess()
        return True

    def action_assess_again(self):
        """A new assessment with today's data and the same answers."""
        self.ensure_one()
        new = self.copy(
            {
                "name": self.env._("Readiness %(date)s", date=fields.Date.today()),
                "date": fields.Date.context_today(self),
                "state": "draft",
            }
        )
        new._assess()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Assessment
    # ------------------------------------------------------------------

    def _assess(self):
        self.ensure_one()
        company = self.company_id
        window = company.jit_readiness_window_days
        date_to = self.date - timedelta(days=1)
        date_from = self.date - timedelta(days=window)
        _logger.info(
            "JIT readiness %s: assessing %s from %s", self.name, company.name, date_from
        )
        self.env.flush_all()
        performance = self.env["jit.supplier.performance"]
        measures = performance._collect(company, date_from, date_to, self.date, True)
        rates = {
            vendor: performance._rates(values) for vendor, values in measures.items()
        }
        purchases = self._query_product_purchases(company, date_from, date_to)
        sources = self._product_sources(company, purchases)
        weeks = max(1, window // 7)
        demand = self._query_demand(company, date_to, weeks)
        stocked = self._query_stocked_products(company, date_from, date_to)
        receipts = self._query_receipt_promptness(company, date_from, date_to)

        turnaround = self._score_turnaround(measures)
        forecasting = self._score_forecasting(demand, weeks)
        flexibility = self._score_flexibility(purchases, sources)
        reliability = self._score_reliability(measures, rates)
        workforce = self._score_workforce()
        technology = self._score_technology(stocked, receipts)
        scores = {
            "turnaround": turnaround["score"],
            "forecasting": forecasting["score"],
            "flexibility": flexibility["score"],
            "reliability": reliability["score"],
            "workforce": workforce,
            "technology": technology["score"],
        }
        actions = self._prepare_actions(
            scores, turnaround, forecasting, flexibility, reliability, technology
        )
        candidates = self._prepare_candidates(
            purchases, sources, demand, forecasting, measures, rates
        )
        self.action_ids.unlink()
        self.candidate_ids.unlink()
        self.write(
            {
                "state": "done",
                "window_days": window,
                "score_turnaround": turnaround["score"],
                "score_forecasting": forecasting["score"],
                "score_flexibility": flexibility["score"],
                "score_reliability": reliability["score"],
                "score_workforce": workforce,
                "score_technology": technology["score"],
                "score_overall": sum(scores.values()) / len(scores),
                "lead_time_mean": turnaround["lead_time"],
                "receipt_count": turnaround["receipts"],
                "demand_product_count": len(forecasting["variations"]),
                "demand_variation": forecasting["mean_variation"],
                "purchased_product_count": len(flexibility["products"]),
                "second_vendor_product_count": len(flexibility["products"])
                - len(flexibility["single"]),
                "spend_weighted_otif": reliability["score"],
                "stocked_product_count": technology["stocked"],
                "rule_share": technology["rule_share"],
                "prompt_receipt_share": technology["prompt_share"],
                "barcode_share": technology["barcode_share"],
                "action_ids": [Command.create(vals) for vals in actions],
                "candidate_ids": [Command.create(vals) for vals in candidates],
            }
        )
        _logger.info(
            "JIT readiness %s: overall %.1f, %s actions, %s candidates",
            self.name,
            self.score_overall,
            len(actions),
            len(candidates),
        )

    # Queries: one grouped query each, for the whole company.

    def _query_product_purchases(self, company, date_from, date_to):
        """{(product_id, vendor_id): (category_id, spend)} over the window."""
        self.env.cr.execute(
            f"""
            SELECT pol.product_id,
                   rp.commercial_partner_id,
                   pt.categ_id,
                   pp.product_tmpl_id,
                   SUM(pol.price_subtotal
                       / COALESCE(NULLIF(po.currency_rate, 0), 1))
              FROM purchase_order_line pol
              JOIN purchase_order po ON po.id = pol.order_id
              JOIN res_partner rp ON rp.id = po.partner_id
              JOIN product_product pp ON pp.id = pol.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE po.company_id = %(company_id)s
               AND po.state IN ('purchase', 'done')
               AND pol.display_type IS NULL
               AND pt.type = 'consu'
               AND {_local_day("po.date_approve")}
                   BETWEEN %(date_from)s AND %(date_to)s
          GROUP BY pol.product_id, rp.commercial_partner_id, pt.categ_id,
                   pp.product_tmpl_id
            """,
            {
                "company_id": company.id,
                "tz": company._get_jit_timezone(),
                "date_from": date_from,
                "date_to": date_to,
            },
        )
        return [
            {
                "product_id": product_id,
                "vendor_id": vendor_id,
                "categ_id": categ_id,
                "template_id": template_id,
                "spend": float(spend or 0.0),
            }
            for product_id, vendor_id, categ_id, template_id, spend in (
                self.env.cr.fetchall()
            )
        ]

    def _product_sources(self, company, purchases):
        """Qualified vendors of each bought product: {product_id: {vendor_id}}.

        Sources are the vendors the product was bought from in the window and
        its vendor price lines valid on the assessment date; a vendor whose
        latest grade is below the company's minimum grade does not qualify.
        """
        template_ids = list({row["template_id"] for row in purchases})
        sources = defaultdict(set)
        for row in purchases:
            sources[row["product_id"]].add(row["vendor_id"])
        if template_ids:
            self.env.cr.execute(
                """
                SELECT pp.id, rp.commercial_partner_id
                  FROM product_supplierinfo psi
                  JOIN res_partner rp ON rp.id = psi.partner_id
                  JOIN product_product pp
                    ON pp.product_tmpl_id = psi.product_tmpl_id
                   AND (psi.product_id IS NULL OR psi.product_id = pp.id)
                 WHERE psi.product_tmpl_id = ANY(%s)
                   AND (psi.company_id IS NULL OR psi.company_id = %s)
                   AND (psi.date_end IS NULL OR psi.date_end >= %s)
                """,
                [template_ids, company.id, self.date],
            )
            for product_id, vendor_id in self.env.cr.fetchall():
                if product_id in sources:
                    sources[product_id].add(vendor_id)
        minimum = company.jit_minimum_vendor_grade
        if minimum:
            vendor_ids = set().union(*sources.values()) if sources else set()
            latest = self.env["jit.supplier.scorecard"]._latest_by_vendor(
                vendor_ids, company
            )
            unqualified = {
                vendor_id for vendor_id, card in latest.items() if card.grade > minimum
            }
            sources = {
                product_id: vendors - unqualified
                for product_id, vendors in sources.items()
            }
        return sources

    def _query_demand(self, company, date_to, weeks):
        """{product_id: (category_id, total, sum of squared weekly demand)}.

        Weeks are counted back from ``date_to``: week 0 is its last 7 days.
        """
        self.env.cr.execute(
            f"""
            WITH weekly AS (
                SELECT sm.product_id,
                       (%(date_to)s - {_local_day("sm.date")}) / 7 AS week,
                       SUM(CASE WHEN src.usage = 'customer'
                                THEN -sm.quantity / mu.factor * pu.factor
                                ELSE sm.quantity / mu.factor * pu.factor END)
                           AS quantity
                  FROM stock_move sm
                  JOIN stock_location src ON src.id = sm.location_id
                  JOIN stock_location dst ON dst.id = sm.location_dest_id
                  JOIN uom_uom mu ON mu.id = sm.product_uom
                  JOIN product_product pp ON pp.id = sm.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN uom_uom pu ON pu.id = pt.uom_id
                 WHERE sm.company_id = %(company_id)s
                   AND sm.state = 'done'
                   AND (
                        (dst.usage IN ('customer', 'production')
                         AND src.usage NOT IN ('customer', 'production'))
                     OR (src.usage = 'customer' AND dst.usage != 'customer')
                   )
                   AND {_local_day("sm.date")} BETWEEN %(date_from)s AND %(date_to)s
              GROUP BY sm.product_id, week
            )
            SELECT weekly.product_id, pt.categ_id, SUM(quantity),
                   SUM(quantity * quantity)
              FROM weekly
              JOIN product_product pp ON pp.id = weekly.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
          GROUP BY weekly.product_id, pt.categ_id
            """,
            {
                "company_id": company.id,
                "tz": company._get_jit_timezone(),
                "date_from": date_to - timedelta(days=7 * weeks - 1),
                "date_to": date_to,
            },
        )
        return {
            product_id: (categ_id, float(total), float(squares))
            for product_id, categ_id, total, squares in self.env.cr.fetchall()
        }

    def _query_stocked_products(self, company, date_from, date_to):
        """(product, has a reorder rule, has a barcode) of the stocked products.

        Stocked: storable, with stock on hand in the company's internal
        locations or moved by the company in the window, so that a shared
        catalog of other companies' products does not count.
        """
        self.env.cr.execute(
            f"""
            WITH stocked AS (
                SELECT sq.product_id
                  FROM stock_quant sq
                  JOIN stock_location sl ON sl.id = sq.location_id
                 WHERE sl.usage = 'internal'
                   AND sq.company_id = %(company_id)s
                   AND sq.quantity > 0
                 UNION
                SELECT sm.product_id
                  FROM stock_move sm
                 WHERE sm.company_id = %(company_id)s
                   AND sm.state = 'done'
                   AND {_local_day("sm.date")} BETWEEN %(date_from)s AND %(date_to)s
            )
            SELECT pp.id,
                   EXISTS (
                       SELECT 1 FROM stock_warehouse_orderpoint op
                        WHERE op.product_id = pp.id
                          AND op.active
                          AND op.company_id = %(company_id)s
                   ),
                   COALESCE(pp.barcode, '') != ''
              FROM stocked
              JOIN product_product pp ON pp.id = stocked.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE pp.active
               AND pt.active
               AND pt.is_storable
            """,
            {
                "company_id": company.id,
                "tz": company._get_jit_timezone(),
                "date_from": date_from,
                "date_to": date_to,
            },
        )
        return self.env.cr.fetchall()

    def _query_receipt_promptness(self, company, date_from, date_to):
        """(receipts done in the window, validated late) of the company."""
        self.env.cr.execute(
            f"""
            SELECT COUNT(*),
                   COUNT(*) FILTER (
                       WHERE {_local_day("sp.date_done")}
                             > {EXPECTED_DAY} + 1)
              FROM stock_picking sp
              JOIN stock_picking_type spt ON spt.id = sp.picking_type_id
             WHERE sp.company_id = %(company_id)s
               AND sp.state = 'done'
               AND spt.code = 'incoming'
               AND {_local_day("sp.date_done")} BETWEEN %(date_from)s AND %(date_to)s
            """,
            {
                "company_id": company.id,
                "tz": company._get_jit_timezone(),
                "date_from": date_from,
                "date_to": date_to,
            },
        )
        return self.env.cr.fetchone()

    # Dimension scores.

    def _score_turnaround(self, measures):
        receipts = sum(values["receipt_count"] for values in measures.values())
        lead_time = (
            sum(
                values["receipt_count"] * values["lead_time_mean"]
                for values in measures.values()
            )
            / receipts
            if receipts
            else 0.0
        )
        slow = [
            vendor_id
            for vendor_id, values in measures.items()
            if values["receipt_count"]
            and values["lead_time_mean"] > LEAD_TIME_ACTION_ABOVE
        ]
        return {
            "score": lead_time_score(lead_time) if receipts else 0.0,
            "lead_time": lead_time,
            "receipts": receipts,
            "slow_vendors": slow,
        }

    def _score_forecasting(self, demand, weeks):
        variations = {}
        for product_id, (_categ, total, squares) in demand.items():
            mean = total / weeks
            if mean <= 0:
                continue
            variance = max(0.0, squares / weeks - mean * mean)
            variations[product_id] = math.sqrt(variance) / mean
        scores = {
            product_id: variation_score(variation)
            for product_id, variation in variations.items()
        }
        return {
            "score": sum(scores.values()) / len(scores) if scores else 0.0,
            "mean_variation": (
                sum(variations.values()) / len(variations) if variations else 0.0
            ),
            "variations": variations,
            "product_scores": scores,
            "erratic": [
                product_id
                for product_id, variation in variations.items()
                if variation > ERRATIC_VARIATION
            ],
        }

    def _score_flexibility(self, purchases, sources):
        products = {row["product_id"] for row in purchases}
        single = sorted(
            product_id for product_id in products if len(sources[product_id]) < 2
        )
        return {
            "score": (
                100.0 * (len(products) - len(single)) / len(products)
                if products
                else 0.0
            ),
            "products": products,
            "single": single,
        }

    def _score_reliability(self, measures, rates):
        judged = {
            vendor_id: values
            for vendor_id, values in measures.items()
            if values["line_count"]
        }
        spend = sum(values["vendor_spend"] for values in judged.values())
        if spend:
            score = (
                sum(
                    values["vendor_spend"] * rates[vendor_id]["otif_rate"]
                    for vendor_id, values in judged.items()
                )
                / spend
            )
        elif judged:
            score = sum(rates[vendor_id]["otif_rate"] for vendor_id in judged) / len(
                judged
            )
        else:
            score = 0.0
        weak = [
            vendor_id
            for vendor_id in judged
            if rates[vendor_id]["otif_rate"] < OTIF_ACTION_BELOW
        ]
        return {"score": score, "weak_vendors": weak}

    def _questions(self):
        """Questionnaire fields with the action proposed when not answered yes.

        Meant to be overridden to add questions (add the field too).
        """
        return {
            "question_cross_trained": self.env._(
                "Cross-train a second person on receiving, put-away and picking "
                "for each product family."
            ),
            "question_same_day_receiving": self.env._(
                "Agree that deliveries are checked and validated in Odoo the day "
                "they arrive."
            ),
            "question_small_orders": self.env._(
                "Start with small, frequent orders on one pilot category before "
                "cutting stock elsewhere."
            ),
            "question_problem_reporting": self.env._(
                "Set a same-day routine to report shortages, damage and late "
                "vendors."
            ),
            "question_trained": self.env._(
                "Train buyers and storekeepers on Odoo purchase and inventory."
            ),
        }

    def _score_workforce(self):
        questions = self._questions()
        return sum(ANSWER_POINTS.get(self[name] or "no") for name in questions) / len(
            questions
        )

    def _score_technology(self, stocked, receipts):
        total = len(stocked)
        without_rule = [
            product_id for product_id, has_rule, _code in stocked if not has_rule
        ]
        without_barcode = [
            product_id for product_id, _rule, has_code in stocked if not has_code
        ]
        receipt_count, late_count = receipts
        rule_share = 100.0 * (total - len(without_rule)) / total if total else 0.0
        barcode_share = 100.0 * (total - len(without_barcode)) / total if total else 0.0
        prompt_share = (
            100.0 * (receipt_count - late_count) / receipt_count
            if receipt_count
            else 0.0
        )
        return {
            "score": (rule_share + prompt_share + barcode_share) / 3.0,
            "stocked": total,
            "rule_share": rule_share,
            "barcode_share": barcode_share,
            "prompt_share": prompt_share,
            "without_rule": without_rule,
            "without_barcode": without_barcode,
            "receipt_count": receipt_count,
            "late_count": late_count,
        }

    # Actions and pilot candidates.

    def _prepare_actions(
        self, scores, turnaround, forecasting, flexibility, reliability, technology
    ):
        """Concrete next steps, the weakest dimension's first."""
        _ = self.env._
        proposals = []
        if flexibility["single"]:
            proposals.append(
                (
                    "flexibility",
                    _(
                        "Add a second vendor for these %(count)s products.",
                        count=len(flexibility["single"]),
                    ),
                    flexibility["single"],
                    [],
                )
            )
        if reliability["weak_vendors"]:
            proposals.append(
                (
                    "reliability",
                    _(
                        "Review late or short deliveries with these vendors "
                        "(%(count)s, OTIF under %(limit)s %%).",
                        count=len(reliability["weak_vendors"]),
                        limit=int(OTIF_ACTION_BELOW),
                    ),
                    [],
                    reliability["weak_vendors"],
                )
            )
        if turnaround["slow_vendors"]:
            proposals.append(
                (
                    "turnaround",
                    _(
                        "Ask these vendors (%(count)s) for shorter lead times, or "
                        "find closer sources (mean lead time over %(days)s days).",
                        count=len(turnaround["slow_vendors"]),
                        days=int(LEAD_TIME_ACTION_ABOVE),
                    ),
                    [],
                    turnaround["slow_vendors"],
                )
            )
        elif not turnaround["receipts"]:
            proposals.append(
                (
                    "turnaround",
                    _(
                        "Receive purchases through Odoo receipts so that lead "
                        "times can be measured."
                    ),
                    [],
                    [],
                )
            )
        if forecasting["erratic"]:
            proposals.append(
                (
                    "forecasting",
                    _(
                        "Keep these %(count)s products with erratic demand out of "
                        "the pilot, or cover them with extra safety stock.",
                        count=len(forecasting["erratic"]),
                    ),
                    forecasting["erratic"],
                    [],
                )
            )
        if technology["late_count"]:
            proposals.append(
                (
                    "technology",
                    _(
                        "Validate receipts the day they arrive: %(late)s of "
                        "%(total)s receipts were validated more than a day after "
                        "their expected arrival.",
                        late=technology["late_count"],
                        total=technology["receipt_count"],
                    ),
                    [],
                    [],
                )
            )
        if technology["without_rule"]:
            proposals.append(
                (
                    "technology",
                    _(
                        "Create reorder rules for these %(count)s storable "
                        "products.",
                        count=len(technology["without_rule"]),
                    ),
                    technology["without_rule"],
                    [],
                )
            )
        if technology["without_barcode"]:
            proposals.append(
                (
                    "technology",
                    _(
                        "Add barcodes to these %(count)s storable products.",
                        count=len(technology["without_barcode"]),
                    ),
                    technology["without_barcode"],
                    [],
                )
            )
        for name, text in self._questions().items():
            if self[name] != "yes":
                proposals.append(("workforce", text, [], []))

        rank = {dimension: scores[dimension] for dimension, _label in DIMENSIONS}
        proposals.sort(key=lambda proposal: rank[proposal[0]])
        return [
            {
                "sequence": sequence,
                "dimension": dimension,
                "name": text,
                "product_ids": [Command.set(product_ids)],
                "partner_ids": [Command.set(vendor_ids)],
            }
            for sequence, (dimension, text, product_ids, vendor_ids) in enumerate(
                proposals, start=1
            )
        ]

    def _prepare_candidates(
        self, purchases, sources, demand, forecasting, measures, rates
    ):
        """Product categories ranked as JIT pilot candidates, best first.

        A category's score is the mean of four sub-scores, each 0 when the
        window holds nothing to measure it (an unmeasured category is no
        place to start): demand stability (mean forecasting score of its
        products), share of its bought products with a second qualified
        vendor, its vendors' OTIF and their lead-time score, both weighted by
        the category's spend with each vendor.
        """
        _ = self.env._
        categories = defaultdict(
            lambda: {
                "products": set(),
                "bought": set(),
                "vendor_spend": defaultdict(float),
            }
        )
        for row in purchases:
            category = categories[row["categ_id"]]
            category["products"].add(row["product_id"])
            category["bought"].add(row["product_id"])
            category["vendor_spend"][row["vendor_id"]] += row["spend"]
        for product_id, (categ_id, _total, _squares) in demand.items():
            categories[categ_id]["products"].add(product_id)

        result = []
        for categ_id, category in categories.items():
            reasons = []
            demand_scores = [
                forecasting["product_scores"][product_id]
                for product_id in category["products"]
                if product_id in forecasting["product_scores"]
            ]
            demand_score = (
                sum(demand_scores) / len(demand_scores) if demand_scores else 0.0
            )
            reasons.append(
                _("demand stability %(score)s/100", score=round(demand_score))
                if demand_scores
                else _("no demand in the window")
            )
            bought = category["bought"]
            flexible = [
                product_id for product_id in bought if len(sources[product_id]) >= 2
            ]
            flexibility = 100.0 * len(flexible) / len(bought) if bought else 0.0
            reasons.append(
                _(
                    "%(flexible)s of %(bought)s bought products with a second "
                    "vendor",
                    flexible=len(flexible),
                    bought=len(bought),
                )
                if bought
                else _("nothing bought in the window")
            )
            otif, lead_time = self._category_vendor_figures(
                category["vendor_spend"], measures, rates
            )
            if otif is not None:
                reasons.append(_("vendors' OTIF %(otif)s %%", otif=round(otif)))
            if lead_time is not None:
                reasons.append(_("lead time %(days)s days", days=round(lead_time, 1)))
            subscores = [
                demand_score,
                flexibility,
                otif or 0.0,
                lead_time_score(lead_time) if lead_time is not None else 0.0,
            ]
            result.append(
                {
                    "categ_id": categ_id,
                    "score": sum(subscores) / len(subscores),
                    "product_count": len(category["products"]),
                    "demand_score": demand_score,
                    "flexibility_score": flexibility,
                    "reliability_score": otif or 0.0,
                    "lead_time_days": lead_time or 0.0,
                    "reasons": "; ".join(reasons),
                }
            )
        result.sort(key=lambda vals: (-vals["score"], vals["categ_id"]))
        for rank, vals in enumerate(result, start=1):
            vals["rank"] = rank
        return result

    @api.model
    def _category_vendor_figures(self, vendor_spend, measures, rates):
        """Spend-weighted OTIF and mean lead time of a category's vendors."""
        otif_weight = otif_sum = lead_weight = lead_sum = 0.0
        for vendor_id, spend in vendor_spend.items():
            values = measures.get(vendor_id)
            if not values:
                continue
            weight = spend or 1.0
            if values["line_count"]:
                otif_weight += weight
                otif_sum += weight * rates[vendor_id]["otif_rate"]
            if values["receipt_count"]:
                lead_weight += weight
                lead_sum += weight * values["lead_time_mean"]
        return (
            otif_sum / otif_weight if otif_weight else None,
            lead_sum / lead_weight if lead_weight else None,
        )
