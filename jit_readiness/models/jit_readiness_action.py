from odoo import fields, models

DIMENSIONS = [
    ("turnaround", "Turnaround Speed"),
    ("forecasting", "Forecasting Confidence"),
    ("flexibility", "Supply-Chain Flexibility"),
    ("reliability", "Supplier Reliability"),
    ("workforce", "Workforce Readiness"),
    ("technology", "Technology"),
]


class JitReadinessAction(models.Model):
    _name = "jit.readiness.action"
    _description = "JIT readiness action"
    _order = "assessment_id, sequence, id"

    assessment_id = fields.Many2one(
        "jit.readiness.assessment",
        required=True,
        index=True,
        ondelete="cascade",
        help="Assessment that proposed this action.",
    )
    company_id = fields.Many2one(
        related="assessment_id.company_id",
        store=True,
        index=True,
        help="Company of the assessment.",
    )
    sequence = fields.Integer(
        default=10, help="Order of the action: the weakest dimension comes first."
    )
    dimension = fields.Selection(
        DIMENSIONS, required=True, help="Readiness dimension the action improves."
    )
    name = fields.Char(
        string="Action", required=True, help="What to do, in one sentence."
    )
    product_ids = fields.Many2many(
        "product.product",
        string="Products",
        help="Products the action is about, when it names products.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Vendors",
        help="Vendors the action is about, when it names vendors.",
    )
    done = fields.Boolean(help="Tick when the action has been carried out.")
