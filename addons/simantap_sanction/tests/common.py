import datetime

from odoo.addons.simantap_attendance.tests.common import SimantapCase

D = datetime.date
OCT, NOV, DEC = D(2026, 10, 1), D(2026, 11, 1), D(2026, 12, 1)


class SanctionCase(SimantapCase):
    """The small regency of :class:`SimantapCase` with position classes, TPP
    assignments and a helper to write the daily statuses of a month directly (the
    daily evaluation itself is tested in simantap_attendance)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Class = cls.env["simantap.position.class"]
        cls.class_9 = Class.create(
            {
                "name": "Kelas 9",
                "grade": 9,
                "tpp_amount": 5_000_000,
                "company_id": cls.company.id,
            }
        )
        cls.class_7 = Class.create(
            {
                "name": "Kelas 7",
                "grade": 7,
                "tpp_amount": 3_000_000,
                "company_id": cls.company.id,
            }
        )
        cls.class_12 = Class.create(
            {
                "name": "Kelas 12",
                "grade": 12,
                "tpp_amount": 6_000_000,
                "company_id": cls.company.id,
            }
        )
        Assignment = cls.env["simantap.tpp.assignment"]
        start = D(2026, 1, 1)
        cls.assign_employee = Assignment.create(
            {
                "employee_id": cls.emp_employee.id,
                "position_class_id": cls.class_9.id,
                "date_from": start,
            }
        )
        Assignment.create(
            {
                "employee_id": cls.emp_colleague.id,
                "position_class_id": cls.class_7.id,
                "date_from": start,
            }
        )
        Assignment.create(
            {
                "employee_id": cls.emp_head.id,
                "position_class_id": cls.class_12.id,
                "date_from": start,
            }
        )
        Assignment.create(
            {
                "employee_id": cls.emp_officer.id,
                "position_class_id": cls.class_7.id,
                "date_from": start,
                "use_override": True,
                "override_amount": 4_000_250,
                "override_reason": "Penugasan khusus",
            }
        )
        cls.Status = cls.env["simantap.daily.status"]
        cls.Period = cls.env["simantap.sanction.period"]
        cls.default_set = cls.env.ref("simantap_sanction.tpp_rule_set_default")

    @classmethod
    def mark(cls, employee, days):
        """Daily statuses of ``employee``: ``{date: 'H TL1'}``; returns them by date."""
        vals = []
        for day, codes in days.items():
            first = codes.split()[0]
            vals.append(
                {
                    "employee_id": employee.id,
                    "date": day,
                    "attendance_code": first,
                    "codes": codes,
                    "effective_codes": codes,
                    "missing_check_out": "LAP" in codes.split(),
                }
            )
        statuses = cls.env["simantap.daily.status"].create(vals)
        return {status.date: status for status in statuses}

    @staticmethod
    def working_days(month):
        """Monday to Friday of the month of ``month``."""
        day, days = month, []
        while day.month == month.month:
            if day.weekday() < 5:
                days.append(day)
            day += datetime.timedelta(days=1)
        return days

    def period(self, month, user=None):
        return self.Period.with_user(user or self.user_payroll).create(
            {"company_id": self.company.id, "date_from": month}
        )

    def line(self, period, employee):
        return period.line_ids.filtered(lambda line: line.employee_id == employee)

    def code_of(self, call, *args, **kwargs):
        """The refusal code raised by ``call``."""
        from ..errors import SanctionError  # noqa: PLC0415

        with self.assertRaises(SanctionError) as caught:
            call(*args, **kwargs)
        return caught.exception.code
