from odoo import fields, models


class StockMove(models.Model):
    """Kanban cards follow the moves of their replenishment: done moves bring
    them back, cancelled moves send them back to Empty."""

    _inherit = "stock.move"

    jit_kanban_card_id = fields.Many2one(
        "jit.kanban.card",
        string="Kanban Card",
        readonly=True,
        index="btree_not_null",
        help="Kanban card whose internal transfer this move is; kept on " "backorders.",
    )

    def _jit_kanban_origin(self):
        """Purchase line at the start of this move's chain, and the chain
        itself (this move and every move before it)."""
        self.ensure_one()
        chain = self
        pending = self.move_orig_ids
        while pending:
            chain |= pending
            pending = pending.move_orig_ids - chain
        lines = chain.purchase_line_id
        return lines[:1], chain

    def _jit_kanban_origin_lines(self):
        """Purchase lines at the start of the chains of the moves in ``self``."""
        lines = self.env["purchase.order.line"]
        for move in self:
            lines |= move._jit_kanban_origin()[0]
        return lines

    def _action_done(self, cancel_backorder=False):
        # Cancellations inside the validation are handled below, once the done
        # quantities are counted on the cards.
        moves = super(
            StockMove, self.with_context(jit_kanban_in_done=True)
        )._action_done(cancel_backorder=cancel_backorder)
        moves = moves.with_env(self.env)
        self.env["jit.kanban.card"]._jit_on_moves_done(moves, self | moves)
        return moves

    def _action_cancel(self):
        result = super()._action_cancel()
        cancelled = self.filtered(lambda move: move.state == "cancel")
        if cancelled and not self.env.context.get("jit_kanban_in_done"):
            self.env["jit.kanban.card"]._jit_on_replenishment_cancelled(moves=cancelled)
        return result
