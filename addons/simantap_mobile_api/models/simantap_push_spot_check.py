"""Spot checks reach the phone by Web Push, and their answer window counts from
the moment the push service accepted the push."""

from odoo import api, fields, models
from odoo.tools import SQL

PUSH_STATES = [
    ("queued", "Push Queued"),
    ("accepted", "Reached the Push Service"),
    ("not_delivered", "Not Delivered"),
]


class SimantapSpotCheck(models.Model):
    _inherit = "simantap.spot.check"

    push_state = fields.Selection(
        PUSH_STATES,
        string="Push",
        readonly=True,
        index=True,
        help="Reached the push service: the phone was woken even with the app "
        "closed; the answer window counts from then. Not delivered: the employee "
        "had no working push subscription (or the push service refused), so only "
        "an open app could have learned of it.",
    )
    push_accepted_at = fields.Datetime(
        readonly=True,
        help="When the push service accepted the push: the deadline counts from then.",
    )
    push_message_ids = fields.One2many(
        "simantap.push.message", "spot_check_id", string="Pushes", readonly=True
    )

    @api.model
    def _simantap_queue_pushes(self, now):
        """Queue a push for every spot check due now whose employee is checked in
        (or on duty) and that no phone was told of yet (set-based read, one
        create per employee)."""
        self.flush_model()
        self.env["hr.attendance"].flush_model(["employee_id", "check_in", "check_out"])
        self.env.cr.execute(
            SQL(
                """
                SELECT s.id
                  FROM simantap_spot_check s
                  JOIN res_company c ON c.id = s.company_id
                 WHERE s.state = 'pending' AND s.notified_at IS NULL
                   AND s.push_state IS NULL AND s.due_at <= %(now)s
                   AND s.day_end > %(now)s AND c.simantap_push_spot_check
                 ORDER BY s.due_at
                """,
                now=now,
            )
        )
        checks = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        if not checks:
            return checks
        open_attendance = {
            att.employee_id.id: att
            for att in self.env["hr.attendance"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", checks.employee_id.ids),
                    ("check_out", "=", False),
                ]
            )
        }
        queued = self.browse()
        Message = self.env["simantap.push.message"].sudo()
        for check in checks:
            employee = check.employee_id
            attendance = open_attendance.get(employee.id)
            reachable = (
                attendance and attendance.check_in <= check.due_at
            ) or employee._simantap_covering_duty(now)
            if not reachable:
                continue
            if check in queued or check.push_state:
                continue
            env = Message.with_context(lang=Message._employee_lang(employee)).env
            window = employee.company_id.simantap_spot_check_window
            messages = Message._enqueue(
                employee,
                "spot_check",
                env._("Spot check: prove you are at work"),
                env._(
                    "Open Simantap and answer within %(minutes)s minutes with a "
                    "selfie at your workplace.",
                    minutes=window,
                ),
                f"/simantap/app/#/capture/spot/{check.id}",
                ttl=window * 60,
                spot_check=check,
                now=now,
            )
            check.push_state = (
                "queued"
                if messages.filtered(lambda m: m.state == "queued")
                else "not_delivered"
            )
            queued |= check
        return queued

    def _simantap_push_outcome(self):
        """A push of these spot checks was answered: the first acceptance starts
        the answer window (unless an open app was told first); when every push
        failed, the spot check was not delivered."""
        for check in self:
            messages = check.push_message_ids
            accepted = messages.filtered(lambda m: m.state == "accepted")
            if accepted:
                first = min(accepted.mapped("accepted_at"))
                values = {"push_state": "accepted"}
                if not check.push_accepted_at:
                    values["push_accepted_at"] = first
                check.sudo().write(values)
                if check.state == "pending":
                    check._notify(first)
            elif not messages.filtered(lambda m: m.state in ("queued", "sent")):
                check.sudo().push_state = "not_delivered"

    def _simantap_undelivered_unanswered(self):
        """Unanswered and never delivered: no phone was woken for them."""
        return self.filtered(
            lambda c: c.state == "unanswered" and c.push_state == "not_delivered"
        )

    @api.model
    def _simantap_delivery_figures(self, company, date_from, date_to):
        """Per unit, the spot checks of ``[date_from, date_to]`` (void ones left
        out): ``{department_id: {'total', 'reached', 'not_delivered',
        'in_time', 'late', 'never'}}``. Reached: the push service accepted the
        push (or an open app was told); in time: answered before the deadline;
        late: answered after it; never: unanswered."""
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT department_id,
                       count(*),
                       count(*) FILTER (WHERE push_state = 'accepted'
                                        OR notified_at IS NOT NULL),
                       count(*) FILTER (WHERE push_state = 'not_delivered'
                                        AND notified_at IS NULL),
                       count(*) FILTER (WHERE state IN ('answered_inside',
                                                        'answered_outside')),
                       count(*) FILTER (WHERE state = 'late'),
                       count(*) FILTER (WHERE state = 'unanswered')
                  FROM simantap_spot_check
                 WHERE company_id = %s AND work_date BETWEEN %s AND %s
                   AND state <> 'void'
              GROUP BY department_id
                """,
                company.id,
                date_from,
                date_to,
            )
        )
        keys = ("total", "reached", "not_delivered", "in_time", "late", "never")
        return {
            row[0] or False: dict(zip(keys, row[1:], strict=True))
            for row in self.env.cr.fetchall()
        }
