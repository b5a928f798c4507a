import logging
import threading

from odoo import fields, models

_logger = logging.getLogger(__name__)


class ProductTemplate(models.Model):
    _inherit = "product.template"

    jit_price_change_ids = fields.One2many(
        "jit.price.change",
        "product_tmpl_id",
        string="Price Changes",
        help="The price ledger of this product: every change made or proposed by "
        "the markup rules.",
    )
    jit_price_change_count = fields.Integer(
        string="Price Change Count",
        compute="_compute_jit_price_change_count",
        help="Number of ledger entries of this product in the current companies.",
    )
    jit_markup_rule_id = fields.Many2one(
        "jit.markup.rule",
        string="Markup Rule",
        compute="_compute_jit_pricing",
        help="The first active markup rule, by priority, that prices this product "
        "in the current company.",
    )
    jit_pricing_cost = fields.Float(
        string="Pricing Cost",
        compute="_compute_jit_pricing",
        digits="Product Price",
        help="The cost the markup rule reads now (company currency, per unit of "
        "the product), before any what-if change.",
    )
    jit_pricing_margin_percent = fields.Float(
        string="Current Margin (%)",
        compute="_compute_jit_pricing",
        help="(sales price - pricing cost) / sales price, in percent.",
    )
    jit_proposed_price = fields.Float(
        string="Proposed Price",
        compute="_compute_jit_proposed_price",
        digits="Product Price",
        help="New sales price waiting for a pricing manager's approval, if any.",
    )
    jit_pricing_status = fields.Char(
        string="Pricing Status",
        compute="_compute_jit_pricing",
        help="Whether a markup rule covers this product and found its cost.",
    )

    def _compute_jit_price_change_count(self):
        counts = dict(
            self.env["jit.price.change"]._read_group(
                [("product_tmpl_id", "in", self.ids)],
                ["product_tmpl_id"],
                ["__count"],
            )
        )
        for template in self:
            template.jit_price_change_count = counts.get(template, 0)

    def _compute_jit_proposed_price(self):
        proposals = self.env["jit.price.change"].search(
            [
                ("product_tmpl_id", "in", self.ids),
                ("company_id", "=", self.env.company.id),
                ("state", "=", "proposed"),
            ],
            order="date_effective desc, id desc",
        )
        proposed = {}
        for proposal in proposals:
            proposed.setdefault(proposal.product_tmpl_id.id, proposal.new_price)
        for template in self:
            template.jit_proposed_price = proposed.get(template.id, 0.0)

    def _compute_jit_pricing(self):
        engine = self.env["jit.pricing.engine"]
        company = self.env.company
        templates = self.filtered("id")
        sellers = engine._sellers_by_template(templates, company)
        rules = engine._match_rules(templates, company, sellers)
        covered = templates.filtered(lambda template: template.id in rules)
        costs = engine._find_costs(covered, rules, company, sellers) if covered else {}
        for template in self:
            rule = rules.get(template.id)
            template.jit_markup_rule_id = rule
            cost = costs.get(template.id, (0.0, None))[0]
            template.jit_pricing_cost = cost
            price = template.list_price
            template.jit_pricing_margin_percent = (
                (price - cost) / price * 100 if price and template.id in costs else 0.0
            )
            if not rule:
                template.jit_pricing_status = self.env._("No markup rule covers it.")
            elif template.id not in costs:
                template.jit_pricing_status = self.env._(
                    "Rule %(rule)s found no cost: the price is left as it is.",
                    rule=rule.name,
                )
            else:
                template.jit_pricing_status = self.env._(
                    "Priced by rule %(rule)s.", rule=rule.name
                )

    def action_view_jit_price_changes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jit_pricing.action_jit_price_change"
        )
        action["domain"] = [("product_tmpl_id", "=", self.id)]
        action["context"] = {"default_product_tmpl_id": self.id}
        return action

    def action_jit_recompute_price(self):
        """Recompute the selected products' selling prices now."""
        result = self.env["jit.pricing.engine"].recompute(self, "manual")
        message = self.env["jit.pricing.engine"]._summary_message(result)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Selling prices recomputed"),
                "message": message,
                "type": "warning" if result["missing_cost"] else "success",
                "sticky": bool(result["missing_cost"]),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _cron_jit_recompute_prices(self, batch_size=200):
        """Scheduled recompute of every product, company by company, committing
        after each batch; a product that fails is logged and skipped."""
        engine = self.env["jit.pricing.engine"]
        # Tests run inside one transaction that must not be committed.
        commit = not getattr(threading.current_thread(), "testing", False)
        groups = self.env["jit.markup.rule"].sudo()._read_group([], ["company_id"])
        companies = self.env["res.company"].concat(*(company for [company] in groups))
        for company in companies:
            template_ids = (
                self.sudo()
                .search([("company_id", "in", [company.id, False])], order="id")
                .ids
            )
            _logger.info(
                "Pricing: recomputing %s products of %s",
                len(template_ids),
                company.name,
            )
            changed = failed = 0
            for start in range(0, len(template_ids), batch_size):
                batch = self.browse(template_ids[start : start + batch_size])
                changed_batch, failed_batch = self._jit_recompute_batch(
                    engine.with_company(company), batch, company
                )
                changed += changed_batch
                failed += failed_batch
                if commit:
                    # One transaction per batch: a long run keeps its progress.
                    self.env.cr.commit()  # pylint: disable=invalid-commit
            _logger.info(
                "Pricing: %s done, %s changes, %s products failed",
                company.name,
                changed,
                failed,
            )

    def _jit_recompute_batch(self, engine, batch, company):
        """Recompute a batch in one go; when it fails, again product by product
        so that only the faulty product is skipped."""
        try:
            with self.env.cr.savepoint():
                result = engine.recompute(batch, "scheduled", company)
            return len(result["changes"]), 0
        except Exception:
            _logger.debug("Pricing: batch failed, retrying product by product")
        changed = failed = 0
        for template in batch:
            try:
                with self.env.cr.savepoint():
                    result = engine.recompute(template, "scheduled", company)
                changed += len(result["changes"])
            except Exception:
                failed += 1
                _logger.exception(
                    "Pricing: recompute of %s failed, skipped", template.display_name
                )
        return changed, failed
