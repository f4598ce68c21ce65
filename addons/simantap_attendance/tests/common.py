from odoo.tests import TransactionCase, new_test_user


class SimantapCase(TransactionCase):
    """A small regency of its own: one company, an OPD with a sub-unit, a second OPD,
    a user for each role.  Built here, not read from demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Kabupaten Uji"})
        cls.other_company = cls.env["res.company"].create({"name": "Kabupaten Lain"})
        cls.env.user.company_ids |= cls.company | cls.other_company
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Kantor uji", "tz": "Asia/Jakarta", "company_id": cls.company.id}
        )
        companies = {
            "company_id": cls.company.id,
            "company_ids": [(6, 0, cls.company.ids)],
        }

        def user(login, groups):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"base.group_user,{groups}" if groups else "base.group_user",
                **companies,
            )

        cls.user_employee = user("sm_pegawai", "")
        cls.user_colleague = user("sm_rekan", "")
        cls.user_head = user(
            "sm_kepala", "simantap_attendance.group_simantap_unit_head"
        )
        cls.user_officer = user(
            "sm_petugas", "simantap_attendance.group_simantap_officer"
        )
        cls.user_payroll = user(
            "sm_bendahara", "simantap_attendance.group_simantap_payroll"
        )

        Department = cls.env["hr.department"]
        cls.opd = Department.create(
            {"name": "Dinas Uji", "unit_type": "opd", "company_id": cls.company.id}
        )
        cls.sub_unit = Department.create(
            {
                "name": "Bidang Uji",
                "unit_type": "sub_unit",
                "parent_id": cls.opd.id,
                "company_id": cls.company.id,
            }
        )
        cls.other_opd = Department.create(
            {"name": "Dinas Lain", "unit_type": "opd", "company_id": cls.company.id}
        )

        def employee(name, user, department, **extra):
            return cls.env["hr.employee"].create(
                {
                    "name": name,
                    "user_id": user.id if user else False,
                    "department_id": department.id,
                    "company_id": department.company_id.id,
                    "resource_calendar_id": cls.calendar.id,
                    **extra,
                }
            )

        cls.emp_head = employee("Kepala Dinas Uji", cls.user_head, cls.opd)
        cls.opd.manager_id = cls.emp_head
        cls.emp_employee = employee("Pegawai Bidang", cls.user_employee, cls.sub_unit)
        cls.emp_colleague = employee(
            "Rekan Dinas Lain", cls.user_colleague, cls.other_opd
        )
        cls.emp_officer = employee("Petugas BKPSDM", cls.user_officer, cls.other_opd)
        cls.emp_foreign = cls.env["hr.employee"].create(
            {"name": "Pegawai Kabupaten Lain", "company_id": cls.other_company.id}
        )
