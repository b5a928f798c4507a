from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import AccessError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jit_scorecard_grace_days = fields.Integer(
        related="company_id.jit_scorecard_grace_days",
        readonly=False,
        help="Days a receipt may arrive after the promised date and still count "
        "as on time.",
    )
    jit_scorecard_prior_receipts = fields.Integer(
        related="company_id.jit_scorecard_prior_receipts",
        readonly=False,
        help="Receipts' worth of weight given to the company average when "
        "shrinking small samples.",
    )
    jit_weight_on_time = fields.Float(
        related="company_id.jit_weight_on_time",
        readonly=False,
        help="Weight of the on-time rate in the vendor score.",
    )
    jit_weight_in_full = fields.Float(
        related="company_id.jit_weight_in_full",
        readonly=False,
        help="Weight of the in-full rate in the vendor score.",
    )
    jit_weight_quality = fields.Float(
        related="company_id.jit_weight_quality",
        readonly=False,
        help="Weight of quality (100 minus the return rate) in the vendor score.",
    )
    jit_weight_price = fields.Float(
        related="company_id.jit_weight_price",
        readonly=False,
        help="Weight of price stability in the vendor score.",
    )
    jit_weight_lead_time = fields.Float(
        related="company_id.jit_weight_lead_time",
        readonly=False,
        help="Weight of lead-time consistency in the vendor score.",
    )
    jit_minimum_vendor_grade = fields.Selection(
        related="company_id.jit_minimum_vendor_grade",
        readonly=False,
        help="Vendors below this grade are flagged on the JIT rules they supply.",
    )
    jit_readiness_window_days = fields.Integer(
        related="company_id.jit_readiness_window_days",
        readonly=False,
        help="Past days a readiness assessment looks at.",
    )

    def action_jit_compute_scorecards(self):
        """Compute the scorecards of the last twelve months, now."""
        self.ensure_one()
        if not self.env.user.has_group("jit_readiness.group_readiness_manager"):
            raise AccessError(
                self.env._(
                    "Only a Readiness JIT manager can compute scorecards. Ask an "
                    "administrator to add you to that group in Settings > Users."
                )
            )
        today = fields.Date.context_today(self)
        self.env["jit.supplier.scorecard"].sudo()._compute_history(
            self.company_id, today - relativedelta(months=12)
        )
        return self.env["ir.actions.act_window"]._for_xml_id(
            "jit_readiness.action_jit_supplier_scorecard"
        )
