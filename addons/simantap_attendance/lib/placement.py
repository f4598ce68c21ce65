"""Where an accepted check-in or check-out goes among the employee's attendances.

Pure: no ORM.  Times are naive UTC datetimes, days local dates (the employee's
timezone).  The rules, the way Odoo's own check-in flow keeps attendances apart:

* a check-in needs no attendance open on its day or later (``already_checked_in``;
  one left open on an earlier day is closed as a forgotten check-out), and no
  attendance closed after it (``attendance_closed``): an offline check-in captured
  before a check-out already recorded cannot be placed without overlapping it, and
  would leave the employee checked in with no check-out possible;
* a check-out needs an attendance open on its own day, checked in before it
  (``not_checked_in``), and no other attendance begun between the two (entered in
  the backend meanwhile: ``attendance_conflict``).
"""


def check_in_refusal(event_time, day, open_day, closed_until):
    """The refusal code of a check-in at ``event_time`` on the local ``day``, or
    None.  ``open_day``: the local day of the employee's open attendance (None when
    none is open); ``closed_until``: the latest check-out of the employee's closed
    attendances (None when there is none)."""
    if open_day is not None and open_day >= day:
        return "already_checked_in"
    if closed_until is not None and closed_until > event_time:
        return "attendance_closed"
    return None


def check_out_refusal(event_time, day, open_check_in, open_day, next_check_in=None):
    """The refusal code of a check-out at ``event_time`` on the local ``day``, or
    None.  ``open_check_in`` and ``open_day``: the check-in time and local day of the
    employee's open attendance (None when none is open); ``next_check_in``: the
    first check-in of another attendance after the open one's (None when none)."""
    if open_check_in is None or open_day != day or open_check_in > event_time:
        return "not_checked_in"
    if next_check_in is not None and next_check_in < event_time:
        return "attendance_conflict"
    return None
