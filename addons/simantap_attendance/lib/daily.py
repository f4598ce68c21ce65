"""The daily status of one employee, from the day's facts: which codes apply.

Vocabulary (the regency's, see the status code records): H present, TL1–TL4 late
arrival brackets, PSW1–PSW4 early departure brackets, LAM / LAP forgotten check-in /
check-out (lupa absen masuk / pulang), TK absent without a valid reason (tanpa
keterangan), DL field duty (dinas luar), leave codes (CT, CS, ...), KA1–KA4 outside the
geofence or silent without excuse (keluar area).

Pure: no ORM.  Times are naive UTC datetimes; intervals are ``(start, end)`` pairs.
Minutes are rounded up (a few seconds late is late), as the reference recommends.
"""

import math
from dataclasses import dataclass, field

from .intervals import subtract


@dataclass(frozen=True)
class Bracket:
    kind: str  # "late", "early" or "outside"
    minutes_from: int
    minutes_to: int | None  # None: no upper bound
    code: str


@dataclass
class DayFacts:
    work_intervals: list  # the calendar's intervals of the day, UTC, sorted
    check_in: object = None  # first check-in of the day
    check_out: object = None  # last (real) check-out of the day
    leave_intervals: list = field(default_factory=list)  # [(start, end, code)]
    duty_intervals: list = field(default_factory=list)  # [(start, end)]
    minutes_outside: int = 0  # unexcused minutes outside every fence
    minutes_silent: int = 0  # unexcused minutes without a ping while checked in


@dataclass
class DayResult:
    attendance_code: str  # H, TK, LAM, DL or a leave code
    late_code: str = ""
    early_code: str = ""
    outside_code: str = ""
    expected_start: object = None
    expected_end: object = None
    expected_minutes: int = 0
    minutes_late: int = 0
    minutes_early: int = 0
    missing_check_out: bool = False

    @property
    def codes(self):
        extra = [self.late_code, self.early_code, self.outside_code]
        if self.missing_check_out:
            extra.append("LAP")
        return " ".join([self.attendance_code, *[code for code in extra if code]])


def ceil_minutes(delta):
    return max(0, math.ceil(delta.total_seconds() / 60))


def bracket_code(brackets, kind, minutes):
    if minutes <= 0:
        return ""
    for bracket in brackets:
        if bracket.kind != kind or minutes < bracket.minutes_from:
            continue
        if bracket.minutes_to is None or minutes <= bracket.minutes_to:
            return bracket.code
    return ""


def evaluate(facts, brackets):
    """The :class:`DayResult` of one working day."""
    excused = [*facts.leave_intervals, *[(s, e, "DL") for s, e in facts.duty_intervals]]
    remaining = subtract(facts.work_intervals, excused)
    if not remaining:
        # the whole working time is excused: the excuse covering most of it names the day
        covered = {}
        for start, end, code in excused:
            covered[code] = covered.get(code, 0) + (end - start).total_seconds()
        return DayResult(attendance_code=max(covered, key=covered.get))
    result = DayResult(
        attendance_code="H",
        expected_start=remaining[0][0],
        expected_end=remaining[-1][1],
        expected_minutes=sum(ceil_minutes(end - start) for start, end in remaining),
    )
    if not facts.check_in and not facts.check_out:
        result.attendance_code = "TK"
        return result
    if facts.check_in:
        result.minutes_late = ceil_minutes(facts.check_in - result.expected_start)
        result.late_code = bracket_code(brackets, "late", result.minutes_late)
    else:
        result.attendance_code = "LAM"
    if facts.check_out:
        result.minutes_early = ceil_minutes(result.expected_end - facts.check_out)
        result.early_code = bracket_code(brackets, "early", result.minutes_early)
    else:
        result.missing_check_out = True
    result.outside_code = bracket_code(
        brackets, "outside", facts.minutes_outside + facts.minutes_silent
    )
    return result
