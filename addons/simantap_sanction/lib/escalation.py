"""PP 94/2021 discipline thresholds on days absent without a valid reason (TK): which
band an employee has reached in a calendar year.  Alerts only: a sanction needs an
examination by the superior (atasan langsung), never this arithmetic alone."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Threshold:
    """``days_from`` to ``days_to`` cumulative TK days (``None``: no upper bound), or
    ``consecutive`` TK working days in a row; ``key`` maps back to the record;
    ``rank`` orders the bands (higher is graver)."""

    key: object
    rank: int
    days_from: int = 0
    days_to: int | None = None
    consecutive: int = 0


def reached(thresholds, tk_days, max_run):
    """The gravest threshold reached by ``tk_days`` cumulative days and a longest run
    of ``max_run`` consecutive TK working days, or None."""
    best = None
    for threshold in thresholds:
        if threshold.consecutive:
            hit = max_run >= threshold.consecutive
        else:
            hit = tk_days >= threshold.days_from and (
                threshold.days_to is None or tk_days <= threshold.days_to
            )
        if hit and (best is None or threshold.rank > best.rank):
            best = threshold
    return best


def to_raise(thresholds, tk_days, max_run, already_ranks):
    """The threshold to alert on now: the gravest one reached, unless an alert of the
    same or a graver rank was already raised this year."""
    threshold = reached(thresholds, tk_days, max_run)
    if threshold is None:
        return None
    if already_ranks and max(already_ranks) >= threshold.rank:
        return None
    return threshold
