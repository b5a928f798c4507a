from odoo import api, fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    date_promised = fields.Datetime(
        string="Promised Date",
        readonly=True,
        copy=False,
        index=True,
        help="Expected arrival date of this line as it stood when the order was "
        "first confirmed. Moving the expected arrival later does not change it: "
        "supplier scorecards measure punctuality against this date.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered(
            lambda line: line.order_id.state in ("purchase", "done")
        )._freeze_promised_date()
        return lines

    def _freeze_promised_date(self):
        """Keep the current expected arrival as the promised date, once.

        Lines that already have a promised date keep it: a later confirmation
        (after a reset to draft) does not move the promise.
        """
        for line in self.filtered(
            lambda line: not line.date_promised and not line.display_type
        ):
            line.date_promised = line.date_planned or line.order_id.date_planned
