from datetime import datetime, time, timedelta

from odoo import fields, models

from ..lib import duty as duty_lib
from .simantap_field_duty import (
    ACTIVITY_APPROVAL,
    COVERING_STATES,
    FieldDutyError,
)


# simantap.field.duty is split by concern (record and rules, workflow, coverage) to
# keep each file readable; pylint-odoo would have them in one file.
# pylint: disable=consider-merging-classes-inherited
class SimantapFieldDutyWorkflow(models.Model):
    """The field duty's workflow: who approves it, how late it is filed, and the
    actions from submission to approval, rejection, completion or cancellation."""

    _inherit = "simantap.field.duty"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------ approver

    def _simantap_find_approver(self):
        """The user who decides this duty: the manager of the filing employee's unit,
        going up the unit tree while the manager is on the duty, missing, without a
        user, or archived.  Empty when nobody qualifies (an officer decides)."""
        self.ensure_one()
        duty = self.sudo()
        chain = []
        unit = duty.employee_id.department_id
        seen = set()
        while unit and unit.id not in seen:
            seen.add(unit.id)
            manager = unit.manager_id
            user = manager.user_id
            chain.append(
                duty_lib.Head(
                    unit_id=unit.id,
                    employee_id=manager.id or None,
                    user_id=user.id or None,
                    usable=bool(manager.active and user.active),
                )
            )
            unit = unit.parent_id
        head = duty_lib.pick_approver(chain, duty.employee_ids.ids)
        return self.env["res.users"].browse(head.user_id if head else [])

    # ------------------------------------------------------------------ retroactive

    def _simantap_working_days(self, employee, first, last):
        """The dates from ``first`` to ``last`` on which ``employee`` works, per their
        resource.calendar (public holidays and their own time off excluded)."""
        employee = employee.sudo()
        calendar = (
            employee.resource_calendar_id or employee.company_id.resource_calendar_id
        )
        if not calendar or last < first:
            return {first + timedelta(days=n) for n in range((last - first).days + 1)}
        tz = self.env["simantap.calendar"]._zone(employee.tz)
        start = tz.localize(datetime.combine(first, time()))
        end = tz.localize(datetime.combine(last + timedelta(days=1), time()))
        resource = employee.resource_id
        intervals = calendar._work_intervals_batch(
            start, end, resources=resource, tz=tz
        )[resource.id]
        return {interval_start.date() for interval_start, _stop, _meta in intervals}

    def _simantap_days_late(self, now=None):
        """Working days of the filing employee between the duty's first day and
        ``now`` (its submission), in the duty's timezone."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        today = duty_lib.to_local(now, self.tz or duty_lib.DEFAULT_TZ).date()
        if today <= self.date_from:
            return 0
        working = self._simantap_working_days(
            self.employee_id, self.date_from + timedelta(days=1), today
        )
        return duty_lib.days_late(today, self.date_from, working)

    # ------------------------------------------------------------------ workflow

    def _simantap_refuse_state(self, allowed):
        for duty in self:
            if duty.state not in allowed:
                raise FieldDutyError(
                    "wrong_state",
                    self.env._(
                        "%(duty)s is %(state)s: this action is not possible now.",
                        duty=duty.display_name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[duty.state],
                    ),
                )

    def _simantap_check_filer(self):
        """The filing employee (or an officer) acts on their duty."""
        if self._simantap_is_officer():
            return
        for duty in self:
            if duty.sudo().employee_id.user_id != self.env.user:
                raise FieldDutyError(
                    "not_allowed",
                    self.env._(
                        "Only %(employee)s or an attendance officer can do this on "
                        "%(duty)s.",
                        employee=duty.sudo().employee_id.name,
                        duty=duty.display_name,
                    ),
                )

    def _simantap_decide_refusal(self):
        """Why the current user may not approve or reject this duty: a
        :class:`FieldDutyError`, or ``None`` when they may."""
        self.ensure_one()
        if self._simantap_user_on_duty():
            return FieldDutyError(
                "self_approval",
                self.env._(
                    "You are on %(duty)s: someone else must approve or reject it.",
                    duty=self.display_name,
                ),
            )
        if self.approver_user_id == self.env.user or self._simantap_is_officer():
            return None
        approver = self.sudo().approver_user_id
        if not approver:
            message = self.env._(
                "Only an attendance officer can approve or reject %(duty)s.",
                duty=self.display_name,
            )
        else:
            message = self.env._(
                "Only %(approver)s or an attendance officer can approve or reject "
                "%(duty)s.",
                approver=approver.name,
                duty=self.display_name,
            )
        return FieldDutyError("not_approver", message)

    def _simantap_check_decider(self):
        self._simantap_refuse_state(("submitted",))
        for duty in self:
            refusal = duty._simantap_decide_refusal()
            if refusal:
                raise refusal

    def action_submit(self):
        """Send the duty to its approver; refused without the assignment letter or
        when submitted more working days after its start than the company allows."""
        self._simantap_refuse_state(("draft",))
        self.check_access("write")
        self._simantap_check_filer()
        now = fields.Datetime.now()
        for duty in self:
            if not duty.letter_file:
                raise FieldDutyError(
                    "letter_missing",
                    self.env._(
                        "Attach the signed assignment letter (surat tugas) to "
                        "%(duty)s before submitting it.",
                        duty=duty.display_name,
                    ),
                )
            late = duty._simantap_days_late(now)
            limit = duty.company_id.sudo().simantap_duty_retroactive_days
            if late > limit:
                raise FieldDutyError(
                    "retroactive_limit",
                    self.env._(
                        "%(duty)s began %(late)s working days ago; a field duty can "
                        "be submitted at most %(limit)s working days after its first "
                        "day. Ask an attendance officer for a correction of those "
                        "days.",
                        duty=duty.display_name,
                        late=late,
                        limit=limit,
                    ),
                )
            approver = duty._simantap_find_approver()
            duty.sudo().write(
                {
                    "state": "submitted",
                    "submitted_on": now,
                    "retroactive_days": late,
                    "approver_user_id": approver.id,
                    "reject_reason": False,
                    "decided_by_id": False,
                    "decided_on": False,
                }
            )
            duty._simantap_schedule_approval()
        return True

    def _simantap_schedule_approval(self):
        self.ensure_one()
        duty = self.sudo()
        partners = (
            duty.employee_ids.user_id.partner_id | duty.approver_user_id.partner_id
        )
        duty.message_subscribe(partner_ids=partners.ids)
        if duty.approver_user_id:
            duty.activity_schedule(
                ACTIVITY_APPROVAL,
                user_id=duty.approver_user_id.id,
                note=self.env._(
                    "Field duty of %(employees)s to %(destination)s: approve or reject.",
                    employees=", ".join(duty.employee_ids.mapped("name")),
                    destination=duty.destination_name,
                ),
            )
        else:
            duty.message_post(
                body=self.env._(
                    "No unit head can approve this duty (none found up the unit "
                    "tree): an attendance officer must decide it."
                ),
            )

    def action_approve(self):
        """The approver or an attendance officer approves: the duty now excuses office
        presence, and the days it covers are re-evaluated."""
        self._simantap_check_decider()
        self.sudo().write(
            {
                "state": "approved",
                "decided_by_id": self.env.uid,
                "decided_on": fields.Datetime.now(),
            }
        )
        self.sudo().activity_feedback([ACTIVITY_APPROVAL])
        self._simantap_reevaluate_days()
        return True

    def action_reject(self, reason=None):
        """The approver or an attendance officer rejects, with a reason."""
        self._simantap_check_decider()
        if not reason or not reason.strip():
            raise FieldDutyError(
                "reason_required",
                self.env._("Give the employee a reason for rejecting the duty."),
            )
        self.sudo().write(
            {
                "state": "rejected",
                "reject_reason": reason.strip(),
                "decided_by_id": self.env.uid,
                "decided_on": fields.Datetime.now(),
            }
        )
        self.sudo().activity_feedback([ACTIVITY_APPROVAL], feedback=reason.strip())
        return True

    def action_open_reject_wizard(self):
        self._simantap_check_decider()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject Field Duty"),
            "res_model": "simantap.field.duty.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"default_duty_ids": self.ids},
        }

    def action_done(self):
        """Close an approved duty once it is carried out (it keeps excusing its
        range)."""
        self._simantap_refuse_state(("approved",))
        if not self._simantap_is_officer():
            for duty in self:
                if not (
                    duty._simantap_user_on_duty()
                    or duty.approver_user_id == self.env.user
                ):
                    raise FieldDutyError(
                        "not_allowed",
                        self.env._(
                            "Only an employee on %(duty)s, its approver or an "
                            "attendance officer can mark it done.",
                            duty=duty.display_name,
                        ),
                    )
        self.sudo().write({"state": "done"})
        return True

    def action_cancel(self):
        """The filing employee cancels a draft or submitted duty; once approved, only
        the approver or an officer can, and the days it covered are re-evaluated."""
        self._simantap_refuse_state(("draft", "submitted", "approved"))
        officer = self._simantap_is_officer()
        for duty in self:
            if officer:
                continue
            if duty.state == "approved":
                if duty.approver_user_id != self.env.user:
                    raise FieldDutyError(
                        "not_allowed",
                        self.env._(
                            "%(duty)s is approved: only its approver or an attendance "
                            "officer can cancel it.",
                            duty=duty.display_name,
                        ),
                    )
            else:
                duty._simantap_check_filer()
        was_covering = self.filtered(lambda d: d.state in COVERING_STATES)
        self.sudo().write({"state": "cancelled"})
        self.sudo().activity_unlink([ACTIVITY_APPROVAL])
        was_covering._simantap_reevaluate_days()
        return True

    def action_draft(self):
        """Back to draft: withdraw a submitted duty, or fix a rejected or cancelled one
        to submit it again."""
        self._simantap_refuse_state(("submitted", "rejected", "cancelled"))
        self._simantap_check_filer()
        self.sudo().write(
            {
                "state": "draft",
                "approver_user_id": False,
                "submitted_on": False,
                "retroactive_days": 0,
            }
        )
        self.sudo().activity_unlink([ACTIVITY_APPROVAL])
        return True
