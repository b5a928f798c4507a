from odoo import api, fields, models

from .res_company import GRADES


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    jit_vendor_grade = fields.Selection(
        GRADES,
        string="Vendor Grade",
        compute="_compute_jit_vendor_quality",
        help="Grade of the rule's vendor on its latest graded quarterly "
        "scorecard (Purchase > Just in Time > Supplier Scorecards).",
    )
    jit_vendor_below_grade = fields.Boolean(
        string="Vendor Below Grade",
        compute="_compute_jit_vendor_quality",
        search="_search_jit_vendor_below_grade",
        help="Set on JIT rules whose vendor is graded below the minimum vendor "
        "grade of Settings > Just in Time.",
    )
    jit_suggested_vendor_id = fields.Many2one(
        "res.partner",
        string="Suggested Vendor",
        compute="_compute_jit_vendor_quality",
        help="When the rule's vendor is below the minimum grade: another vendor "
        "of the product (vendor price lines) graded at or above the minimum and "
        "better than the current one, the best first.",
    )

    @api.depends(
        "jit_vendor_id",
        "jit_policy_id",
        "product_id",
        "company_id.jit_minimum_vendor_grade",
    )
    def _compute_jit_vendor_quality(self):
        for company in self.company_id:
            rules = self.filtered(
                lambda rule, company=company: rule.company_id == company
            )
            rules._compute_jit_vendor_quality_for_company(company)
        self.filtered(lambda rule: not rule.company_id).update(
            {
                "jit_vendor_grade": False,
                "jit_vendor_below_grade": False,
                "jit_suggested_vendor_id": False,
            }
        )

    def _compute_jit_vendor_quality_for_company(self, company):
        sellers = self.env["product.supplierinfo"].search(
            [
                ("product_tmpl_id", "in", self.product_id.product_tmpl_id.ids),
                ("company_id", "in", [False, company.id]),
            ]
        )
        vendors = self.jit_vendor_id.commercial_partner_id | (
            sellers.partner_id.commercial_partner_id
        )
        latest = self.env["jit.supplier.scorecard"]._latest_by_vendor(
            vendors.ids, company
        )
        minimum = company.jit_minimum_vendor_grade
        for rule in self:
            vendor = rule.jit_vendor_id.commercial_partner_id
            card = latest.get(vendor.id)
            rule.jit_vendor_grade = card.grade if card else False
            below = bool(
                minimum and rule.jit_policy_id and card and card.grade > minimum
            )
            rule.jit_vendor_below_grade = below
            rule.jit_suggested_vendor_id = (
                rule._find_better_vendor(sellers, latest, card, minimum)
                if below
                else False
            )

    def _find_better_vendor(self, sellers, latest, current_card, minimum):
        """Best other vendor of the rule's product at or above the minimum.

        Meant to be overridden to add criteria (price, delay). Candidates are
        the vendor price lines of the product (or of its template); ties on
        grade go to the higher score.
        """
        self.ensure_one()
        current = self.jit_vendor_id.commercial_partner_id
        candidates = []
        for seller in sellers:
            if seller.product_tmpl_id != self.product_id.product_tmpl_id or (
                seller.product_id and seller.product_id != self.product_id
            ):
                continue
            vendor = seller.partner_id.commercial_partner_id
            card = latest.get(vendor.id)
            if (
                vendor == current
                or not card
                or card.grade > minimum
                or card.grade >= current_card.grade
            ):
                continue
            candidates.append((card.grade, -card.score, vendor.id))
        return min(candidates)[2] if candidates else False

    def _search_jit_vendor_below_grade(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(
                self.env._("Search on vendor below grade with = True or = False.")
            )
        rules = self.search([("jit_policy_id", "!=", False)])
        flagged = rules.filtered("jit_vendor_below_grade")
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", flagged.ids)]
