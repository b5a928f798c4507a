from odoo import Command, fields
from odoo.tests import Form, TransactionCase, new_test_user


class JitPricingCase(TransactionCase):
    """Shared set-up: one vendor, one category, helpers to create products,
    rules, vendor price lines, confirmed purchase orders and posted bills."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        cls.company.write(
            {
                "jit_pricing_approval_threshold": 0.0,
                "jit_pricing_margin_floor": 0.0,
                "jit_pricing_price_jump_percent": 0.0,
            }
        )
        cls.vendor = cls.env["res.partner"].create({"name": "Acme Supplies"})
        cls.other_vendor = cls.env["res.partner"].create({"name": "Bolt Traders"})
        cls.customer = cls.env["res.partner"].create({"name": "Corner Shop"})
        cls.category = cls.env["product.category"].create({"name": "JIT Office"})
        cls.sub_category = cls.env["product.category"].create(
            {"name": "JIT Paper", "parent_id": cls.category.id}
        )
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.engine = cls.env["jit.pricing.engine"]
        cls.Change = cls.env["jit.price.change"]
        common_groups = (
            "base.group_user,account.group_account_invoice,"
            "purchase.group_purchase_user,"
        )
        cls.pricing_user = new_test_user(
            cls.env,
            login="jit_pricing_user",
            groups=common_groups + "jit_pricing.group_jit_pricing_user",
        )
        cls.pricing_manager = new_test_user(
            cls.env,
            login="jit_pricing_manager",
            groups=common_groups + "jit_pricing.group_jit_pricing_manager",
        )

    @classmethod
    def _create_product(cls, name, list_price=1.0, **values):
        return cls.env["product.template"].create(
            {
                "name": name,
                "list_price": list_price,
                "categ_id": values.pop("categ_id", cls.category.id),
                "type": "consu",
                **values,
            }
        )

    @classmethod
    def _create_rule(cls, **values):
        values.setdefault("name", "Test rule")
        values.setdefault("company_id", cls.company.id)
        return cls.env["jit.markup.rule"].create(values)

    @classmethod
    def _add_vendor_price(cls, template, price, partner=None, **values):
        return cls.env["product.supplierinfo"].create(
            {
                "product_tmpl_id": template.id,
                "partner_id": (partner or cls.vendor).id,
                "price": price,
                "currency_id": values.pop("currency_id", cls.currency.id),
                "company_id": values.pop("company_id", cls.company.id),
                **values,
            }
        )

    @classmethod
    def _purchase_order(cls, template, price, partner=None, quantity=1.0, **values):
        return cls.env["purchase.order"].create(
            {
                "partner_id": (partner or cls.vendor).id,
                "company_id": values.pop("company_id", cls.company.id),
                "order_line": [
                    Command.create(
                        {
                            "product_id": template.product_variant_id.id,
                            "product_qty": quantity,
                            "price_unit": price,
                            **values,
                        }
                    )
                ],
            }
        )

    @classmethod
    def _vendor_bill(cls, template, price, partner=None, date=None):
        return cls.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": (partner or cls.vendor).id,
                "invoice_date": date or fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": template.product_variant_id.id,
                            "quantity": 1.0,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )

    @classmethod
    def _customer_invoice(cls, template, price, env=None):
        env = env or cls.env
        return env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": template.product_variant_id.id,
                            "quantity": 2.0,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )

    def _changes(self, template):
        return self.Change.search([("product_tmpl_id", "in", template.ids)])

    @classmethod
    def _set_rate(cls, currency, rate, date=None):
        """``rate`` units of ``currency`` for one unit of company currency."""
        currency.active = True
        cls.env["res.currency.rate"].create(
            {
                "currency_id": currency.id,
                "rate": rate,
                "name": date or fields.Date.today(),
                "company_id": cls.company.id,
            }
        )

    @classmethod
    def _foreign_currency(cls):
        """A currency other than the company's, worth 2.00 company units."""
        currency = cls.env.ref("base.EUR")
        if currency == cls.currency:
            currency = cls.env.ref("base.USD")
        cls._set_rate(cls.currency, 1.0)
        cls._set_rate(currency, 0.5)
        return currency


__all__ = ["Form", "JitPricingCase"]
