"""Days are evaluated once per door: the facts of a check-in or of an offline
batch mark the days they touch, and one step evaluates each marked day once."""

import uuid
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .presence_common import DAY, NEAR, OFFICE, PresenceCase, selfie, utc


@tagged("post_install", "-at_install")
class TestDayMarks(PresenceCase):
    def counted(self, action):
        """``(evaluations, derivations, result)`` of ``action``: the daily-status
        evaluations (day, employees) and the episode derivations (pairs) it ran."""
        Status = type(self.env["simantap.daily.status"])
        Days = type(self.env["simantap.presence"])
        evaluate_day, derive_days = Status._evaluate_day, Days._derive_days
        evaluations, derivations = [], []

        def counting_evaluate(status, day, employee_ids):
            evaluations.append((day, tuple(employee_ids)))
            return evaluate_day(status, day, employee_ids)

        def counting_derive(days, pairs, now=None):
            pairs = set(pairs)
            derivations.append(pairs)
            return derive_days(days, pairs, now=now)

        with (
            patch.object(Status, "_evaluate_day", counting_evaluate),
            patch.object(Days, "_derive_days", counting_derive),
        ):
            result = action()
        return evaluations, derivations, result

    def batch(self, size):
        """A day captured offline: check-in, ``size - 2`` pings, check-out."""
        events = [
            {"kind": "check_in", **self.payload(utc(0, 55), OFFICE, photo=selfie(1))}
        ]
        step = timedelta(minutes=540) / (size - 1)
        events += [
            {"kind": "ping", **self.payload(utc(1) + step * index, NEAR)}
            for index in range(size - 2)
        ]
        events.append(
            {"kind": "check_out", **self.payload(utc(10, 5), OFFICE, photo=selfie(2))}
        )
        return events

    def sync(self, employee, size):
        with freeze_time(utc(11) + timedelta(days=1)):
            return self.Presence._sync_batch(employee, self.batch(size))

    def test_a_batch_evaluates_each_day_once_whatever_its_size(self):
        for employee, size in ((self.emp_employee, 10), (self.emp_colleague, 100)):
            evaluations, derivations, result = self.counted(
                lambda employee=employee, size=size: self.sync(employee, size)
            )
            results = result["results"]
            self.assertEqual(len(results), size)
            self.assertEqual(
                (results[0]["status"], results[-1]["status"]),
                ("accepted", "accepted"),
            )
            self.assertEqual(evaluations, [(DAY.date(), (employee.id,))], size)
            self.assertEqual(derivations, [{(employee.id, DAY.date())}], size)
            status = self.env["simantap.daily.status"].search(
                [("employee_id", "=", employee.id), ("date", "=", DAY.date())]
            )
            self.assertEqual(status.check_in, utc(0, 55))
            self.assertEqual(status.check_out, utc(10, 5))

    def test_a_late_check_in_evaluates_its_day_once(self):
        payload = self.payload(utc(0, 50), OFFICE, photo=selfie(3))
        payload["uuid"] = str(uuid.uuid4())
        with freeze_time(utc(11) + timedelta(days=1)):
            evaluations, derivations, result = self.counted(
                lambda: self.env["simantap.intake"]._record_check(
                    self.emp_employee, "check_in", payload
                )
            )
        self.assertEqual(result["status"], "accepted", result)
        self.assertEqual(evaluations, [(DAY.date(), (self.emp_employee.id,))])
        self.assertEqual(derivations, [])

    def test_marks_outside_a_door_wait_for_the_step(self):
        Days = self.Presence
        both = self.emp_employee | self.emp_colleague

        def two_check_ins():
            with Days._simantap_door():
                self.check_in(self.emp_employee, utc(0, 50), utc(10))
                self.check_in(self.emp_colleague, utc(1, 10), utc(10))
                status = self.env["simantap.daily.status"].search(
                    [("employee_id", "in", both.ids)]
                )
                self.assertFalse(status, "evaluated while the door is open")

        with freeze_time(utc(11) + timedelta(days=1)):
            evaluations, _derivations, _result = self.counted(two_check_ins)
            # one evaluation of the day for both employees
            self.assertEqual(evaluations, [(DAY.date(), tuple(sorted(both.ids)))])
            statuses = self.env["simantap.daily.status"].search(
                [("employee_id", "in", (self.emp_employee | self.emp_colleague).ids)]
            )
        self.assertEqual(len(statuses), 2)
        # nothing is left for the commit
        self.assertEqual(Days._simantap_evaluate_touched(), 0)

    def test_marks_left_outside_a_door_are_evaluated_before_commit(self):
        Status = self.env["simantap.daily.status"]
        with freeze_time(utc(11) + timedelta(days=1)):
            self.check_in(self.emp_employee, utc(0, 50), utc(10))
            Status.search([("employee_id", "=", self.emp_employee.id)]).unlink()
            self.Presence._simantap_touch_days([(self.emp_employee.id, DAY.date())])
            self.assertFalse(
                Status.search([("employee_id", "=", self.emp_employee.id)])
            )
            # what a commit runs first (a flushing savepoint runs it too)
            self.env.cr.flush()
            status = Status.search([("employee_id", "=", self.emp_employee.id)])
        self.assertEqual(status.check_in, utc(0, 50))
