"""Presence between check-in and check-out: episodes derived from a day's facts, and
the random draw of spot checks.  Pure Python (no ORM), so that the rules read in
one place and are tested directly.

Times are naive UTC datetimes, like Odoo's ``Datetime`` fields.

A day of one employee is described by:

* ``fixes``: what the phone reported, each a :class:`Fix` -- pings, spot-check
  answers, and the check-in and check-out themselves (positionless contacts are
  allowed: ``verdict`` None);
* ``windows``: the *watched* time, that is the checked-in intervals intersected
  with the working intervals of the day (pings are refused outside it, so a lunch
  break or the evening never counts as silence or as time outside);
* ``threshold``: minutes without any contact that make a silent episode (the
  ping cadence plus the grace);
* ``max_speed``: km/h above which two fixes imply impossible travel.

Episodes (all :class:`Episode`):

``outside``
    a run of consecutive fixes judged outside every allowed fence (and not
    covered by a duty).  It starts at the first outside fix and stops at the next
    fix that is not outside (back inside, on duty, or the check-out); when none
    follows, at the last outside fix.  ``minutes`` counts watched minutes only,
    ``max_distance`` is the farthest distance to the nearest allowed fence.
``silent``
    a gap between two consecutive contacts (the start and the end of the watched
    time count as contacts) longer than ``threshold`` watched minutes: the phone
    was off or the app killed.  ``minutes`` is the whole gap in watched minutes.
    Time on approved duty is not watched for silence.
``travel``
    two consecutive positioned fixes whose distance, less both accuracy circles,
    implies a speed above ``max_speed``.

The result depends on the set of facts only: facts are sorted by time, then by
their ``key`` (the client UUID), never by arrival order.
"""

import bisect
import math
from dataclasses import dataclass
from datetime import timedelta

from . import geofence
from .intervals import subtract

OUTSIDE = "outside"
SILENT = "silent"
TRAVEL = "travel"


@dataclass(frozen=True)
class Fix:
    at: object  # naive UTC datetime
    key: str  # stable tie-breaker: the client UUID, or "in:<attendance id>"
    verdict: str | None = None  # 'inside', 'on_duty', 'outside', None: no position
    distance: float | None = None
    latitude: float | None = None
    longitude: float | None = None
    accuracy: float | None = None

    @property
    def positioned(self):
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class Episode:
    kind: str
    start: object
    stop: object
    minutes: int
    max_distance: float | None = None
    speed_kmh: float | None = None


class Watch:
    """The watched windows of a day, with the watched seconds up to any instant."""

    def __init__(self, windows):
        merged = []
        for start, stop in sorted(w for w in windows if w[1] > w[0]):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
            else:
                merged.append((start, stop))
        self.windows = merged
        self._starts = [start for start, _stop in merged]
        self._before = []  # watched seconds before each window
        total = 0.0
        for start, stop in merged:
            self._before.append(total)
            total += (stop - start).total_seconds()
        self.total = total

    def __bool__(self):
        return bool(self.windows)

    @property
    def start(self):
        return self.windows[0][0]

    @property
    def stop(self):
        return self.windows[-1][1]

    def position(self, when):
        """Watched seconds from the start of the day's watch to ``when``."""
        index = bisect.bisect_right(self._starts, when) - 1
        if index < 0:
            return 0.0
        start, stop = self.windows[index]
        return self._before[index] + (min(when, stop) - start).total_seconds()

    def minutes(self, start, stop):
        """Watched minutes between two instants."""
        return (self.position(stop) - self.position(start)) / 60.0

    def covers(self, when):
        index = bisect.bisect_right(self._starts, when) - 1
        return index >= 0 and when <= self.windows[index][1]


def ordered(fixes):
    return sorted(fixes, key=lambda fix: (fix.at, fix.key))


def _minutes(value):
    return int(round(value))


def outside_episodes(fixes, watch, threshold=None):
    """Runs of outside fixes (see the module docstring); ``fixes`` sorted.  A run
    also stops at its last outside fix when silence follows it (a gap longer than
    ``threshold`` watched minutes): the silent episode tells that part."""
    episodes = []
    run = []
    last = None

    def gap(start, stop):
        if watch:
            return watch.minutes(start, stop)
        return (stop - start).total_seconds() / 60.0

    def close(stop):
        distances = [fix.distance for fix in run if fix.distance is not None]
        episodes.append(
            Episode(
                kind=OUTSIDE,
                start=run[0].at,
                stop=stop,
                minutes=_minutes(gap(run[0].at, stop)),
                max_distance=max(distances) if distances else None,
            )
        )

    for fix in fixes:
        silent_before = (
            threshold is not None and last is not None and gap(last, fix.at) > threshold
        )
        last = fix.at
        if run and silent_before:
            close(run[-1].at)
            run = []
        if fix.verdict == OUTSIDE:
            run.append(fix)
        elif run and fix.verdict is not None:
            close(fix.at)
            run = []
    if run:
        close(run[-1].at)
    return episodes


def silent_episodes(fixes, watch, threshold, until=None):
    """Gaps longer than ``threshold`` watched minutes between contacts.  The watch
    is cut at ``until`` (now, for a day still running)."""
    if not watch:
        return []
    end = watch.stop if until is None else min(watch.stop, until)
    if end <= watch.start:
        return []
    points = [watch.start]
    points += [fix.at for fix in fixes if watch.start < fix.at < end]
    points.append(end)
    episodes = []
    for previous, following in zip(points, points[1:], strict=False):
        minutes = watch.minutes(previous, following)
        if minutes > threshold:
            episodes.append(
                Episode(
                    kind=SILENT,
                    start=previous,
                    stop=following,
                    minutes=_minutes(minutes),
                )
            )
    return episodes


def plausible_speed_kmh(first, second):
    """``(speed, distance)``: the smallest speed two positioned fixes can imply
    (their distance less both accuracy circles, over the time between them) and
    their distance in metres; None when they are simultaneous."""
    seconds = abs((second.at - first.at).total_seconds())
    if not seconds:
        return None
    distance = geofence.distance_m(
        first.latitude, first.longitude, second.latitude, second.longitude
    )
    slack = (first.accuracy or 0.0) + (second.accuracy or 0.0)
    return max(0.0, distance - slack) / seconds * 3.6, distance


def _quick_distance_m(first, second):
    """Spherical (haversine) distance: within 0.6% of the geodesic one, and a
    hundred times cheaper."""
    lat1, lat2 = math.radians(first.latitude), math.radians(second.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(second.longitude - first.longitude)
    h = (
        math.sin(dlat / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    )
    return 2 * 6_371_008.8 * math.asin(min(1.0, math.sqrt(h)))


def _surely_plausible(first, second, max_speed):
    """True when even a generous estimate of the distance stays below what
    ``max_speed`` allows: the exact (geodesic) check can be skipped."""
    seconds = abs((second.at - first.at).total_seconds())
    allowed = (
        max_speed / 3.6 * seconds + (first.accuracy or 0.0) + (second.accuracy or 0.0)
    )
    return _quick_distance_m(first, second) * 1.01 + 1.0 < allowed


def travel_episodes(fixes, max_speed):
    episodes = []
    positioned = [fix for fix in fixes if fix.positioned]
    for first, second in zip(positioned, positioned[1:], strict=False):
        if _surely_plausible(first, second, max_speed):
            continue
        measured = plausible_speed_kmh(first, second)
        if measured is None:
            continue
        speed, distance = measured
        if speed > max_speed:
            episodes.append(
                Episode(
                    kind=TRAVEL,
                    start=first.at,
                    stop=second.at,
                    minutes=_minutes((second.at - first.at).total_seconds() / 60.0),
                    max_distance=round(distance, 1),
                    speed_kmh=round(speed, 1),
                )
            )
    return episodes


def derive_day(fixes, windows, threshold, max_speed, until=None, excused=()):
    """Every episode of one employee's day, sorted by start and kind.  ``excused``
    intervals (approved duty) are not watched for silence: a duty excuses being
    away from the office, where pings are only evidence."""
    fixes = ordered(fixes)
    watch = Watch(windows)
    silence_watch = Watch(subtract(windows, excused)) if excused else watch
    episodes = (
        outside_episodes(fixes, watch, threshold)
        + silent_episodes(fixes, silence_watch, threshold, until=until)
        + travel_episodes(fixes, max_speed)
    )
    return sorted(episodes, key=lambda ep: (ep.start, ep.kind, ep.stop))


def draw_moments(windows, count, rng, not_before=None):
    """``count`` moments drawn uniformly over the watched ``windows`` (after
    ``not_before`` when given), sorted, to the second.  ``rng`` is a
    ``random.Random``-like object; pass ``secrets.SystemRandom()`` in production so
    that nobody can predict the draw."""
    if not_before is not None:
        windows = [
            (max(start, not_before), stop)
            for start, stop in windows
            if stop > not_before
        ]
    watch = Watch(windows)
    seconds = int(watch.total)
    if count <= 0 or seconds <= 0:
        return []
    moments = []
    for _index in range(count):
        offset = rng.randrange(seconds)
        for start, stop in watch.windows:
            length = int((stop - start).total_seconds())
            if offset < length:
                moments.append(start + timedelta(seconds=offset))
                break
            offset -= length
    return sorted(moments)
