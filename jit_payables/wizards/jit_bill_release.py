# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class JitBillRelease(models.TransientModel):
    _name = "jit.bill.release"
    _description = "Release a vendor bill's hold"

    move_id = fields.Many2one(
        "account.move",
        string="Vendor Bill",
        required=True,
        readonly=True,
        help="The bill on hold to release.",
    )
    match_state = fields.Selection(
        related="move_id.jit_match_state",
        help="Why the bill is on hold.",
    )
    reason = fields.Text(
        required=True,
        help="Why the bill may be paid despite the variance; written in the "
        "bill's chatter.",
    )

    def action_release(self):
        self.ensure_one()
        self.move_id._jit_release_hold(self.reason)
        return {"type": "ir.actions.act_window_close"}
