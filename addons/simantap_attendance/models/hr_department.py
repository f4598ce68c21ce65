from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrDepartment(models.Model):
    """Units of the regency: an OPD (organisasi perangkat daerah, a regional office such
    as BKPSDM), a school, or a sub-unit of either.  The unit head is the stock
    department manager."""

    _inherit = "hr.department"

    unit_type = fields.Selection(
        [("opd", "OPD"), ("school", "School"), ("sub_unit", "Sub-unit")],
        default="sub_unit",
        help="OPD: a regional government office (organisasi perangkat daerah). "
        "School: a public school, headed by its principal. "
        "Sub-unit: a division inside an OPD or a school.",
    )
    simantap_location_ids = fields.Many2many(
        "hr.work.location",
        "simantap_department_location_rel",
        "department_id",
        "location_id",
        string="Default Allowed Locations",
        help="Where the employees of this unit (and of its sub-units without their own "
        "list) may check in, unless an employee has their own list.",
    )
    head_user_ids = fields.Many2many(
        "res.users",
        "simantap_department_head_user_rel",
        "department_id",
        "user_id",
        string="Unit Heads in Charge",
        compute="_compute_head_user_ids",
        store=True,
        recursive=True,
        help="Users of the managers of this unit and of every unit above it; "
        "they read the Simantap records of this unit.",
    )

    simantap_office_id = fields.Many2one(
        "hr.department",
        string="Office",
        compute="_compute_simantap_office_id",
        store=True,
        recursive=True,
        index=True,
        help="The OPD or school this unit belongs to (itself when it is one). "
        "Employees see the staff of their own office only.",
    )
    simantap_office_unit_ids = fields.One2many(
        "hr.department",
        "simantap_office_id",
        string="Units of the Office",
    )

    simantap_ping_interval = fields.Integer(
        string="Presence Ping Every (minutes)",
        help="This unit's own cadence of presence pings; 0 takes the parent unit's, "
        "else the company's.",
    )
    simantap_effective_ping_interval = fields.Integer(
        string="Effective Ping Cadence (minutes)",
        compute="_compute_simantap_effective_ping_interval",
        store=True,
        recursive=True,
    )

    @api.depends(
        "simantap_ping_interval",
        "parent_id.simantap_effective_ping_interval",
        "company_id.simantap_ping_interval",
    )
    def _compute_simantap_effective_ping_interval(self):
        for department in self:
            department.simantap_effective_ping_interval = (
                department.simantap_ping_interval
                or department.parent_id.simantap_effective_ping_interval
                or department.company_id.simantap_ping_interval
                or self.env.company.simantap_ping_interval
            )

    @api.depends("unit_type", "parent_id.simantap_office_id")
    def _compute_simantap_office_id(self):
        for department in self:
            if department.parent_id and department.unit_type == "sub_unit":
                department.simantap_office_id = department.parent_id.simantap_office_id
            else:
                department.simantap_office_id = department

    @api.depends("manager_id.user_id", "parent_id.head_user_ids")
    def _compute_head_user_ids(self):
        for department in self:
            department.head_user_ids = (
                department.manager_id.user_id | department.parent_id.head_user_ids
            )

    def _simantap_office(self):
        """The OPD or school a unit belongs to (itself when it is one): the office
        whose letterhead its documents carry."""
        self.ensure_one()
        unit = self
        while unit.parent_id and unit.unit_type == "sub_unit":
            unit = unit.parent_id
        return unit

    def _simantap_head(self):
        """The head of the unit, else of the nearest unit above it."""
        self.ensure_one()
        unit = self
        while unit and not unit.manager_id:
            unit = unit.parent_id
        return unit.manager_id

    def _simantap_default_locations(self):
        """The nearest list of allowed locations up the unit tree."""
        self.ensure_one()
        unit = self
        while unit and not unit.simantap_location_ids:
            unit = unit.parent_id
        return unit.simantap_location_ids

    def write(self, vals):
        if vals.get("parent_id"):
            parent = self.browse(vals["parent_id"])
            looped = self.filtered(
                lambda unit: (
                    parent.parent_path and f"/{unit.id}/" in f"/{parent.parent_path}"
                )
            )
            if looped:
                raise ValidationError(
                    self.env._(
                        "%(unit)s cannot be placed under %(parent)s: "
                        "%(parent)s is already one of its sub-units.",
                        unit=looped[0].display_name,
                        parent=parent.display_name,
                    )
                )
        return super().write(vals)

    simantap_address = fields.Char(
        string="Unit Address",
        help="Printed under the unit's name in the letterhead of its reports; by "
        "default the company's address.",
    )
