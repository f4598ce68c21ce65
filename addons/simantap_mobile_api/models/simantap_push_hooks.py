"""Where Simantap's workflows push to the phone, and where push subscriptions end.

Each hook is an override that lets the workflow run first and then queues the
push (sent by the push cron, never on the request path)."""

from collections import Counter

from odoo import api, models
from odoo.tools import SQL

DAY = 24 * 3600


def _message_env(env, employee):
    Message = env["simantap.push.message"].sudo()
    return Message, Message.with_context(lang=Message._employee_lang(employee)).env


class SimantapFieldDuty(models.Model):
    _inherit = "simantap.field.duty"

    def action_approve(self):
        result = super().action_approve()
        self._simantap_push_decision("duty_approved")
        return result

    def action_reject(self, reason=None):
        result = super().action_reject(reason=reason)
        self._simantap_push_decision("duty_rejected")
        return result

    def _simantap_push_decision(self, kind):
        for duty in self.sudo():
            for employee in duty.employee_ids:
                Message, env = _message_env(self.env, employee)
                if kind == "duty_approved":
                    title = env._("Field duty approved")
                    body = env._(
                        "Your field duty %(duty)s was approved.", duty=duty.name or ""
                    )
                else:
                    title = env._("Field duty rejected")
                    body = env._(
                        "Your field duty %(duty)s was rejected: %(reason)s",
                        duty=duty.name or "",
                        reason=duty.reject_reason or "",
                    )
                Message._enqueue(
                    employee, kind, title, body, f"/simantap/app/#/duty/{duty.id}", DAY
                )


class SimantapSanctionObjection(models.Model):
    _inherit = "simantap.sanction.objection"

    def action_head_reject(self, note=None):
        result = super().action_head_reject(note=note)
        self._simantap_push_decided()
        return result

    def action_officer_accept(self, note=None):
        result = super().action_officer_accept(note=note)
        self._simantap_push_decided()
        return result

    def action_officer_reject(self, note=None):
        result = super().action_officer_reject(note=note)
        self._simantap_push_decided()
        return result

    def _simantap_push_decided(self):
        for objection in self.sudo():
            employee = objection.employee_id
            Message, env = _message_env(self.env, employee)
            states = dict(objection._fields["state"]._description_selection(env))
            Message._enqueue(
                employee,
                "objection_decided",
                env._("Objection decided"),
                env._("Your objection was %(state)s.", state=states[objection.state]),
                "/simantap/app/#/objections",
                7 * DAY,
            )


class SimantapSanctionPeriod(models.Model):
    _inherit = "simantap.sanction.period"

    def action_start_review(self):
        result = super().action_start_review()
        for period in self.sudo():
            month = f"{period.date_from:%m/%Y}"
            for employee in period.line_ids.employee_id:
                Message, env = _message_env(self.env, employee)
                Message._enqueue(
                    employee,
                    "month_review",
                    env._("Your month is open for review"),
                    env._(
                        "Check your days of %(month)s and object to a wrong one "
                        "before the month is locked.",
                        month=month,
                    ),
                    f"/simantap/app/#/days/month/{period.date_from:%Y-%m}",
                    3 * DAY,
                )
        return result


class SimantapSanctionMonthFacts(models.AbstractModel):
    _inherit = "simantap.sanction.month.facts"

    @api.model
    def _simantap_month_facts(self, company_id, date_from, date_to, *args, **kwargs):
        """An unanswered spot check that reached no phone is not held against
        the employee when the company says so."""
        facts = super()._simantap_month_facts(
            company_id, date_from, date_to, *args, **kwargs
        )
        company = self.env["res.company"].browse(company_id).sudo()
        if not company.simantap_push_excuse_undelivered:
            return facts
        self.env["simantap.spot.check"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT employee_id, array_agg(work_date)
                     FROM simantap_spot_check
                    WHERE state = 'unanswered' AND push_state = 'not_delivered'
                      AND notified_at IS NULL AND company_id = %s
                      AND work_date BETWEEN %s AND %s
                 GROUP BY employee_id""",
                company_id,
                date_from,
                date_to,
            )
        )
        for employee_id, dates in self.env.cr.fetchall():
            if employee_id not in facts:
                continue
            excused = Counter(dates)
            kept = []
            for day in facts[employee_id]["spot_days"]:
                if excused[day]:
                    excused[day] -= 1
                else:
                    kept.append(day)
            facts[employee_id]["spot_days"] = kept
        return facts


class SimantapDailyStatus(models.Model):
    _inherit = "simantap.daily.status"

    def _presence_figures(self, employee_ids, start, end):
        """An unanswered spot check that reached no phone is not expected when
        the company says so."""
        result = super()._presence_figures(employee_ids, start, end)
        for check in (
            self.env["simantap.spot.check"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", list(employee_ids)),
                    ("due_at", ">=", start),
                    ("due_at", "<", end),
                    ("state", "=", "unanswered"),
                    ("push_state", "=", "not_delivered"),
                    ("notified_at", "=", False),
                ]
            )
        ):
            if not check.company_id.simantap_push_excuse_undelivered:
                continue
            figures = result.get(check.employee_id.id)
            if figures and figures["checks_expected"] > 0:
                figures["checks_expected"] -= 1
        return result


class SimantapDevice(models.Model):
    _inherit = "simantap.device"

    def _revoke(self, user, when):
        self.env["simantap.push.subscription"]._drop_for_devices(self)
        return super()._revoke(user, when)

    def _api_sign_out(self):
        self.env["simantap.push.subscription"]._drop_for_devices(self)
        return super()._api_sign_out()


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def write(self, vals):
        result = super().write(vals)
        if "active" in vals and not vals["active"]:
            self.env["simantap.push.subscription"]._drop_for_employees(self)
        return result
