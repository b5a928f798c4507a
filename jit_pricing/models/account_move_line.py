from odoo import api, fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    jit_unit_cost = fields.Float(
        string="Unit Cost",
        compute="_compute_jit_margin",
        digits="Product Price",
        help="Cost of one unit of the line, in company currency: the cost of the "
        "product's last applied price change, else the product's cost.",
    )
    jit_margin_percent = fields.Float(
        string="Margin (%)",
        compute="_compute_jit_margin",
        help="(net unit price - unit cost) / net unit price, in percent, the price "
        "converted to company currency.",
    )
    jit_margin_floor_percent = fields.Float(
        string="Margin Floor (%)",
        compute="_compute_jit_margin",
        help="The floor this line must reach: the markup rule's floor when it sets "
        "one, else the company's. 0: no floor.",
    )
    jit_below_floor = fields.Boolean(
        string="Below Margin Floor",
        compute="_compute_jit_margin",
        help="Set when the line's margin is under its floor: posting then needs a "
        "pricing manager and a reason.",
    )

    @api.depends(
        "price_unit",
        "discount",
        "product_id",
        "product_uom_id",
        "currency_id",
        "move_id.invoice_date",
        "move_id.move_type",
    )
    def _compute_jit_margin(self):
        self.jit_unit_cost = 0.0
        self.jit_margin_percent = 0.0
        self.jit_margin_floor_percent = 0.0
        self.jit_below_floor = False
        lines = self.filtered(
            lambda line: (
                line.move_id.move_type == "out_invoice"
                and line.display_type == "product"
                and line.product_id
            )
        )
        engine = self.env["jit.pricing.engine"].sudo()
        for company in lines.company_id:
            company_lines = lines.filtered(lambda line, c=company: line.company_id == c)
            templates = company_lines.product_id.product_tmpl_id
            rules = engine._match_rules(templates, company)
            costs = engine._last_costs(templates, company)
            for line in company_lines:
                template = line.product_id.product_tmpl_id
                rule = rules.get(template.id)
                floor = (
                    rule and rule.margin_floor_percent
                ) or company.jit_pricing_margin_floor
                cost = costs.get(template.id, 0.0)
                if line.product_uom_id and line.product_uom_id != template.uom_id:
                    cost = template.uom_id._compute_price(cost, line.product_uom_id)
                price = line.currency_id._convert(
                    line.price_unit * (1 - (line.discount or 0.0) / 100),
                    company.currency_id,
                    company,
                    line.move_id.invoice_date or fields.Date.context_today(line),
                    round=False,
                )
                if price > 0:
                    margin = (price - cost) / price * 100
                else:
                    margin = -100.0 if cost > 0 else 0.0
                line.jit_unit_cost = cost
                line.jit_margin_percent = margin
                line.jit_margin_floor_percent = floor
                line.jit_below_floor = bool(floor) and round(margin, 2) < floor
