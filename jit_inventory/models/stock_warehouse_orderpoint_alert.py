import logging

from odoo import fields, models

_logger = logging.getLogger(__name__)


class StockWarehouseOrderpoint(models.Model):
    """Stockout alerts: when a JIT rule turns red, one activity for the
    purchase responsible on the product; closed when the rule leaves red."""

    _inherit = "stock.warehouse.orderpoint"

    jit_stockout_since = fields.Datetime(
        string="Red Since",
        readonly=True,
        copy=False,
        help="Recompute at which the rule turned red. Set for as long as the "
        "rule stays red (one alert episode), cleared when it leaves red.",
    )
    jit_alert_activity_id = fields.Many2one(
        "mail.activity",
        string="Stockout Alert",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="Activity raised on the product when the rule turned red. Closed "
        "automatically when the rule leaves red; if someone closes it earlier, "
        "no new alert is raised until the next episode.",
    )

    def _jit_recompute(self):
        written = super()._jit_recompute()
        written._jit_sync_stockout_alerts()
        return written

    def write(self, vals):
        result = super().write(vals)
        if "active" in vals or "jit_policy_id" in vals:
            self.filtered(
                lambda op: op.jit_stockout_since
                and not (op.active and op.jit_policy_id)
            )._jit_close_stockout_alerts()
        return result

    def unlink(self):
        self.filtered("jit_stockout_since")._jit_close_stockout_alerts()
        return super().unlink()

    def _jit_sync_stockout_alerts(self):
        """Open an alert for each rule that turned red, close the alert of
        each rule that left red. A rule that stays red keeps its episode and
        gets no second alert."""
        turned_red = self.filtered(
            lambda op: op.jit_status == "red" and not op.jit_stockout_since
        )
        left_red = self.filtered(
            lambda op: op.jit_status != "red" and op.jit_stockout_since
        )
        if turned_red:
            turned_red._jit_open_stockout_alerts()
        if left_red:
            left_red._jit_close_stockout_alerts()

    def _jit_open_stockout_alerts(self):
        now = fields.Datetime.now()
        responsible = self._jit_alert_responsible()
        activity_type = self.env.ref(
            "jit_inventory.mail_activity_type_stockout", raise_if_not_found=False
        ) or self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("product.template")
        vals_list = [
            rule._jit_prepare_alert_vals(activity_type, model_id, responsible[rule.id])
            for rule in self
        ]
        # The recompute may run as a JIT manager who cannot write on products;
        # the alert is the addon's, not the user's.
        activities = self.env["mail.activity"].sudo().create(vals_list)
        for rule, activity in zip(self, activities, strict=True):
            rule.with_context(jit_recompute=True).write(
                {"jit_stockout_since": now, "jit_alert_activity_id": activity.id}
            )
        _logger.info("JIT stockout alerts raised: %s", len(activities))

    def _jit_prepare_alert_vals(self, activity_type, model_id, user):
        """Values of the stockout activity of one rule, meant to be
        overridden."""
        self.ensure_one()
        _ = self.env._
        return {
            "activity_type_id": activity_type.id,
            "res_model_id": model_id,
            "res_id": self.product_id.product_tmpl_id.id,
            "user_id": user.id,
            "date_deadline": fields.Date.context_today(self),
            "summary": _(
                "Stockout risk: %(product)s at %(location)s",
                product=self.product_id.display_name,
                location=self.location_id.display_name,
            ),
            "note": _(
                "Free stock %(free)s %(uom)s covers %(cover)s days, less than the "
                "lead time of %(lead)s days (average daily usage %(usage)s). "
                "Order now from Just in Time > Inventory > Replenishment "
                "Worklist. This activity closes itself when the rule leaves red.",
                free=self.jit_free_qty,
                uom=self.product_uom.name,
                cover=round(self.jit_days_of_cover, 1),
                lead=round(self.jit_lead_time_days, 1),
                usage=round(self.jit_average_daily_usage, 2),
            ),
        }

    def _jit_alert_responsible(self):
        """User who receives each rule's alert: the vendor's buyer, else the
        company's alert recipient, else the company's first inventory
        administrator (by id), else the current user. Meant to be
        overridden."""
        manager_group = self.env.ref("stock.group_stock_manager")
        first_manager = {}
        for company in self.company_id:
            first_manager[company.id] = self.env["res.users"].search(
                [
                    ("groups_id", "in", manager_group.ids),
                    ("company_ids", "in", company.ids),
                    ("share", "=", False),
                ],
                order="id",
                limit=1,
            )
        result = {}
        for rule in self:
            vendor = rule.jit_vendor_id.commercial_partner_id
            result[rule.id] = (
                rule.jit_vendor_id.buyer_id
                or vendor.buyer_id
                or rule.company_id.jit_alert_user_id
                or first_manager[rule.company_id.id]
                or self.env.user
            )
        return result

    def _jit_alert_close_reason(self):
        """Message left on the product when the rule's alert is closed."""
        self.ensure_one()
        _ = self.env._
        if not (self.active and self.jit_policy_id):
            return _(
                "Closed automatically: the reorder rule at %(location)s is no "
                "longer under a JIT policy (archived, deleted or policy removed).",
                location=self.location_id.display_name,
            )
        status = dict(self._fields["jit_status"]._description_selection(self.env))
        return _(
            "Closed automatically: the rule is %(status)s again (free stock "
            "%(free)s %(uom)s, %(cover)s days of cover).",
            status=status.get(self.jit_status, self.jit_status),
            free=self.jit_free_qty,
            uom=self.product_uom.name,
            cover=round(self.jit_days_of_cover, 1),
        )

    def _jit_close_stockout_alerts(self):
        for rule in self:
            activity = rule.jit_alert_activity_id.sudo()
            if activity.exists() and activity.active:
                activity.action_feedback(feedback=rule._jit_alert_close_reason())
        self.with_context(jit_recompute=True).write(
            {"jit_stockout_since": False, "jit_alert_activity_id": False}
        )
        _logger.info("JIT stockout alerts closed: %s", len(self))
