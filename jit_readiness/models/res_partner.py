from odoo import fields, models

from .res_company import GRADES


class ResPartner(models.Model):
    _inherit = "res.partner"

    jit_scorecard_ids = fields.One2many(
        "jit.supplier.scorecard",
        "partner_id",
        string="Supplier Scorecards",
        groups="jit_readiness.group_readiness_user",
        help="Monthly and quarterly scorecards of this vendor.",
    )
    jit_scorecard_count = fields.Integer(
        string="Scorecards",
        compute="_compute_jit_scorecard",
        help="Number of scorecards of this vendor in the current company.",
    )
    jit_vendor_grade = fields.Selection(
        GRADES,
        string="Vendor Grade",
        compute="_compute_jit_scorecard",
        help="Grade of the vendor's latest graded quarter in the current company.",
    )
    jit_vendor_score = fields.Float(
        string="Vendor Score",
        compute="_compute_jit_scorecard",
        help="Score (0-100) of the vendor's latest graded quarter.",
    )

    def _compute_jit_scorecard(self):
        company = self.env.company
        # Counts and grades only, for the current company: anyone who sees the
        # vendor may see them, the scorecards themselves stay restricted.
        scorecards = self.env["jit.supplier.scorecard"].sudo()
        counts = dict(
            scorecards._read_group(
                [("partner_id", "in", self.ids), ("company_id", "=", company.id)],
                ["partner_id"],
                ["__count"],
            )
        )
        latest = scorecards._latest_by_vendor(self.ids, company)
        for partner in self:
            card = latest.get(partner.id)
            partner.jit_scorecard_count = counts.get(partner, 0)
            partner.jit_vendor_grade = card.grade if card else False
            partner.jit_vendor_score = card.score if card else 0.0

    def action_view_jit_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jit_readiness.action_jit_supplier_scorecard"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"search_default_filter_quarter": 1}
        return action
