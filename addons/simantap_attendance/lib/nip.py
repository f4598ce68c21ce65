"""NIP (Nomor Induk Pegawai), the 18-digit identity number of an Indonesian civil servant.

Layout, as issued by BKN::

    YYYYMMDD  YYYYMM  G  NNN
    birth     appointment (TMT CPNS/PPPK)  gender (1 male, 2 female)  sequence

A PPPK number (Nomor Induk PPPK, for civil servants on contract) has the same layout
but carries the code ``21`` where a PNS number has the appointment month.

This module only checks the number; it knows nothing about Odoo.  Every refusal is a
:class:`NipError` carrying a stable ``code`` so callers can translate the message.
"""

import datetime
from dataclasses import dataclass

NIP_LENGTH = 18
PPPK_CODE = 21


class NipError(ValueError):
    """A NIP that cannot be accepted; ``code`` is stable, ``params`` fill the message."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Nip:
    number: str
    birth_date: datetime.date
    appointment_year: int
    appointment_month: int  # 0 on a PPPK number
    kind: str  # "pns" or "pppk"
    gender: str  # "male" or "female"
    sequence: int


def normalize(value):
    """Drop the spaces and dots people type between the NIP's groups."""
    return "".join(ch for ch in (value or "") if ch not in " .-")


def parse(value):
    """Return the :class:`Nip` for ``value`` or raise :class:`NipError`."""
    number = normalize(value)
    if len(number) != NIP_LENGTH or not number.isdigit():
        raise NipError("length", length=NIP_LENGTH)
    try:
        birth = datetime.date(int(number[0:4]), int(number[4:6]), int(number[6:8]))
    except ValueError as exc:
        raise NipError("birth_date", value=number[0:8]) from exc
    if birth.year < 1900:
        raise NipError("birth_date", value=number[0:8])
    year, month = int(number[8:12]), int(number[12:14])
    kind = "pppk" if month == PPPK_CODE else "pns"
    if kind == "pppk":
        month = 0
    elif not 1 <= month <= 12:
        raise NipError("appointment", value=number[8:14])
    if year < 1900:
        raise NipError("appointment", value=number[8:14])
    if (year, month or 12) < (birth.year + 18, birth.month):
        raise NipError("appointment_age", value=number[8:14])
    gender_digit = number[14]
    if gender_digit not in "12":
        raise NipError("gender", value=gender_digit)
    sequence = int(number[15:18])
    if sequence == 0:
        raise NipError("sequence", value=number[15:18])
    return Nip(
        number=number,
        birth_date=birth,
        appointment_year=year,
        appointment_month=month,
        kind=kind,
        gender="male" if gender_digit == "1" else "female",
        sequence=sequence,
    )
