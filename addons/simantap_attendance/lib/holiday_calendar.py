"""The Indonesian year, from the ``holidays`` library: national holidays, the cuti
bersama decided for the year, and Ramadan's dates.  Pure: no ORM."""

import datetime
from dataclasses import dataclass

import holidays

NATIONAL = "national"
CUTI_BERSAMA = "cuti_bersama"
REGIONAL = "regional"
# The first day of Eid al-Fitr in the library's English names.
EID_AL_FITR = "Eid al-Fitr"


@dataclass(frozen=True)
class Holiday:
    date: datetime.date
    name: str
    kind: str


def year_days(year, language="id"):
    """The national holidays and the cuti bersama of ``year``, sorted by date, each
    date once (a date holding both is a national holiday; names of the same date
    are joined by the library)."""
    national = holidays.country_holidays("ID", years=year, language=language)
    joint = holidays.country_holidays(
        "ID", years=year, language=language, categories=("government",)
    )
    days = {day: Holiday(day, name, CUTI_BERSAMA) for day, name in joint.items()}
    days.update({day: Holiday(day, name, NATIONAL) for day, name in national.items()})
    return [days[day] for day in sorted(days)]


def ramadan(year):
    """``(first day, last day)`` of Ramadan in ``year``: the thirty days before the
    first day of Eid al-Fitr as the library gives it (an estimate until the
    government's decision)."""
    named = holidays.country_holidays("ID", years=year, language="en_US")
    eid = min(named.get_named(EID_AL_FITR, lookup="startswith"))
    return eid - datetime.timedelta(days=30), eid - datetime.timedelta(days=1)
