from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class JitPricingWhatifWizard(models.TransientModel):
    _name = "jit.pricing.whatif.wizard"
    _description = "JIT Pricing: What-if Simulation"

    product_tmpl_ids = fields.Many2many(
        "product.template",
        string="Products",
        required=True,
        help="The products to simulate.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="The company whose rules and costs are used.",
    )
    cost_change_percent = fields.Float(
        string="Vendor Cost Change (%)",
        default=0.0,
        help="How much every vendor cost moves, such as 8 for '+8 %' or -5 for '-5 %'.",
    )
    line_ids = fields.One2many(
        "jit.pricing.whatif.line",
        "wizard_id",
        string="Preview",
        help="Current and new cost, price and margin side by side.",
    )
    state = fields.Selection(
        [("draft", "Set Up"), ("preview", "Preview")],
        default="draft",
        required=True,
        help="Set Up: choose the change. Preview: check it before applying.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            "product_tmpl_ids" in fields_list
            and self.env.context.get("active_model") == "product.template"
        ):
            values["product_tmpl_ids"] = [
                fields.Command.set(self.env.context.get("active_ids", []))
            ]
        return values

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_preview(self):
        """Fill the preview lines; nothing is written on the products."""
        self.ensure_one()
        if self.cost_change_percent <= -100:
            raise UserError(
                self.env._(
                    "A cost change of %(change)s %% would make costs zero or "
                    "negative; enter a change above -100 %%.",
                    change=self.cost_change_percent,
                )
            )
        engine = self.env["jit.pricing.engine"].with_company(self.company_id)
        templates = self.product_tmpl_ids.with_company(self.company_id)
        factor = 1 + self.cost_change_percent / 100
        sellers = engine._sellers_by_template(templates, self.company_id)
        rules = engine._match_rules(templates, self.company_id, sellers)
        covered = templates.filtered(lambda template: template.id in rules)
        costs = engine._find_costs(covered, rules, self.company_id, sellers)
        currency = self.company_id.currency_id
        lines = [fields.Command.clear()]
        for template in templates:
            rule = rules.get(template.id)
            values = {
                "product_tmpl_id": template.id,
                "rule_id": rule and rule.id,
                "currency_id": currency.id,
                "current_price": template.list_price,
                "new_price": template.list_price,
            }
            if not rule:
                values["status"] = self.env._("No markup rule covers it.")
            elif template.id not in costs:
                values["status"] = self.env._("No cost found: price unchanged.")
            else:
                cost = costs[template.id][0]
                new_cost = cost * factor
                new_price = rule._compute_price(new_cost)
                values.update(
                    current_cost=cost,
                    new_cost=new_cost,
                    new_price=new_price,
                    current_margin_percent=self._margin(template.list_price, cost),
                    new_margin_percent=self._margin(new_price, new_cost),
                )
            lines.append(fields.Command.create(values))
        self.write({"line_ids": lines, "state": "preview"})
        return self._reopen()

    @staticmethod
    def _margin(price, cost):
        return (price - cost) / price * 100 if price else 0.0

    def action_back(self):
        self.ensure_one()
        self.write({"line_ids": [fields.Command.clear()], "state": "draft"})
        return self._reopen()

    def action_apply(self):
        """Record the previewed prices in the ledger; changes at or above the
        approval threshold become proposals, as with any other trigger."""
        self.ensure_one()
        if not self.env.user.has_group("jit_pricing.group_jit_pricing_manager"):
            raise AccessError(
                self.env._(
                    "Only a pricing manager (Pricing JIT: Manager) can apply a "
                    "what-if simulation."
                )
            )
        engine = self.env["jit.pricing.engine"].with_company(self.company_id)
        proposals, _report = engine._compute_proposals(
            self.product_tmpl_ids,
            self.company_id,
            cost_factor=1 + self.cost_change_percent / 100,
        )
        changes = engine._record_proposals(proposals, self.company_id, "what_if")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jit_pricing.action_jit_price_change"
        )
        action["domain"] = [("id", "in", changes.ids)]
        return action
