# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .account_move_line import MATCH_STATES

# Writing one of these makes the writer the bill's last editor.
EDIT_FIELDS = {
    "invoice_line_ids",
    "line_ids",
    "partner_id",
    "invoice_date",
    "invoice_date_due",
    "invoice_payment_term_id",
    "partner_bank_id",
    "currency_id",
    "ref",
    "payment_reference",
}
MATCH_PRIORITY = {"quantity": 3, "price": 2, "matched": 1, "no_po": 0}


class AccountMove(models.Model):
    _inherit = "account.move"

    jit_match_state = fields.Selection(
        MATCH_STATES,
        string="Match Status",
        compute="_compute_jit_match_state",
        store=True,
        help="Three-way match of the vendor bill: no purchase order linked, all "
        "linked lines within tolerance, or the worst variance found (quantity "
        "billed beyond receipt, then price above the order).",
    )
    jit_on_hold = fields.Boolean(
        string="On Hold",
        compute="_compute_jit_on_hold",
        store=True,
        help="Out of tolerance while three-way match is on: no payment can be "
        "registered and no payment run picks the bill until a payables manager "
        "other than its creator releases it with a reason.",
    )
    jit_hold_released_by_id = fields.Many2one(
        "res.users",
        string="Hold Released By",
        readonly=True,
        copy=False,
        help="Payables manager who released the hold.",
    )
    jit_hold_release_reason = fields.Text(
        string="Hold Release Reason",
        readonly=True,
        copy=False,
        help="Why the bill may be paid despite its variance (also in the chatter).",
    )
    jit_approval_state = fields.Selection(
        [
            ("not_required", "Not Required"),
            ("waiting", "Waiting Approval"),
            ("approved", "Approved"),
        ],
        string="Approval",
        compute="_compute_jit_approval_state",
        store=True,
        help="Bills at or above the company's approval threshold wait for a "
        "payables manager who neither created nor last edited them.",
    )
    jit_approved_by_id = fields.Many2one(
        "res.users",
        string="Approved By",
        readonly=True,
        copy=False,
        help="Payables manager who approved the bill for payment.",
    )
    jit_last_editor_id = fields.Many2one(
        "res.users",
        string="Last Editor",
        readonly=True,
        copy=False,
        help="Last user who changed the bill's partner, lines, dates or bank; "
        "they cannot approve it.",
    )
    jit_payment_blocked = fields.Boolean(
        string="Payment Blocked",
        compute="_compute_jit_payment_blocked",
        store=True,
        help="On hold or waiting approval: cannot be paid yet.",
    )

    @api.depends("move_type", "invoice_line_ids.jit_match_state")
    def _compute_jit_match_state(self):
        for move in self:
            states = move.invoice_line_ids.mapped("jit_match_state")
            linked = [state for state in states if state != "no_po"]
            if move.move_type != "in_invoice" or not linked:
                move.jit_match_state = "no_po"
            else:
                move.jit_match_state = max(linked, key=MATCH_PRIORITY.get)

    @api.depends(
        "jit_match_state", "jit_hold_released_by_id", "company_id.jit_match_enabled"
    )
    def _compute_jit_on_hold(self):
        for move in self:
            move.jit_on_hold = bool(
                move.company_id.jit_match_enabled
                and move.jit_match_state in ("quantity", "price")
                and not move.jit_hold_released_by_id
            )

    @api.depends(
        "move_type",
        "amount_total_signed",
        "jit_approved_by_id",
        "company_id.jit_approval_threshold",
    )
    def _compute_jit_approval_state(self):
        for move in self:
            threshold = move.company_id.jit_approval_threshold
            if (
                move.move_type != "in_invoice"
                or not threshold
                or abs(move.amount_total_signed) < threshold
            ):
                move.jit_approval_state = "not_required"
            elif move.jit_approved_by_id:
                move.jit_approval_state = "approved"
            else:
                move.jit_approval_state = "waiting"

    @api.depends("jit_on_hold", "jit_approval_state")
    def _compute_jit_payment_blocked(self):
        for move in self:
            move.jit_payment_blocked = (
                move.jit_on_hold or move.jit_approval_state == "waiting"
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("jit_last_editor_id", self.env.uid)
        return super().create(vals_list)

    def write(self, vals):
        if EDIT_FIELDS & set(vals) and not self.env.su:
            vals = dict(vals, jit_last_editor_id=self.env.uid)
        return super().write(vals)

    def _jit_blocking_reasons(self):
        """Why each bill of self cannot be paid: {move: reason}."""
        reasons = {}
        for move in self.filtered("jit_payment_blocked"):
            if move.jit_on_hold:
                state = dict(MATCH_STATES)[move.jit_match_state]
                reasons[move] = self.env._(
                    "on hold (%(state)s); a payables manager who did not create "
                    "it must release it",
                    state=state,
                )
            else:
                reasons[move] = self.env._(
                    "waiting approval by a payables manager who neither created "
                    "nor last edited it"
                )
        return reasons

    def _jit_check_payable(self):
        """Refuse payment of bills on hold or waiting approval, naming them."""
        reasons = self._jit_blocking_reasons()
        if reasons:
            raise UserError(
                self.env._(
                    "These vendor bills cannot be paid yet:\n%(bills)s\nOpen each "
                    "bill to release its hold or approve it.",
                    bills="\n".join(
                        f"- {move.display_name}: {reason}"
                        for move, reason in reasons.items()
                    ),
                )
            )

    def _jit_check_manager_other_than(self, users, action):
        """Raise unless the current user is a payables manager not in users."""
        if not self.env.user.has_group("jit_payables.group_jit_payables_manager"):
            raise UserError(
                self.env._(
                    "Only a payables manager can %(action)s a vendor bill.",
                    action=action,
                )
            )
        if self.env.user in users:
            raise UserError(
                self.env._(
                    "You cannot %(action)s %(bill)s: you created or last edited "
                    "it, and a second person must check it.",
                    action=action,
                    bill=self.display_name,
                )
            )

    def action_jit_release_hold(self):
        """Open the wizard that asks for the release reason."""
        self.ensure_one()
        if not self.jit_on_hold:
            raise UserError(
                self.env._("%(bill)s is not on hold.", bill=self.display_name)
            )
        self._jit_check_manager_other_than(self.create_uid, self.env._("release"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Release Hold"),
            "res_model": "jit.bill.release",
            "view_mode": "form",
            "target": "new",
            "context": {"default_move_id": self.id},
        }

    def _jit_release_hold(self, reason):
        """Release the hold with a reason; logged in the chatter."""
        self.ensure_one()
        self._jit_check_manager_other_than(self.create_uid, self.env._("release"))
        if not (reason or "").strip():
            raise UserError(
                self.env._("Give the reason for releasing %(bill)s.", bill=self.name)
            )
        self.write(
            {
                "jit_hold_released_by_id": self.env.uid,
                "jit_hold_release_reason": reason.strip(),
            }
        )
        self.message_post(
            body=self.env._(
                "Hold released by %(user)s (%(state)s). Reason: %(reason)s",
                user=self.env.user.name,
                state=dict(MATCH_STATES)[self.jit_match_state],
                reason=reason.strip(),
            )
        )

    def action_jit_approve(self):
        for move in self:
            if move.jit_approval_state != "waiting":
                raise UserError(
                    self.env._(
                        "%(bill)s is not waiting for approval.", bill=move.display_name
                    )
                )
            if move.state != "posted":
                raise UserError(
                    self.env._(
                        "Confirm %(bill)s before approving it.", bill=move.display_name
                    )
                )
            move._jit_check_manager_other_than(
                move.create_uid | move.jit_last_editor_id, self.env._("approve")
            )
            move.jit_approved_by_id = self.env.user
            move.message_post(
                body=self.env._(
                    "Approved for payment by %(user)s.", user=self.env.user.name
                )
            )
        return True

    def button_draft(self):
        # A bill taken back to draft can change: its approval and release lapse.
        result = super().button_draft()
        lapsed = self.filtered(
            lambda move: move.jit_approved_by_id or move.jit_hold_released_by_id
        )
        if lapsed:
            lapsed.write(
                {
                    "jit_approved_by_id": False,
                    "jit_hold_released_by_id": False,
                    "jit_hold_release_reason": False,
                }
            )
        return result
