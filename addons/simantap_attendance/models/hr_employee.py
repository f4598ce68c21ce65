import dataclasses

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import geofence
from ..lib import nip as nip_lib


class HrEmployee(models.Model):
    """Civil-service data Odoo lacks: the NIP (Nomor Induk Pegawai, the civil servant's
    18-digit number), the ASN status (PNS, a permanent civil servant, or PPPK, a civil
    servant on contract) and the position category."""

    _inherit = "hr.employee"

    nip = fields.Char(
        string="NIP",
        size=18,
        copy=False,
        index=True,
        groups="hr.group_hr_user",
        tracking=True,
        help="Nomor Induk Pegawai: 18 digits, birth date (YYYYMMDD), appointment "
        "(YYYYMM), gender (1 male, 2 female) and a 3-digit sequence.",
    )
    asn_status = fields.Selection(
        [("pns", "PNS"), ("pppk", "PPPK")],
        string="ASN Status",
        groups="hr.group_hr_user",
        tracking=True,
        help="PNS: permanent civil servant. PPPK: civil servant on a work contract.",
    )
    position_category = fields.Selection(
        [
            ("struktural", "Structural"),
            ("fungsional", "Functional"),
            ("pelaksana", "Executive staff"),
            ("guru", "Teacher"),
        ],
        groups="hr.group_hr_user",
        tracking=True,
    )

    simantap_location_ids = fields.Many2many(
        "hr.work.location",
        "simantap_employee_location_rel",
        "employee_id",
        "location_id",
        string="Allowed Locations",
        groups="hr.group_hr_user",
        help="Where this employee may check in (a teacher may teach at two schools). "
        "Empty: the unit's default locations, else the work location.",
    )

    _sql_constraints = [
        (
            "simantap_nip_company_uniq",
            "unique(nip, company_id)",
            "This NIP is already used by another employee of the company.",
        ),
    ]

    def _simantap_allowed_locations(self):
        """Own list, else the unit's default (up the tree), else the work location."""
        self.ensure_one()
        employee = self.sudo()
        locations = employee.simantap_location_ids
        if not locations and employee.department_id:
            locations = employee.department_id._simantap_default_locations()
        return locations or employee.work_location_id

    def _simantap_covering_duty(self, when, duties=None):
        """The approved field duty (dinas luar) covering the UTC datetime ``when``, or
        an empty recordset.  A duty excuses the office fence and may bring its own
        destination fence.  ``duties``, if given, is what
        ``simantap.field.duty._duty_intervals`` read for a whole batch, read here
        instead of a query per fix."""
        self.ensure_one()
        if duties is None:
            return self.env["simantap.field.duty"]._simantap_covering(self, when)
        covering = [
            duty_id
            for start, end, duty_id in duties.get(self.id, ())
            if start <= when < end
        ]
        return self.env["simantap.field.duty"].browse(covering[-1:])

    def _simantap_judge_fix(self, latitude, longitude, accuracy, when, batch=None):
        """Judge a checked fix of this employee at ``when``: the one place where the
        geofence verdict is decided, for check-ins, pings and spot checks alike.

        Returns a dict: ``verdict`` ('inside', 'on_duty' or 'outside'),
        ``location_id`` (the nearest allowed location), ``distance`` (metres to that
        fence, 0 inside) and ``duty`` (the covering duty, if any).

        Outside every allowed location, an approved duty covering ``when`` decides:
        without a destination fence the fix is 'on_duty' wherever it is; with one,
        it is 'on_duty' inside the destination fence and 'outside' beyond it, and
        ``distance`` is then measured to the destination (``location_id`` empty).

        ``batch``, when judging many fixes at once, is ``{'duties': what
        ``simantap.field.duty._duty_intervals`` read for them all, 'fences': {}}``
        (filled here): no query, no fence parsing and no reading of an employee's
        locations per fix."""
        self.ensure_one()
        if batch is None:
            fences = self._simantap_allowed_locations()._simantap_fences()
        else:  # each employee's locations, and each set of them, once per batch
            by_employee = batch.setdefault("employee_fences", {})
            fences = by_employee.get(self.id)
            if fences is None:
                locations = self._simantap_allowed_locations()
                fences = batch["fences"].get(tuple(locations.ids))
                if fences is None:
                    fences = locations._simantap_fences()
                    batch["fences"][tuple(locations.ids)] = fences
                by_employee[self.id] = fences
        judgement = geofence.judge(latitude, longitude, accuracy, fences)
        result = {
            "verdict": "inside" if judgement.inside else "outside",
            "location_id": judgement.fence_key or False,
            "distance": judgement.distance,
            "duty": False,
            "policy": judgement.policy,
            "allowance": judgement.allowance,
            "tolerance": judgement.tolerance,
        }
        if not judgement.inside:
            duty = self._simantap_covering_duty(when, batch and batch["duties"])
            fence = duty and duty._simantap_fence()
            if fence:
                fence = dataclasses.replace(
                    fence,
                    **self.env["hr.work.location"]._simantap_company_policy(
                        self.company_id
                    ),
                )
                destination = geofence.judge(latitude, longitude, accuracy, [fence])
                result.update(
                    verdict="on_duty" if destination.inside else "outside",
                    location_id=False,
                    distance=destination.distance,
                    duty=duty,
                    policy=destination.policy,
                    allowance=destination.allowance,
                    tolerance=destination.tolerance,
                )
            elif duty:
                result.update(verdict="on_duty", duty=duty)
        return result

    def _simantap_tz(self):
        """The timezone that decides this employee's working day: their own, else
        their schedule's, else the company schedule's, else Asia/Jakarta (WIB)."""
        self.ensure_one()
        return self.env["simantap.calendar"]._employee_zone(self.sudo()).zone

    @api.model
    def _nip_error_message(self, error):
        params = error.params
        if error.code == "length":
            return self.env._("A NIP has exactly %(length)s digits.", **params)
        if error.code == "birth_date":
            return self.env._(
                "The NIP's first 8 digits (%(value)s) are not a valid birth date "
                "(YYYYMMDD).",
                **params,
            )
        if error.code == "appointment":
            return self.env._(
                "Digits 9 to 14 of the NIP (%(value)s) are not a valid appointment "
                "month (YYYYMM).",
                **params,
            )
        if error.code == "appointment_age":
            return self.env._(
                "The NIP's appointment month (%(value)s) is less than 18 years after "
                "the birth date.",
                **params,
            )
        if error.code == "gender":
            return self.env._(
                "Digit 15 of the NIP is the gender: 1 (male) or 2 (female), not "
                "%(value)s.",
                **params,
            )
        return self.env._(
            "The NIP's last 3 digits (%(value)s) are a sequence starting at 001.",
            **params,
        )

    def _prepare_nip_vals(self, vals):
        """Normalise the NIP in ``vals`` and refuse a duplicate before anything is
        written (the unique index stays as the last line of defence)."""
        if not vals.get("nip"):
            return vals
        if len(self) > 1:
            raise ValidationError(self.env._("A NIP belongs to one employee only."))
        vals = dict(vals, nip=nip_lib.normalize(vals["nip"]))
        companies = (
            self.env["res.company"].browse(vals["company_id"])
            if vals.get("company_id")
            else self.company_id or self.env.company
        )
        for company in companies:
            duplicate = self.sudo().search(
                [
                    ("id", "not in", self.ids),
                    ("nip", "=", vals["nip"]),
                    ("company_id", "=", company.id),
                ],
                limit=1,
            )
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "The NIP %(nip)s is already used by %(other)s in %(company)s.",
                        nip=vals["nip"],
                        other=duplicate.name,
                        company=company.name,
                    )
                )
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._prepare_nip_vals(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._prepare_nip_vals(vals))

    @api.constrains("nip", "gender", "company_id")
    def _check_nip(self):
        for employee in self.sudo().filtered("nip"):
            try:
                parsed = nip_lib.parse(employee.nip)
            except nip_lib.NipError as error:
                raise ValidationError(
                    self.env._(
                        "Invalid NIP %(nip)s for %(employee)s: %(reason)s",
                        nip=employee.nip,
                        employee=employee.name,
                        reason=self._nip_error_message(error),
                    )
                ) from error
            if (
                employee.gender in ("male", "female")
                and employee.gender != parsed.gender
            ):
                genders = dict(self._fields["gender"]._description_selection(self.env))
                raise ValidationError(
                    self.env._(
                        "The NIP %(nip)s says %(nip_gender)s but %(employee)s is "
                        "recorded as %(gender)s.",
                        nip=employee.nip,
                        nip_gender=genders[parsed.gender],
                        employee=employee.name,
                        gender=genders[employee.gender],
                    )
                )
