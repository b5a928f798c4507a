from odoo import fields, models


class JitReadinessPilotCandidate(models.Model):
    _name = "jit.readiness.pilot.candidate"
    _description = "JIT pilot candidate category"
    _order = "assessment_id, rank, id"

    assessment_id = fields.Many2one(
        "jit.readiness.assessment",
        required=True,
        index=True,
        ondelete="cascade",
        help="Assessment that ranked this category.",
    )
    company_id = fields.Many2one(
        related="assessment_id.company_id",
        store=True,
        index=True,
        help="Company of the assessment.",
    )
    rank = fields.Integer(help="1 is the best place to start a JIT pilot.")
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        required=True,
        ondelete="cascade",
        help="Category ranked as a pilot candidate.",
    )
    score = fields.Float(
        help="Mean of four sub-scores, 0-100: demand stability, second "
        "vendors, vendors' OTIF and lead time; a sub-score with nothing to "
        "measure counts 0."
    )
    product_count = fields.Integer(
        string="Products", help="Products of the category bought or sold in the window."
    )
    demand_score = fields.Float(
        string="Demand Stability",
        help="Mean forecasting score of the category's products with demand.",
    )
    flexibility_score = fields.Float(
        string="Second Vendors (%)",
        help="Share of the category's purchased products with a second "
        "qualified vendor.",
    )
    reliability_score = fields.Float(
        string="Vendors' OTIF (%)",
        help="OTIF of the category's vendors, weighted by the category's spend "
        "with each.",
    )
    lead_time_days = fields.Float(
        string="Lead Time (days)",
        help="Mean lead time of the category's vendors, weighted by spend.",
    )
    reasons = fields.Text(help="Why the category ranks where it does.")
