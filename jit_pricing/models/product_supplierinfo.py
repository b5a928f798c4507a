from odoo import api, models

PRICE_FIELDS = {
    "price",
    "discount",
    "currency_id",
    "product_tmpl_id",
    "product_id",
    "partner_id",
    "sequence",
    "min_qty",
    "date_start",
    "date_end",
}


class ProductSupplierinfo(models.Model):
    _inherit = "product.supplierinfo"

    @api.model_create_multi
    def create(self, vals_list):
        sellers = super().create(vals_list)
        sellers._jit_recompute_prices()
        return sellers

    def write(self, vals):
        result = super().write(vals)
        if PRICE_FIELDS & set(vals):
            self._jit_recompute_prices()
        return result

    def _jit_recompute_prices(self):
        """Reprice the products of these vendor price lines, per company."""
        if self.env.context.get("jit_pricing_no_trigger") or not self:
            return
        engine = self.env["jit.pricing.engine"]
        companies = self.company_id
        if not all(self.mapped("company_id")):
            companies |= self.env.company
        for company in companies:
            sellers = self.filtered(
                lambda seller, company=company: (
                    seller.company_id == company or not seller.company_id
                )
            )
            if engine._active_rules(company):
                engine.recompute(sellers.product_tmpl_id, "vendor_price", company)
