import base64
from datetime import date, datetime
from unittest.mock import MagicMock

from odoo.tests import Form, TransactionCase, freeze_time, new_test_user, tagged

from ..lib import duty as duty_lib
from ..models.simantap_field_duty import REFUSAL_CODES, FieldDutyError
from ..models.simantap_field_duty_coverage import SimantapFieldDutyCoverage
from .common import SimantapCase
from .documents import JPEG, PDF, PNG

TEXT = b"This is a plain text file, not a letter."

OFFICE = (-1.3690000, 101.2500000)
DESTINATION = (-1.5000000, 101.1000000)  # some 22 km from the office
NEAR_DESTINATION = (-1.5010000, 101.1000000)  # about 110 m from it
FAR_FROM_BOTH = (-1.2000000, 101.6000000)


def b64(data):
    return base64.b64encode(data)


@tagged("post_install", "-at_install")
class TestDutyLib(TransactionCase):
    """The pure helpers, without the database."""

    def test_documents_are_recognised_by_content_not_name(self):
        self.assertEqual(duty_lib.sniff(PDF), "pdf")
        self.assertEqual(duty_lib.sniff(PNG), "png")
        self.assertEqual(duty_lib.sniff(JPEG), "jpeg")
        self.assertIsNone(duty_lib.sniff(TEXT))
        self.assertEqual(duty_lib.check_document(PDF), "pdf")
        with self.assertRaises(duty_lib.DocumentError) as caught:
            duty_lib.check_document(TEXT)
        self.assertEqual(caught.exception.code, "document_type")
        with self.assertRaises(duty_lib.DocumentError) as caught:
            duty_lib.check_document(PDF, kinds=duty_lib.PHOTO_KINDS)
        self.assertEqual(caught.exception.code, "document_type")

    def test_size_is_checked_before_content(self):
        with self.assertRaises(duty_lib.DocumentError) as caught:
            duty_lib.check_document(TEXT * 100, max_bytes=100)
        self.assertEqual(caught.exception.code, "document_too_large")
        with self.assertRaises(duty_lib.DocumentError) as caught:
            duty_lib.check_document(b"")
        self.assertEqual(caught.exception.code, "document_missing")

    def test_whole_days_span_local_midnights(self):
        span = duty_lib.utc_span(date(2026, 11, 3), date(2026, 11, 4), "Asia/Jakarta")
        self.assertEqual(span.start, datetime(2026, 11, 2, 17, 0))
        self.assertEqual(span.end, datetime(2026, 11, 4, 17, 0))
        self.assertEqual(
            duty_lib.local_days(span.start, span.end, "Asia/Jakarta"),
            [date(2026, 11, 3), date(2026, 11, 4)],
        )

    def test_part_of_a_day_spans_its_hours(self):
        span = duty_lib.utc_span(
            date(2026, 11, 3),
            date(2026, 11, 3),
            "Asia/Jakarta",
            whole_days=False,
            hour_from=13.5,
            hour_to=16.0,
        )
        self.assertEqual(span.start, datetime(2026, 11, 3, 6, 30))
        self.assertEqual(span.end, datetime(2026, 11, 3, 9, 0))
        self.assertIsNone(
            duty_lib.utc_span(
                date(2026, 11, 3),
                None,
                "Asia/Jakarta",
                whole_days=False,
                hour_from=16,
                hour_to=13,
            )
        )
        self.assertIsNone(
            duty_lib.utc_span(date(2026, 11, 4), date(2026, 11, 3), "Asia/Jakarta")
        )

    def test_approver_is_the_first_usable_head_not_on_duty(self):
        chain = [
            duty_lib.Head(unit_id=1, employee_id=None, user_id=None),
            duty_lib.Head(unit_id=2, employee_id=10, user_id=100),
            duty_lib.Head(unit_id=3, employee_id=11, user_id=None),
            duty_lib.Head(unit_id=4, employee_id=12, user_id=102, usable=False),
            duty_lib.Head(unit_id=5, employee_id=13, user_id=103),
        ]
        self.assertEqual(duty_lib.pick_approver(chain, [1]).user_id, 100)
        self.assertEqual(duty_lib.pick_approver(chain, [10]).user_id, 103)
        self.assertIsNone(duty_lib.pick_approver(chain, [10, 13]))

    def test_days_late_counts_working_days_after_the_first(self):
        monday = date(2026, 11, 2)
        week = [date(2026, 11, d) for d in (2, 3, 4, 5, 6)]
        self.assertEqual(duty_lib.days_late(monday, monday, week), 0)
        self.assertEqual(duty_lib.days_late(date(2026, 11, 5), monday, week), 3)
        self.assertEqual(duty_lib.days_late(date(2026, 11, 1), monday, week), 0)


class FieldDutyCase(SimantapCase):
    """The regency of SimantapCase with a regent's secretariat above the OPDs, a
    school with its principal, an office location and a way to watch the daily
    status re-evaluations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Duty = cls.env["simantap.field.duty"]
        Department = cls.env["hr.department"]

        def user(login, groups=""):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"base.group_user,{groups}" if groups else "base.group_user",
                company_id=cls.company.id,
                company_ids=[(6, 0, cls.company.ids)],
            )

        def employee(name, user_, department):
            return cls.env["hr.employee"].create(
                {
                    "name": name,
                    "user_id": user_.id if user_ else False,
                    "department_id": department.id,
                    "company_id": cls.company.id,
                    "resource_calendar_id": cls.calendar.id,
                    "tz": "Asia/Jakarta",
                }
            )

        unit_head = "simantap_attendance.group_simantap_unit_head"
        cls.setda = Department.create(
            {
                "name": "Sekretariat Daerah",
                "unit_type": "opd",
                "company_id": cls.company.id,
            }
        )
        cls.user_sekda = user("sm_sekda", unit_head)
        cls.emp_sekda = employee("Sekretaris Daerah", cls.user_sekda, cls.setda)
        cls.setda.manager_id = cls.emp_sekda
        (cls.opd | cls.other_opd).parent_id = cls.setda

        cls.school = Department.create(
            {
                "name": "SD Negeri 01 Uji",
                "unit_type": "school",
                "parent_id": cls.setda.id,
                "company_id": cls.company.id,
            }
        )
        cls.user_principal = user("sm_kepsek", unit_head)
        cls.emp_principal = employee("Kepala Sekolah", cls.user_principal, cls.school)
        cls.school.manager_id = cls.emp_principal
        cls.user_teacher = user("sm_guru")
        cls.emp_teacher = employee("Guru Kelas", cls.user_teacher, cls.school)

        (
            cls.emp_head | cls.emp_employee | cls.emp_colleague | cls.emp_officer
        ).tz = "Asia/Jakarta"

        address = cls.env["res.partner"].create(
            {"name": "Kantor Dinas Uji", "company_id": cls.company.id}
        )
        cls.office = cls.env["hr.work.location"].create(
            {
                "name": "Kantor Dinas Uji",
                "address_id": address.id,
                "company_id": cls.company.id,
                "latitude": OFFICE[0],
                "longitude": OFFICE[1],
                "geofence_radius": 100,
            }
        )
        cls.emp_employee.simantap_location_ids = cls.office

    def setUp(self):
        super().setUp()
        self.daily_status = MagicMock()
        self.patch(
            SimantapFieldDutyCoverage,
            "_simantap_daily_status",
            lambda duty: self.daily_status,
        )

    def _reevaluated(self):
        """[(employee ids, dates)] the daily status was asked to re-evaluate."""
        return [
            (sorted(call.args[0].ids), sorted(call.args[1]))
            for call in self.daily_status._simantap_reevaluate.call_args_list
        ]

    @classmethod
    def _employee_of(cls, user):
        return cls.env["hr.employee"].search([("user_id", "=", user.id)], limit=1)

    def _duty(self, user=None, **values):
        user = user or self.user_employee
        vals = {
            "employee_id": self._employee_of(user).id,
            "date_from": "2026-11-03",
            "date_to": "2026-11-04",
            "purpose": "Monitoring dana BOS",
            "destination_name": "Kantor Camat Sangir",
            "letter_number": "800/123/DU/2026",
            "letter_date": "2026-11-02",
            "letter_file": b64(PDF),
            "letter_filename": "surat_tugas.pdf",
        }
        vals.update(values)
        return self.Duty.with_user(user).create(vals)

    def _approved(self, user=None, **values):
        duty = self._duty(user, **values)
        duty.action_submit()
        duty.with_user(duty.approver_user_id or self.user_officer).action_approve()
        self.daily_status.reset_mock()
        return duty

    def _code(self, function, *args):
        with self.assertRaises(FieldDutyError) as caught:
            function(*args)
        self.assertIn(caught.exception.code, dict(REFUSAL_CODES))
        return caught.exception.code


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02 01:00:00")  # Monday 08:00 in Jakarta
class TestFieldDutyFlow(FieldDutyCase):
    def test_full_day_duty_approved(self):
        duty = self._duty()
        self.assertEqual(duty.state, "draft")
        self.assertTrue(duty.name.startswith("DL/2026/"))
        self.assertEqual(duty.employee_ids, self.emp_employee)
        self.assertEqual(duty.start_datetime, datetime(2026, 11, 2, 17, 0))
        self.assertEqual(duty.end_datetime, datetime(2026, 11, 4, 17, 0))

        duty.action_submit()
        self.assertEqual(duty.state, "submitted")
        self.assertEqual(duty.approver_user_id, self.user_head)
        self.assertEqual(duty.retroactive_days, 0)
        activity = duty.activity_ids
        self.assertEqual(activity.user_id, self.user_head)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("simantap_attendance.mail_activity_type_field_duty_approval"),
        )
        self.assertFalse(
            self.emp_employee._simantap_covering_duty(datetime(2026, 11, 3, 5))
        )

        duty.with_user(self.user_head).action_approve()
        self.assertEqual(duty.state, "approved")
        self.assertEqual(duty.decided_by_id, self.user_head)
        self.assertFalse(duty.activity_ids)
        employee = self.emp_employee
        self.assertEqual(
            employee._simantap_covering_duty(datetime(2026, 11, 2, 17)), duty
        )
        self.assertEqual(
            employee._simantap_covering_duty(datetime(2026, 11, 4, 16, 59)), duty
        )
        self.assertFalse(employee._simantap_covering_duty(datetime(2026, 11, 4, 17)))
        self.assertFalse(
            employee._simantap_covering_duty(datetime(2026, 11, 2, 16, 59))
        )
        self.assertEqual(
            self._reevaluated(),
            [(employee.ids, [date(2026, 11, 3), date(2026, 11, 4)])],
        )
        duty.with_user(self.user_employee).action_done()
        self.assertEqual(duty.state, "done")
        self.assertEqual(
            employee._simantap_covering_duty(datetime(2026, 11, 3, 5)), duty
        )

    def test_employee_files_through_the_form(self):
        form = Form(self.Duty.with_user(self.user_employee))
        self.assertEqual(form.employee_id, self.emp_employee)
        self.assertEqual(form.tz, "Asia/Jakarta")
        form.date_from = date(2026, 11, 9)
        self.assertEqual(form.date_to, date(2026, 11, 9))
        form.duty_kind = "part_day"
        form.hour_from = 13.0
        form.hour_to = 15.5
        form.purpose = "Rapat koordinasi di kecamatan"
        form.destination_name = "Kantor Camat Sangir"
        form.letter_number = "800/9/2026"
        form.letter_date = date(2026, 11, 2)
        form.letter_file = b64(PDF).decode()
        duty = form.save()
        self.assertEqual(duty.start_datetime, datetime(2026, 11, 9, 6, 0))
        self.assertEqual(duty.end_datetime, datetime(2026, 11, 9, 8, 30))
        duty.action_submit()
        form = Form(duty.with_user(self.user_head))
        self.assertTrue(form.can_decide)

    def test_full_day_duty_rejected(self):
        duty = self._duty()
        duty.action_submit()
        head_duty = duty.with_user(self.user_head)
        self.assertEqual(self._code(head_duty.action_reject, "  "), "reason_required")
        wizard = Form(
            self.env["simantap.field.duty.reject"]
            .with_user(self.user_head)
            .with_context(default_duty_ids=duty.ids)
        )
        wizard.reason = "Surat tugas belum ditandatangani"
        wizard.save().action_reject()
        self.assertEqual(duty.state, "rejected")
        self.assertEqual(duty.reject_reason, "Surat tugas belum ditandatangani")
        self.assertFalse(duty.activity_ids)
        self.assertFalse(
            self.emp_employee._simantap_covering_duty(datetime(2026, 11, 3, 5))
        )
        self.assertEqual(
            self.Duty._duty_intervals(
                self.emp_employee.ids, datetime(2026, 11, 1), datetime(2026, 11, 8)
            ),
            {},
        )
        self.assertEqual(self._reevaluated(), [])
        # fixed and submitted again
        duty.with_user(self.user_employee).action_draft()
        self.assertEqual(duty.state, "draft")
        duty.with_user(self.user_employee).write({"letter_number": "800/124/DU/2026"})
        duty.with_user(self.user_employee).action_submit()
        self.assertEqual(duty.state, "submitted")
        self.assertFalse(duty.reject_reason)

    def test_part_day_duty_approved(self):
        duty = self._approved(
            duty_kind="part_day", date_to=False, hour_from=13.0, hour_to=16.0
        )
        self.assertEqual(duty.date_to, date(2026, 11, 3))
        self.assertEqual(duty.start_datetime, datetime(2026, 11, 3, 6, 0))
        self.assertEqual(duty.end_datetime, datetime(2026, 11, 3, 9, 0))
        employee = self.emp_employee
        self.assertFalse(employee._simantap_covering_duty(datetime(2026, 11, 3, 5, 59)))
        self.assertEqual(
            employee._simantap_covering_duty(datetime(2026, 11, 3, 6)), duty
        )
        self.assertFalse(employee._simantap_covering_duty(datetime(2026, 11, 3, 9)))
        self.assertEqual(
            self.Duty._duty_intervals(
                employee, datetime(2026, 11, 2, 17), datetime(2026, 11, 3, 17)
            ),
            {employee.id: [(duty.start_datetime, duty.end_datetime, duty.id)]},
        )
        duty.with_user(self.user_head).action_cancel()
        self.assertEqual(self._reevaluated(), [(employee.ids, [date(2026, 11, 3)])])
        self.assertFalse(employee._simantap_covering_duty(datetime(2026, 11, 3, 7)))

    def test_part_day_duty_rejected(self):
        duty = self._duty(duty_kind="part_day", hour_from=9.0, hour_to=11.5)
        duty.action_submit()
        duty.with_user(self.user_head).action_reject("Tidak ada undangan rapat")
        self.assertEqual(duty.state, "rejected")
        self.assertFalse(
            self.emp_employee._simantap_covering_duty(datetime(2026, 11, 3, 3))
        )

    def test_range_must_make_sense(self):
        self.assertEqual(
            self._code(
                lambda: self._duty(duty_kind="part_day", hour_from=14.0, hour_to=10.0)
            ),
            "range_invalid",
        )
        duty = self._duty()
        self.assertEqual(
            self._code(
                duty.with_user(self.user_employee).write, {"date_to": "2026-11-01"}
            ),
            "range_invalid",
        )

    def test_team_duty_covers_every_member(self):
        duty = self._approved(employee_ids=[(4, self.emp_colleague.id)])
        self.assertEqual(duty.employee_ids, self.emp_employee | self.emp_colleague)
        intervals = self.Duty._duty_intervals(
            (self.emp_employee | self.emp_colleague | self.emp_head).ids,
            datetime(2026, 11, 3),
            datetime(2026, 11, 4),
        )
        self.assertEqual(set(intervals), {self.emp_employee.id, self.emp_colleague.id})
        self.assertEqual(
            self.emp_colleague._simantap_covering_duty(datetime(2026, 11, 3, 5)), duty
        )
        # the colleague reads the team duty but cannot edit the leader's draft
        self.assertEqual(
            self.Duty.with_user(self.user_colleague).search([("id", "=", duty.id)]),
            duty,
        )

    def test_duty_intervals_take_one_query(self):
        employees = self.emp_employee | self.emp_colleague | self.emp_teacher
        self._approved()
        self._approved(
            self.user_colleague, date_from="2026-11-05", date_to="2026-11-05"
        )
        self.env.flush_all()
        with self.assertQueryCount(1):
            intervals = self.Duty._duty_intervals(
                employees.ids, datetime(2026, 11, 2), datetime(2026, 11, 9)
            )
        self.assertEqual(len(intervals[self.emp_employee.id]), 1)
        self.assertEqual(len(intervals[self.emp_colleague.id]), 1)
        self.assertNotIn(self.emp_teacher.id, intervals)

    def test_reevaluation_reaches_the_daily_status_when_installed(self):
        # without the patch: the real daily status model (when loaded) is called
        self.patch(
            SimantapFieldDutyCoverage,
            "_simantap_daily_status",
            lambda duty: (
                duty.env["simantap.daily.status"]
                if "simantap.daily.status" in duty.env
                else None
            ),
        )
        duty = self._duty()
        duty.action_submit()
        duty.with_user(self.user_head).action_approve()
        self.assertEqual(duty.state, "approved")


@tagged("post_install", "-at_install")
class TestRetroactiveDuty(FieldDutyCase):
    """Monday 2 November 2026 duty submitted later in the week."""

    def _monday_duty(self):
        return self._duty(date_from="2026-11-02", date_to="2026-11-02")

    @freeze_time("2026-11-05 03:00:00")  # Thursday: 3 working days later
    def test_within_the_limit(self):
        duty = self._monday_duty()
        duty.action_submit()
        self.assertEqual(duty.state, "submitted")
        self.assertEqual(duty.retroactive_days, 3)
        duty.with_user(self.user_head).action_approve()
        self.assertEqual(
            self._reevaluated(), [(self.emp_employee.ids, [date(2026, 11, 2)])]
        )

    @freeze_time("2026-11-05 03:00:00")
    def test_approved_retroactive_duty_turns_the_day_into_dl(self):
        if "simantap.daily.status" not in self.env:
            self.skipTest("the daily status is not loaded")
        DailyStatus = self.env["simantap.daily.status"]
        self.patch(
            SimantapFieldDutyCoverage,
            "_simantap_daily_status",
            lambda duty: DailyStatus,
        )
        monday = date(2026, 11, 2)
        DailyStatus._simantap_reevaluate(self.emp_employee, [monday])
        day = DailyStatus.search(
            [("employee_id", "=", self.emp_employee.id), ("date", "=", monday)]
        )
        self.assertEqual(day.effective_codes, "TK")
        duty = self._monday_duty()
        duty.action_submit()
        duty.with_user(self.user_head).action_approve()
        day.invalidate_recordset()
        self.assertEqual(day.effective_codes, "DL")

    @freeze_time("2026-11-06 03:00:00")  # Friday: 4 working days later
    def test_beyond_the_limit(self):
        duty = self._monday_duty()
        self.assertEqual(self._code(duty.action_submit), "retroactive_limit")
        self.assertEqual(duty.state, "draft")

    @freeze_time("2026-11-06 03:00:00")
    def test_limit_is_a_company_setting(self):
        self.company.simantap_duty_retroactive_days = 4
        duty = self._monday_duty()
        duty.action_submit()
        self.assertEqual(duty.retroactive_days, 4)

    @freeze_time("2026-11-06 03:00:00")
    def test_public_holiday_is_not_a_working_day(self):
        # company_id is recomputed from env.company when there is no calendar
        self.env["resource.calendar.leaves"].with_company(self.company).create(
            {
                "name": "Libur nasional",
                "calendar_id": False,
                "company_id": self.company.id,
                "date_from": "2026-11-03 17:00:00",  # Wednesday 4, local midnight
                "date_to": "2026-11-04 16:59:59",
            }
        )
        duty = self._monday_duty()
        duty.action_submit()
        self.assertEqual(duty.retroactive_days, 3)

    @freeze_time("2026-11-10 03:00:00")  # Tuesday after: Monday and Tuesday only
    def test_weekend_is_not_counted(self):
        duty = self._duty(date_from="2026-11-06", date_to="2026-11-06")
        duty.action_submit()
        self.assertEqual(duty.retroactive_days, 2)

    @freeze_time("2026-11-02 16:59:00")  # still Monday in Jakarta
    def test_same_day_is_not_retroactive(self):
        duty = self._monday_duty()
        duty.action_submit()
        self.assertEqual(duty.retroactive_days, 0)
