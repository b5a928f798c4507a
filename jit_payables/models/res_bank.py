# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.exceptions import ValidationError

from ..bank_numbers import clean_bic


class ResBank(models.Model):
    _inherit = "res.bank"

    @api.constrains("bic")
    def _check_jit_bic(self):
        for bank in self.filtered("bic"):
            try:
                clean_bic(bank.bic)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The BIC %(bic)s of bank %(bank)s is not valid: %(reason)s. "
                        "Fix it on the bank (Contacts > Configuration > Banks).",
                        bic=bank.bic,
                        bank=bank.name,
                        reason=str(error),
                    )
                ) from error
