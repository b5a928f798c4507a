from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    jit_default_policy_id = fields.Many2one(
        "jit.replenishment.policy",
        string="Default JIT Policy",
        check_company=True,
        help="Policy proposed when reorder rules are put under JIT without "
        "choosing one.",
    )
    jit_holding_cost_rate = fields.Float(
        string="Holding Cost Rate (%/year)",
        help="Yearly cost of keeping stock, in percent of its value (capital, "
        "storage, insurance, shrinkage; 20 to 30 % is common). The cash view "
        "shows value x rate / 12 as the holding cost per month. 0 shows no "
        "holding cost.",
    )
    jit_alert_user_id = fields.Many2one(
        "res.users",
        string="Stockout Alerts To",
        domain=[("share", "=", False)],
        help="User who receives the stockout alert of a JIT rule that turns red "
        "when its vendor has no buyer. Empty: the company's first inventory "
        "administrator.",
    )

    jit_lost_card_days = fields.Integer(
        string="Lost-Card Days",
        default=30,
        help="A kanban card in circulation that has not been scanned, counted or "
        "come back with goods for more than this many days is flagged lost.",
    )

    @api.constrains("jit_default_policy_id")
    def _check_jit_default_policy_id(self):
        for company in self:
            policy = company.jit_default_policy_id
            if policy and policy.company_id != company:
                raise ValidationError(
                    self.env._(
                        "The default JIT policy of %(company)s must belong to it; "
                        "%(policy)s belongs to %(other)s. Choose another one in "
                        "Settings > Just in Time.",
                        company=company.name,
                        policy=policy.name,
                        other=policy.company_id.name,
                    )
                )
