import logging

from odoo import fields, models
from odoo.tools import SQL, float_compare

_logger = logging.getLogger(__name__)


class JitPricingEngine(models.AbstractModel):
    """Finds each product's rule and cost, computes its new selling price and
    records the change in the ledger. Every lookup is one query for the whole
    batch of products."""

    _name = "jit.pricing.engine"
    _description = "JIT Pricing: Price Computation"

    def _active_rules(self, company):
        return (
            self.env["jit.markup.rule"]
            .sudo()
            .search([("company_id", "=", company.id)], order="sequence, id")
        )

    def _sellers_by_template(self, templates, company):
        """Valid vendor price lines of ``templates``, preferred first."""
        today = fields.Date.context_today(self)
        sellers = (
            self.env["product.supplierinfo"]
            .sudo()
            .search(
                [
                    ("product_tmpl_id", "in", templates.ids),
                    ("company_id", "in", [company.id, False]),
                    "|",
                    ("date_start", "=", False),
                    ("date_start", "<=", today),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", today),
                ]
            )
        )
        by_template = {}
        for seller in sellers.sorted(lambda s: (s.sequence, s.min_qty, s.id)):
            by_template.setdefault(seller.product_tmpl_id.id, []).append(seller)
        return by_template

    def _match_rules(self, templates, company, sellers_by_template=None):
        """The first rule by priority covering each template: {template id: rule}."""
        rules = self._active_rules(company)
        if not rules or not templates:
            return {}
        if sellers_by_template is None:
            sellers_by_template = self._sellers_by_template(templates, company)
        matched = {}
        for template in templates:
            vendor_ids = {
                seller.partner_id.commercial_partner_id.id
                for seller in sellers_by_template.get(template.id, [])
            }
            for rule in rules:
                if rule._covers(template, vendor_ids):
                    matched[template.id] = rule
                    break
        return matched

    def _to_company_unit_cost(self, price, currency, uom, template, company, date):
        """``price`` in ``currency`` per ``uom`` as a cost in company currency
        per unit of the template's unit of measure."""
        cost = currency._convert(
            price,
            company.currency_id,
            company,
            date or fields.Date.today(),
            round=False,
        )
        if uom and uom != template.uom_id:
            cost = uom._compute_price(cost, template.uom_id)
        return cost

    def _vendor_filter(self, rule):
        if rule.scope == "vendor":
            return rule.partner_id.commercial_partner_id
        return None

    def _costs_from_vendor_prices(self, templates, rules, company, sellers):
        costs = {}
        today = fields.Date.context_today(self)
        for template in templates:
            vendor = self._vendor_filter(rules[template.id])
            for seller in sellers.get(template.id, []):
                if vendor and seller.partner_id.commercial_partner_id != vendor:
                    continue
                price = seller.price * (1 - (seller.discount or 0.0) / 100)
                cost = self._to_company_unit_cost(
                    price,
                    seller.currency_id,
                    seller.product_uom,
                    template,
                    company,
                    today,
                )
                costs[template.id] = (cost, seller)
                break
        return costs

    def _templates_by_vendor(self, templates, rules):
        """Group templates by the vendor their rule restricts the cost to (an
        empty recordset when it does not), so each group is one query."""
        groups = {}
        for template in templates:
            vendor = self._vendor_filter(rules[template.id]) or self.env["res.partner"]
            groups.setdefault(vendor, []).append(template.id)
        return groups

    def _last_purchase_lines(self, template_ids, company, vendor):
        """The last confirmed purchase line of each template (by confirmation
        date), from ``vendor`` when given: one query."""
        self.env["purchase.order.line"].flush_model()
        self.env["purchase.order"].flush_model()
        vendor_condition = (
            SQL("AND partner.commercial_partner_id = %s", vendor.id)
            if vendor
            else SQL()
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (variant.product_tmpl_id) line.id
                  FROM purchase_order_line line
                  JOIN purchase_order purchase ON purchase.id = line.order_id
                  JOIN product_product variant ON variant.id = line.product_id
                  JOIN res_partner partner ON partner.id = purchase.partner_id
                 WHERE variant.product_tmpl_id = ANY(%s)
                   AND purchase.state IN ('purchase', 'done')
                   AND line.company_id = %s
                   AND line.display_type IS NULL
                   %s
              ORDER BY variant.product_tmpl_id,
                       COALESCE(purchase.date_approve, purchase.date_order) DESC,
                       line.id DESC
                """,
                template_ids,
                company.id,
                vendor_condition,
            )
        )
        return (
            self.env["purchase.order.line"]
            .sudo()
            .browse(row[0] for row in self.env.cr.fetchall())
        )

    def _last_bill_lines(self, template_ids, company, vendor):
        """The last posted vendor bill line of each template (by bill date),
        from ``vendor`` when given: one query."""
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model()
        vendor_condition = (
            SQL("AND bill.commercial_partner_id = %s", vendor.id) if vendor else SQL()
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (variant.product_tmpl_id) line.id
                  FROM account_move_line line
                  JOIN account_move bill ON bill.id = line.move_id
                  JOIN product_product variant ON variant.id = line.product_id
                 WHERE variant.product_tmpl_id = ANY(%s)
                   AND bill.move_type = 'in_invoice'
                   AND bill.state = 'posted'
                   AND line.display_type = 'product'
                   AND line.company_id = %s
                   %s
              ORDER BY variant.product_tmpl_id,
                       bill.invoice_date DESC NULLS LAST,
                       bill.id DESC,
                       line.id DESC
                """,
                template_ids,
                company.id,
                vendor_condition,
            )
        )
        return (
            self.env["account.move.line"]
            .sudo()
            .browse(row[0] for row in self.env.cr.fetchall())
        )

    def _costs_from_purchases(self, templates, rules, company):
        costs = {}
        for vendor, template_ids in self._templates_by_vendor(templates, rules).items():
            for line in self._last_purchase_lines(template_ids, company, vendor):
                template = line.product_id.product_tmpl_id
                order_date = line.order_id.date_approve or line.order_id.date_order
                cost = self._to_company_unit_cost(
                    line.price_unit * (1 - (line.discount or 0.0) / 100),
                    line.currency_id,
                    line.product_uom,
                    template,
                    company,
                    order_date.date(),
                )
                costs[template.id] = (cost, line.order_id)
        return costs

    def _costs_from_bills(self, templates, rules, company):
        costs = {}
        for vendor, template_ids in self._templates_by_vendor(templates, rules).items():
            for line in self._last_bill_lines(template_ids, company, vendor):
                template = line.product_id.product_tmpl_id
                cost = self._to_company_unit_cost(
                    line.price_unit * (1 - (line.discount or 0.0) / 100),
                    line.currency_id,
                    line.product_uom_id,
                    template,
                    company,
                    line.move_id.invoice_date,
                )
                costs[template.id] = (cost, line.move_id)
        return costs

    def _find_costs(self, templates, rules, company, sellers):
        """{template id: (cost, source document)} for the templates with a cost;
        each cost basis is read with one query for all its templates."""
        costs = {}
        by_basis = {}
        for template in templates:
            by_basis.setdefault(rules[template.id].cost_basis, []).append(template.id)
        Template = self.env["product.template"]
        if by_basis.get("vendor_price"):
            costs.update(
                self._costs_from_vendor_prices(
                    Template.browse(by_basis["vendor_price"]), rules, company, sellers
                )
            )
        if by_basis.get("last_purchase"):
            costs.update(
                self._costs_from_purchases(
                    Template.browse(by_basis["last_purchase"]), rules, company
                )
            )
        if by_basis.get("last_bill"):
            costs.update(
                self._costs_from_bills(
                    Template.browse(by_basis["last_bill"]), rules, company
                )
            )
        return costs

    def _last_costs(self, templates, company):
        """Cost of each template's last applied change, else its product cost."""
        changes = (
            self.env["jit.price.change"]
            .sudo()
            .search(
                [
                    ("product_tmpl_id", "in", templates.ids),
                    ("company_id", "=", company.id),
                    ("state", "=", "applied"),
                ],
                order="date_effective desc, id desc",
            )
        )
        last_costs = {}
        for change in changes:
            last_costs.setdefault(change.product_tmpl_id.id, change.new_cost)
        for template in templates.with_company(company):
            last_costs.setdefault(template.id, template.standard_price)
        return last_costs

    def _compute_proposals(self, templates, company, cost_factor=1.0):
        """Work out new prices without writing anything.

        Returns ``(proposals, report)``: proposals is a list of dicts (template,
        rule, old/new cost and price, source) for templates whose price would
        change; report lists the templates with no rule, with no cost and
        unchanged.
        """
        templates = (
            templates.sudo()
            .with_company(company)
            .filtered(
                lambda template: not template.company_id
                or template.company_id == company
            )
        )
        report = {"no_rule": [], "missing_cost": [], "unchanged": []}
        sellers = self._sellers_by_template(templates, company)
        rules = self._match_rules(templates, company, sellers)
        covered = templates.filtered(lambda template: template.id in rules)
        report["no_rule"] = templates - covered
        if not covered:
            return [], report
        costs = self._find_costs(covered, rules, company, sellers)
        last_costs = self._last_costs(covered, company)
        proposals = []
        missing = []
        unchanged = []
        for template in covered:
            if template.id not in costs:
                missing.append(template.id)
                continue
            cost, source = costs[template.id]
            cost *= cost_factor
            rule = rules[template.id]
            new_price = rule._compute_price(cost)
            if not float_compare(
                new_price,
                template.list_price,
                precision_rounding=company.currency_id.rounding,
            ):
                unchanged.append(template.id)
                continue
            proposals.append(
                {
                    "template": template,
                    "rule": rule,
                    "old_cost": last_costs[template.id],
                    "new_cost": company.currency_id.round(cost),
                    "old_price": template.list_price,
                    "new_price": new_price,
                    "source": source,
                    "explanation": rule._explain_price(cost),
                }
            )
        report["missing_cost"] = templates.browse(missing)
        report["unchanged"] = templates.browse(unchanged)
        for template in report["missing_cost"]:
            _logger.info(
                "Pricing: %s has no %s cost for rule %s; its price is unchanged",
                template.display_name,
                rules[template.id].cost_basis,
                rules[template.id].name,
            )
        return proposals, report

    def _record_proposals(self, proposals, company, trigger):
        """Create the ledger entries; apply those under the approval threshold."""
        if not proposals:
            return self.env["jit.price.change"]
        threshold = company.jit_pricing_approval_threshold
        values = []
        for proposal in proposals:
            old_price = proposal["old_price"]
            new_price = proposal["new_price"]
            change = (new_price - old_price) / old_price * 100 if old_price else 100.0
            margin = (
                (new_price - proposal["new_cost"]) / new_price * 100 if new_price else 0
            )
            needs_approval = bool(threshold) and abs(change) >= threshold
            source = proposal["source"]
            values.append(
                {
                    "product_tmpl_id": proposal["template"].id,
                    "company_id": company.id,
                    "rule_id": proposal["rule"].id,
                    "old_cost": proposal["old_cost"],
                    "new_cost": proposal["new_cost"],
                    "old_price": old_price,
                    "new_price": new_price,
                    "change_percent": change,
                    "new_margin_percent": margin,
                    "explanation": proposal["explanation"],
                    "trigger": trigger,
                    "source_document": (source and f"{source._name},{source.id}")
                    or False,
                    "user_id": self.env.user.id,
                    "state": "proposed",
                    "note": (
                        needs_approval
                        and self.env._(
                            "Change of %(change).2f %% is at or above the approval "
                            "threshold of %(threshold).2f %%.",
                            change=change,
                            threshold=threshold,
                        )
                    )
                    or False,
                    "_needs_approval": needs_approval,
                }
            )
        Change = self.env["jit.price.change"].sudo()
        older = Change.search(
            [
                ("product_tmpl_id", "in", [v["product_tmpl_id"] for v in values]),
                ("company_id", "=", company.id),
                ("state", "=", "proposed"),
            ]
        )
        # A proposal still waiting with the same rule, cost and price is the
        # same change: keep it rather than replace it by an identical one
        # every time the scheduled recompute runs.
        waiting = {
            (c.product_tmpl_id.id, c.rule_id.id, c.new_cost, c.new_price): c
            for c in older
        }
        kept = Change.browse()
        fresh = []
        for vals in values:
            key = (
                vals["product_tmpl_id"],
                vals["rule_id"],
                vals["new_cost"],
                vals["new_price"],
            )
            if vals["_needs_approval"] and key in waiting:
                kept |= waiting[key]
            else:
                fresh.append(vals)
        values = fresh
        (older - kept).write(
            {
                "state": "rejected",
                "note": self.env._("Replaced by a newer proposal."),
            }
        )
        to_apply = [v["product_tmpl_id"] for v in values if v["_needs_approval"]]
        for vals in values:
            vals.pop("_needs_approval")
        changes = Change.create(values)
        changes.filtered(lambda c: c.product_tmpl_id.id not in to_apply)._apply()
        return changes | kept

    def recompute(self, templates, trigger, company=None):
        """Recompute the selling price of ``templates`` with the company's rules.

        Only templates covered by an active rule are touched. Returns a dict with
        the changes (``changes``) and the report of ``_compute_proposals``.
        """
        company = company or self.env.company
        if not templates or not self._active_rules(company):
            return {
                "changes": self.env["jit.price.change"],
                "no_rule": templates,
                "missing_cost": templates.browse(),
                "unchanged": templates.browse(),
            }
        proposals, report = self._compute_proposals(templates, company)
        report["changes"] = self._record_proposals(proposals, company, trigger)
        return report

    def _summary_message(self, result):
        """One sentence per outcome, naming the products without a cost."""
        changes = result["changes"]
        parts = [
            self.env._(
                "%(applied)s price(s) changed, %(proposed)s waiting for approval, "
                "%(unchanged)s unchanged, %(no_rule)s not covered by any rule.",
                applied=len(changes.filtered(lambda c: c.state == "applied")),
                proposed=len(changes.filtered(lambda c: c.state == "proposed")),
                unchanged=len(result["unchanged"]),
                no_rule=len(result["no_rule"]),
            )
        ]
        if result["missing_cost"]:
            parts.append(
                self.env._(
                    "No cost found, price unchanged: %(products)s. Add a vendor "
                    "price line, a confirmed purchase order or a posted vendor "
                    "bill, or change the rule's cost basis.",
                    products=", ".join(result["missing_cost"].mapped("display_name")),
                )
            )
        return " ".join(parts)
