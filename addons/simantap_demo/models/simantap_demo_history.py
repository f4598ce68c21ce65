import base64
import io
import random
import uuid
from datetime import datetime, time, timedelta

import pytz
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from odoo import api, fields, models

from odoo.addons.simantap_attendance.lib import holiday_calendar
from odoo.addons.simantap_attendance.lib.clock import DEFAULT_TZ as TZ

from ..lib.plan import plan_days


def letter_pdf(number):
    """A one-page assignment letter (a real PDF: the duty refuses anything else)."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont("Helvetica-Bold", 14)
    page.drawCentredString(A4[0] / 2, A4[1] - 100, "SURAT TUGAS")
    page.setFont("Helvetica", 11)
    page.drawCentredString(A4[0] / 2, A4[1] - 120, f"Nomor: {number}")
    page.showPage()
    page.save()
    return out.getvalue()


# (employee, grade of their position class) for those whose class is not the one of
# their position category (see CATEGORY_GRADE)
GRADES = {
    "hr_employee_sekda_demo": 14,
    "hr_employee_bkpsdm_kepala_demo": 12,
    "hr_employee_disdik_kepala_demo": 12,
}
CATEGORY_GRADE = {"struktural": 11, "fungsional": 9, "guru": 8, "pelaksana": 6}
# employees who are often late and absent (their month shows cuts)
CARELESS = (
    "hr_employee_setda_pengemudi_demo",
    "hr_employee_disdik_pengadministrasi_demo",
)
# employees who send presence pings and answer spot checks in the last working days
PINGING = (
    "hr_employee_bkpsdm_pegawai_demo",
    "hr_employee_bkpsdm_bendahara_demo",
    "hr_employee_bkpsdm_pranata_komputer_demo",
    "hr_employee_disiplin_analis_demo",
    "hr_employee_disiplin_pranata_demo",
)
WANDERER = "hr_employee_disiplin_pranata_demo"  # outside the fence for an hour


def _selfie(seed):
    """A small JPEG of its own (a perceptual hash of its own) per answer."""
    rng = random.Random(seed)
    image = Image.new("RGB", (64, 48))
    image.putdata(
        [tuple(rng.randrange(256) for _c in range(3)) for _p in range(64 * 48)]
    )
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()


class SimantapDemoHistory(models.AbstractModel):
    """Builds the demo regency's recent past when the addon is installed: from the
    first day of last month to yesterday, attendance (with late arrivals, early
    departures and a few absences), sick leave, field duties, presence pings and
    spot checks, the evaluated days, the weekly recaps, every employee's TPP class
    and last month's TPP computed and under review."""

    _name = "simantap.demo.history"
    _description = "Demo regency history"

    def _ref(self, name):
        return self.env.ref(f"simantap_demo.{name}")

    def _employees(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "simantap_demo"), ("model", "=", "hr.employee")]
        )
        return {d.name: self.env["hr.employee"].browse(d.res_id) for d in data}

    @staticmethod
    def _utc(day, hours):
        local = pytz.timezone(TZ).localize(
            datetime.combine(day, time()) + timedelta(hours=hours)
        )
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @staticmethod
    def _hours(employee, day):
        """(start, end) in local hours of the employee's working day, or None."""
        lines = employee.resource_calendar_id.attendance_ids.filtered(
            lambda a: int(a.dayofweek) == day.weekday() and not a.display_type
        )
        if not lines:
            return None
        return min(lines.mapped("hour_from")), max(lines.mapped("hour_to"))

    @api.model
    def _load(self):
        today = fields.Date.context_today(self.with_context(tz=TZ))
        first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        last = today - timedelta(days=1)
        employees = self._employees()
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        self._set_language()
        self._assign_classes(employees, first)
        away = self._leaves(employees, days) | self._duties(employees, days, last)
        self._attendances(employees, days, away)
        self._presence(employees, days)
        everyone = self.env["hr.employee"].browse([e.id for e in employees.values()])
        self.env["simantap.daily.status"]._evaluate(first, last, everyone)
        self._recaps(first, last)
        self._month(first)
        self._ramadan(today.year + 1)

    def _ramadan(self, year):
        """Next year's Ramadan hours: the thirty days before Idul Fitri as the
        ``holidays`` library dates it, the offices on the Ramadan office week and
        the schools (their own 6-day week) on the Ramadan school week."""
        first, last = holiday_calendar.ramadan(year)
        Override = self.env["simantap.schedule.override"]
        company = self.env.ref("base.main_company")
        values = {
            "date_from": first,
            "date_to": last,
            "company_id": company.id,
            "note": "Perpres 21/2023 dan SE MenPANRB: 32,5 jam seminggu, masuk 08.00.",
        }
        Override.create(
            {
                **values,
                "name": f"Jam kerja Ramadan {year}",
                "calendar_id": self._ref("resource_calendar_office_ramadan_demo").id,
            }
        )
        schools = self.env["hr.department"].search(
            [("company_id", "=", company.id), ("unit_type", "=", "school")]
        )
        for school in schools:
            Override.create(
                {
                    **values,
                    "name": f"Jam sekolah Ramadan {year}",
                    "department_id": school.id,
                    "calendar_id": self._ref(
                        "resource_calendar_school_ramadan_demo"
                    ).id,
                }
            )

    def _set_language(self):
        if self.env["res.lang"]._lang_get("id_ID"):
            users = self.env["res.users"].search(
                [
                    (
                        "login",
                        "in",
                        (
                            "admin",
                            "pegawai",
                            "guru",
                            "kepala.bkpsdm",
                            "kepsek",
                            "kadisdik",
                            "petugas",
                            "bendahara",
                            "admin.simantap",
                        ),
                    )
                ]
            )
            users.write({"lang": "id_ID"})
            self.env.company.partner_id.lang = "id_ID"

    def _assign_classes(self, employees, first):
        classes = {
            c.grade: c
            for c in self.env["simantap.position.class"].search(
                [("company_id", "=", self.env.ref("base.main_company").id)]
            )
        }
        vals = []
        for name, employee in employees.items():
            grade = GRADES.get(name) or CATEGORY_GRADE[employee.position_category]
            if employee.asn_status == "pppk" and grade == 6:
                grade = 5
            vals.append(
                {
                    "employee_id": employee.id,
                    "position_class_id": classes[grade].id,
                    "date_from": first.replace(month=1, day=1),
                }
            )
        self.env["simantap.tpp.assignment"].create(vals)

    def _working_days(self, employee, days):
        return [day for day in days if self._hours(employee, day)]

    def _leaves(self, employees, days):
        """Sick leave: two days of the BKPSDM secretary, one of a teacher."""
        sick = self.env.ref("hr_holidays.holiday_status_sl")
        away = set()
        Leave = self.env["hr.leave"].with_context(
            leave_skip_state_check=True, mail_notrack=True
        )
        for name, index, length in (
            ("hr_employee_bkpsdm_sekretaris_demo", 6, 2),
            ("hr_employee_sdn01_guru_kelas_1_demo", 12, 1),
        ):
            employee = employees.get(name)
            if not employee:
                continue
            work = self._working_days(employee, days)
            if len(work) <= index + length:
                continue
            start, end = work[index], work[index + length - 1]
            leave = Leave.create(
                {
                    "employee_id": employee.id,
                    "holiday_status_id": sick.id,
                    "request_date_from": start,
                    "request_date_to": end,
                    "private_name": "Sakit (surat keterangan dokter)",
                }
            )
            leave.write({"state": "validate"})
            away |= {(employee.id, day) for day in work[index : index + length]}
        return away

    def _duties(self, employees, days, last):
        """Two approved field duties, with their assignment letters."""
        away = set()
        Duty = self.env["simantap.field.duty"]
        for name, index, length, purpose, destination, number in (
            (
                "hr_employee_disdik_pengawas_demo",
                3,
                3,
                "Supervisi pembelajaran di sekolah binaan",
                "SD Negeri 05 Sangir",
                "800/112/Disdik/{year}",
            ),
            (
                "hr_employee_disiplin_kabid_demo",
                -2,
                2,
                "Rapat koordinasi disiplin ASN di BKD Provinsi Sumatera Barat",
                "Kantor BKD Provinsi Sumatera Barat, Padang",
                "800/245/BKPSDM/{year}",
            ),
        ):
            employee = employees.get(name)
            if not employee:
                continue
            work = self._working_days(employee, days)
            span = work[index : index + length] if index >= 0 else work[index:]
            if len(span) < length:
                continue
            head = employee.parent_id.user_id or self.env.ref("base.user_admin")
            duty = Duty.create(
                {
                    "employee_id": employee.id,
                    "date_from": span[0],
                    "date_to": span[-1],
                    "purpose": purpose,
                    "destination_name": destination,
                    "letter_number": number.format(year=span[0].year),
                    "letter_date": span[0] - timedelta(days=3),
                    "letter_file": base64.b64encode(
                        letter_pdf(number.format(year=span[0].year))
                    ),
                    "letter_filename": "surat_tugas.pdf",
                }
            )
            decided = self._utc(span[0] - timedelta(days=2), 10)
            duty.write(
                {
                    "state": "approved",
                    "submitted_on": self._utc(span[0] - timedelta(days=3), 9),
                    "approver_user_id": head.id,
                    "decided_by_id": head.id,
                    "decided_on": decided,
                }
            )
            away |= {(employee.id, day) for day in span}
        return away

    def _attendances(self, employees, days, away):
        Attendance = self.env["hr.attendance"]
        plans = {}
        for name, employee in employees.items():
            work = [
                d
                for d in self._working_days(employee, days)
                if (employee.id, d) not in away
            ]
            profile = "careless" if name in CARELESS else "steady"
            plans[employee] = plan_days(employee.nip, work, profile)
        for day in days:
            vals = []
            for employee, plan in plans.items():
                day_plan = plan.get(day)
                if not day_plan or not day_plan.present:
                    continue
                start, end = self._hours(employee, day)
                location = employee.work_location_id
                vals.append(
                    {
                        "employee_id": employee.id,
                        "check_in": self._utc(day, start + day_plan.late / 60),
                        "check_out": self._utc(day, end - day_plan.early / 60),
                        "in_latitude": location.latitude,
                        "in_longitude": location.longitude,
                        "out_latitude": location.latitude,
                        "out_longitude": location.longitude,
                    }
                )
            if vals:
                Attendance.create(vals)

    def _presence(self, employees, days):
        """Pings every hour and one spot check a day for a few BKPSDM employees on
        the last five working days; one of them spends an hour outside the fence
        and misses a spot check."""
        Presence = self.env["simantap.presence"]
        SpotCheck = self.env["simantap.spot.check"].sudo()
        for name in PINGING:
            employee = employees.get(name)
            if not employee:
                continue
            location = employee.work_location_id
            rng = random.Random(f"simantap-demo-pings:{employee.nip}")
            attendances = self.env["hr.attendance"].search(
                [("employee_id", "=", employee.id), ("check_out", "!=", False)],
                order="check_in desc",
                limit=5,
            )
            for attendance in attendances.sorted("check_in"):
                moment = attendance.check_in + timedelta(minutes=rng.randint(20, 50))
                outside = name == WANDERER and attendance == attendances[0]
                pings = 0
                while moment < attendance.check_out - timedelta(minutes=10):
                    away = outside and pings in (3, 4)
                    where = (
                        (location.latitude - 0.009, location.longitude)
                        if away
                        else (
                            location.latitude + rng.uniform(-2, 2) / 10000,
                            location.longitude + rng.uniform(-2, 2) / 10000,
                        )
                    )
                    Presence._record_ping(
                        employee,
                        {
                            "uuid": str(uuid.uuid4()),
                            "device_id": f"DEMO-{employee.nip[-4:]}",
                            "captured_at": moment,
                            "latitude": where[0],
                            "longitude": where[1],
                            "accuracy": float(rng.randint(5, 25)),
                            "mock_location": False,
                        },
                        now=moment + timedelta(seconds=rng.randint(2, 30)),
                    )
                    pings += 1
                    moment += timedelta(minutes=60 + rng.randint(-5, 5))
                due = attendance.check_in + timedelta(minutes=rng.randint(90, 240))
                check = SpotCheck.create(
                    {
                        "employee_id": employee.id,
                        "work_date": fields.Datetime.context_timestamp(
                            self.with_context(tz=TZ), attendance.check_in
                        ).date(),
                        "due_at": due,
                        "day_end": attendance.check_out,
                    }
                )
                if outside:
                    SpotCheck._close_overdue(
                        now=attendance.check_out + timedelta(hours=2)
                    )
                    continue
                answered = due + timedelta(minutes=rng.randint(1, 6))
                Presence._answer_spot_check(
                    employee,
                    {
                        "uuid": str(uuid.uuid4()),
                        "device_id": f"DEMO-{employee.nip[-4:]}",
                        "captured_at": answered,
                        "latitude": location.latitude,
                        "longitude": location.longitude,
                        "accuracy": 8.0,
                        "mock_location": False,
                        "spot_check_id": check.id,
                        "photo": _selfie(f"{employee.nip}:{check.id}"),
                    },
                    now=answered + timedelta(seconds=10),
                )

    def _recaps(self, first, last):
        """Every week of the period recapped; the unit heads got the last one."""
        week = first - timedelta(days=first.weekday())
        units = self.env["simantap.weekly.unit.recap"]
        while week + timedelta(days=6) <= last:
            units = self.env["simantap.weekly.recap"]._generate(week)
            week += timedelta(days=7)
        units._send_to_heads()

    def _month(self, first):
        """Last month computed by the treasurer and opened for objections."""
        treasurer = self._ref("user_bendahara_demo")
        Period = self.env["simantap.sanction.period"].with_user(treasurer)
        period = Period.create(
            {"company_id": self.env.ref("base.main_company").id, "date_from": first}
        )
        period.action_compute()
        period.action_start_review()
