from odoo import fields, models


class JitPricingWhatifLine(models.TransientModel):
    _name = "jit.pricing.whatif.line"
    _description = "JIT Pricing: What-if Line"
    _order = "product_tmpl_id"

    wizard_id = fields.Many2one(
        "jit.pricing.whatif.wizard",
        required=True,
        ondelete="cascade",
        help="The simulation this line belongs to.",
    )
    product_tmpl_id = fields.Many2one(
        "product.template",
        string="Product",
        required=True,
        help="The product simulated.",
    )
    rule_id = fields.Many2one(
        "jit.markup.rule",
        help="The markup rule that prices the product.",
    )
    currency_id = fields.Many2one(
        "res.currency", help="Company currency of the simulated prices."
    )
    current_cost = fields.Monetary(
        help="The cost the rule reads today, per unit, in company currency."
    )
    new_cost = fields.Monetary(help="The cost after the simulated change.")
    current_price = fields.Monetary(help="The selling price today.")
    new_price = fields.Monetary(help="The selling price the rule gives the new cost.")
    current_margin_percent = fields.Float(
        string="Current Margin (%)",
        help="(current price - current cost) / current price, in percent.",
    )
    new_margin_percent = fields.Float(
        string="New Margin (%)",
        help="(new price - new cost) / new price, in percent.",
    )
    status = fields.Char(
        help="Why a product has no new price: no rule, no cost or no change."
    )
