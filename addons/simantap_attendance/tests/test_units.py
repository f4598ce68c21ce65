from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SimantapCase


@tagged("post_install", "-at_install")
class TestUnits(SimantapCase):
    def test_unit_head_is_in_charge_of_sub_units(self):
        self.assertEqual(self.opd.head_user_ids, self.user_head)
        self.assertEqual(self.sub_unit.head_user_ids, self.user_head)
        self.assertFalse(self.other_opd.head_user_ids)

    def test_new_manager_takes_charge_of_the_tree(self):
        self.opd.manager_id = self.emp_officer
        self.assertEqual(self.sub_unit.head_user_ids, self.user_officer)

    def test_moving_a_sub_unit_moves_its_heads(self):
        self.sub_unit.parent_id = self.other_opd
        self.assertFalse(self.sub_unit.head_user_ids)

    def test_department_cycle_is_refused(self):
        with self.assertRaises(ValidationError):
            self.opd.parent_id = self.sub_unit
        self.opd.invalidate_recordset()
        self.assertFalse(self.opd.parent_id)
