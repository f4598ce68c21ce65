from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.simantap_attendance.tests.presence_common import DAY, selfie, utc

from .push_common import PushCase


@tagged("post_install", "-at_install")
class TestPushDay(PushCase):
    """A day simulated: five spot checks at 09:00 local to five employees, one
    with no phone subscribed (unreachable), one who ignores the push, three who
    answer (two in time, one late).  The monitor's figures per unit and the daily
    status tell the unreachable one from the one who ignored it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_fifth = cls.env["hr.employee"].create(
            {
                "name": "Pegawai Kelima",
                "department_id": cls.sub_unit.id,
                "company_id": cls.company.id,
                "resource_calendar_id": cls.calendar.id,
                "tz": "Asia/Jakarta",
                "simantap_location_ids": [(6, 0, cls.office.ids)],
            }
        )
        # other_opd: unreachable and ignoring; sub_unit: in time and late;
        # opd: in time
        cls.unreachable = cls.emp_colleague
        cls.ignoring = cls.emp_officer
        cls.in_time = cls.emp_employee
        cls.in_time_head = cls.emp_head
        cls.late = cls.emp_fifth
        cls.everyone = (
            cls.unreachable | cls.ignoring | cls.in_time | cls.in_time_head | cls.late
        )

    def answer(self, employee, check, at, seed):
        with freeze_time(at):
            return self.Presence._answer_spot_check(
                employee,
                self.payload(
                    at - timedelta(seconds=3),
                    spot_check_id=check.id,
                    photo=selfie(seed),
                ),
            )

    def simulate(self):
        for employee in self.everyone - self.unreachable:
            self.subscribe(employee)
        checks = {}
        attendances = self.env["hr.attendance"]
        for employee in self.everyone:
            attendances |= self.check_in(employee, utc(0, 55))
            checks[employee] = self.SpotCheck.create(
                {
                    "employee_id": employee.id,
                    "work_date": DAY.date(),
                    "due_at": utc(2),
                    "day_end": utc(10),
                }
            )
        with freeze_time(utc(2, 1)):
            self.Message._cron_push()
        self.answer(self.in_time, checks[self.in_time], utc(2, 5), 1)
        self.answer(self.in_time_head, checks[self.in_time_head], utc(2, 14), 2)
        self.answer(self.late, checks[self.late], utc(2, 25), 3)  # deadline 02:16
        for attendance in attendances:  # stock hr.attendance writes one at a time
            attendance.check_out = utc(10, 2)
        with freeze_time(utc(11)):
            self.SpotCheck._close_overdue()
            self.env["simantap.daily.status"]._evaluate_day(
                DAY.date(), self.everyone.ids
            )
        return checks

    def status(self, employee):
        return self.env["simantap.daily.status"].search(
            [("employee_id", "=", employee.id), ("date", "=", DAY.date())]
        )

    def test_the_monitor_and_the_daily_status_tell_unreachable_from_ignored(self):
        checks = self.simulate()
        self.assertEqual(
            {emp.name: (c.push_state, c.state) for emp, c in checks.items()},
            {
                self.unreachable.name: ("not_delivered", "unanswered"),
                self.ignoring.name: ("accepted", "unanswered"),
                self.in_time.name: ("accepted", "answered_inside"),
                self.in_time_head.name: ("accepted", "answered_inside"),
                self.late.name: ("accepted", "late"),
            },
        )
        # four pushes reached the loopback push service, all accepted
        self.assertEqual(len(self.service.received), 4)
        figures = self.SpotCheck._simantap_delivery_figures(
            self.company, DAY.date(), DAY.date()
        )
        self.assertEqual(
            figures[self.other_opd.id],
            {
                "total": 2,
                "reached": 1,
                "not_delivered": 1,
                "in_time": 0,
                "late": 0,
                "never": 2,
            },
        )
        self.assertEqual(
            figures[self.sub_unit.id],
            {
                "total": 2,
                "reached": 2,
                "not_delivered": 0,
                "in_time": 1,
                "late": 1,
                "never": 0,
            },
        )
        self.assertEqual(figures[self.opd.id]["in_time"], 1)
        # the daily status: the ignored check is expected and unanswered, the
        # undelivered one is not held against (the company's default)
        ignoring, unreachable = (
            self.status(self.ignoring),
            self.status(self.unreachable),
        )
        self.assertEqual((ignoring.checks_expected, ignoring.checks_answered), (1, 0))
        self.assertEqual(
            (unreachable.checks_expected, unreachable.checks_answered), (0, 0)
        )
        late = self.status(self.late)
        self.assertEqual((late.checks_expected, late.checks_answered), (1, 1))
        # the log says who was unreachable
        log = self.Message.search([("employee_id", "in", self.everyone.ids)])
        self.assertEqual(sorted(log.mapped("state")), ["accepted"] * 4 + ["failed"])

    def test_a_company_may_hold_an_undelivered_check_against_the_employee(self):
        self.company.simantap_push_excuse_undelivered = False
        self.simulate()
        unreachable = self.status(self.unreachable)
        self.assertEqual(
            (unreachable.checks_expected, unreachable.checks_answered), (1, 0)
        )

    def test_the_tpp_does_not_count_an_undelivered_check_by_default(self):
        self.simulate()
        Period = self.env["simantap.sanction.month.facts"]
        month = DAY.date().replace(day=1)
        facts = Period._simantap_month_facts(
            self.company.id, month, month.replace(day=30)
        )
        self.assertEqual(facts[self.ignoring.id]["spot_days"], [DAY.date()])
        self.assertEqual(facts[self.unreachable.id]["spot_days"], [])
        self.company.simantap_push_excuse_undelivered = False
        facts = Period._simantap_month_facts(
            self.company.id, month, month.replace(day=30)
        )
        self.assertEqual(facts[self.unreachable.id]["spot_days"], [DAY.date()])
