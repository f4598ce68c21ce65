"""Figures of the monthly attendance recap (rekapitulasi kehadiran): per employee,
the days, the days present, the count of each code and the attendance rate.  Pure:
no ORM."""

import calendar
import datetime
from collections import Counter
from dataclasses import dataclass, field

LATE_CODES = ("TL1", "TL2", "TL3", "TL4")
EARLY_CODES = ("PSW1", "PSW2", "PSW3", "PSW4")
FIXED_CODES = (*LATE_CODES, *EARLY_CODES, "TK", "DL")
PRESENT = "H"


@dataclass
class RecapRow:
    employee_id: int
    days: int = 0
    present: int = 0
    minutes_late: int = 0
    minutes_early: int = 0
    codes: Counter = field(default_factory=Counter)

    @property
    def rate(self):
        """Days present (H or on field duty, DL) per working day, in percent."""
        if not self.days:
            return 0.0
        return round(100.0 * (self.present + self.codes["DL"]) / self.days, 2)


def month_bounds(day):
    """``(first day, last day)`` of the month of ``day``."""
    first = day.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


def month_days(day):
    first, last = month_bounds(day)
    return [first + datetime.timedelta(days=i) for i in range(last.day)]


def recap(days):
    """``days``: iterable of ``(employee_id, codes, minutes_late, minutes_early)``,
    one per evaluated working day.  Returns ``{employee_id: RecapRow}``."""
    rows = {}
    for employee_id, codes, late, early in days:
        row = rows.setdefault(employee_id, RecapRow(employee_id))
        row.days += 1
        row.minutes_late += late or 0
        row.minutes_early += early or 0
        for code in (codes or "").split():
            if code == PRESENT:
                row.present += 1
            else:
                row.codes[code] += 1
    return rows


def other_codes(rows):
    """The codes besides the fixed columns (leave codes such as CT, CS, IZIN) that
    appear in ``rows``, sorted: one column each."""
    seen = set()
    for row in rows:
        seen.update(code for code, count in row.codes.items() if count)
    return sorted(seen - set(FIXED_CODES))


def percent_text(value):
    """``50.0`` -> ``50,00``: two decimals with the Indonesian decimal comma."""
    return f"{value:.2f}".replace(".", ",")
