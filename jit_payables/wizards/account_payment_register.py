# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class AccountPaymentRegister(models.TransientModel):
    _inherit = "account.payment.register"

    @api.model
    def default_get(self, fields_list):
        result = super().default_get(fields_list)
        line_commands = result.get("line_ids") or []
        if line_commands and line_commands[0][0] == 6:
            lines = self.env["account.move.line"].browse(line_commands[0][2])
            lines.move_id._jit_check_payable()
        return result

    def _create_payments(self):
        self.line_ids.move_id._jit_check_payable()
        return super()._create_payments()
