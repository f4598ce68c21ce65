from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from ..lib import nip as nip_lib
from .common import SimantapCase

VALID_NIP = "198503122010011003"  # born 1985-03-12, appointed 2010-01, male, no. 003


@tagged("post_install", "-at_install")
class TestNipParser(TransactionCase):
    """The pure parser, without the database."""

    def test_valid_nip_is_split_into_its_parts(self):
        parsed = nip_lib.parse("19850312 201001 1 003")
        self.assertEqual(parsed.number, VALID_NIP)
        self.assertEqual(str(parsed.birth_date), "1985-03-12")
        self.assertEqual((parsed.appointment_year, parsed.appointment_month), (2010, 1))
        self.assertEqual(parsed.gender, "male")
        self.assertEqual(parsed.sequence, 3)

    def test_pppk_number_carries_code_21(self):
        parsed = nip_lib.parse("199204152022212005")
        self.assertEqual(parsed.kind, "pppk")
        self.assertEqual(parsed.appointment_year, 2022)
        self.assertEqual(parsed.gender, "female")

    def test_each_defect_has_its_own_code(self):
        cases = {
            "1985031220100110": "length",
            "19850312201001100X": "length",
            "198502302010011003": "birth_date",  # 30 February
            "198503122010131003": "appointment",  # month 13
            "198503122000011003": "appointment_age",  # appointed at 14
            "198503122010013003": "gender",
            "198503122010011000": "sequence",
        }
        for value, code in cases.items():
            with (
                self.subTest(value=value),
                self.assertRaises(nip_lib.NipError) as caught,
            ):
                nip_lib.parse(value)
            self.assertEqual(caught.exception.code, code)


@tagged("post_install", "-at_install")
class TestEmployeeNip(SimantapCase):
    def test_valid_nip_is_stored_without_separators(self):
        self.emp_employee.write({"nip": "19850312.201001.1.003", "gender": "male"})
        self.assertEqual(self.emp_employee.nip, VALID_NIP)

    def test_invalid_nip_is_refused_with_a_clear_message(self):
        with self.assertRaises(ValidationError) as caught:
            self.emp_employee.nip = "198502302010011003"
        self.assertIn("birth date", str(caught.exception))
        self.emp_employee.invalidate_recordset()
        self.assertFalse(self.emp_employee.nip)

    def test_nip_message_is_translated_to_indonesian(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"].search(
            [("name", "=", "simantap_attendance")]
        )._update_translations(["id_ID"])
        employee = self.emp_employee.with_context(lang="id_ID")
        with self.assertRaises(ValidationError) as caught:
            employee.nip = "123"
        self.assertIn("NIP tidak sah", str(caught.exception))

    def test_gender_digit_must_match_the_employee(self):
        with self.assertRaises(ValidationError):
            self.emp_employee.write({"nip": VALID_NIP, "gender": "female"})

    def test_duplicate_nip_in_the_same_company_is_refused(self):
        self.emp_employee.nip = VALID_NIP
        with self.assertRaises(ValidationError) as caught:
            self.emp_colleague.nip = VALID_NIP
        self.assertIn(self.emp_employee.name, str(caught.exception))

    def test_duplicate_nip_is_refused_by_the_database_too(self):
        self.emp_employee.nip = VALID_NIP
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env.cr.execute(
                "UPDATE hr_employee SET nip = %s WHERE id = %s",
                (VALID_NIP, self.emp_colleague.id),
            )

    def test_same_nip_in_another_company_is_allowed(self):
        self.emp_employee.nip = VALID_NIP
        self.emp_foreign.nip = VALID_NIP
        self.assertEqual(self.emp_foreign.nip, VALID_NIP)
