"""Geofence geometry: is a phone's fix inside an allowed place?

A fence is a circle (centre and radius in metres) or a polygon (a GeoJSON ``Polygon``
for odd-shaped compounds).  Distances are geodesic (WGS-84; geopy beyond 20 km).

The rule for a fix with an accuracy circle (documented for officers and tested):

* a fix whose reported accuracy is worse than ``max_accuracy`` (100 m by default) is
  never judged: the caller refuses it (``accuracy_too_poor``);
* otherwise the fix is **inside** a fence when ``distance_to_fence - allowance <= 0``,
  where ``distance_to_fence`` is the distance from the fix to the nearest point of the
  fence (0 when the point itself lies in the fence) and ``allowance`` how much of the
  reported accuracy the fence's policy believes:

  - ``lenient``: all of it (the accuracy circle touches the fence): a 100 m fence
    admits a fix 200 m from its centre that claims 100 m accuracy;
  - ``strict``: none (the point itself must lie in the fence);
  - ``capped``: at most ``tolerance`` metres (the default policy, 30 m): a
    spoofing app claiming a coarse accuracy gains no more than that.

  For a circle that is ``distance_to_centre - allowance <= radius``.

Only this module knows geometry; it imports nothing from Odoo.
"""

import json
import math
from dataclasses import dataclass

from geopy.distance import geodesic

from .refusals import Refusal

DEFAULT_MAX_ACCURACY = 100.0
POLICIES = ("lenient", "strict", "capped")
DEFAULT_POLICY = "capped"
DEFAULT_TOLERANCE = 30.0


class FixError(Refusal):
    """A fix that cannot be judged; ``code`` is stable, ``params`` fill the message."""


class PolygonError(ValueError):
    """A geofence polygon that is not a usable GeoJSON Polygon."""


@dataclass(frozen=True)
class Fence:
    key: int  # the work location's id
    latitude: float
    longitude: float
    radius: float
    polygon: tuple = ()  # outer ring as ((lat, lon), ...), empty for a circle
    policy: str = DEFAULT_POLICY  # how much of a fix's accuracy is believed
    tolerance: float = DEFAULT_TOLERANCE  # metres, for the capped policy


@dataclass(frozen=True)
class Judgement:
    fence_key: int | None
    distance: float | None  # metres from the fix to the nearest point of the fence
    inside: bool
    policy: str | None = None  # the policy of the fence that decided
    allowance: float = 0.0  # metres of the accuracy that policy believed
    tolerance: float = 0.0  # the capped policy's tolerance


def _number(value):
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def check_fix(latitude, longitude, accuracy, max_accuracy=DEFAULT_MAX_ACCURACY):
    """Return ``(lat, lon, accuracy)`` as floats, or raise :class:`FixError`."""
    if latitude is None or longitude is None:
        raise FixError("coordinates_missing")
    lat, lon = _number(latitude), _number(longitude)
    if lat is None or lon is None:
        raise FixError("coordinates_invalid")
    if not -90.0 <= lat <= 90.0:
        raise FixError("latitude_out_of_range", value=lat)
    if not -180.0 <= lon <= 180.0:
        raise FixError("longitude_out_of_range", value=lon)
    acc = _number(accuracy)
    if acc is None or acc < 0:
        raise FixError("accuracy_invalid")
    if acc > max_accuracy:
        raise FixError(
            "accuracy_too_poor", accuracy=round(acc), maximum=round(max_accuracy)
        )
    return lat, lon, acc


# WGS-84, for the short-distance formula of distance_m
_WGS84_A = 6_378_137.0
_WGS84_E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563)
# below this, the local formula is within a centimetre of the geodesic
_LOCAL_LIMIT_M = 20_000.0


def distance_m(lat1, lon1, lat2, lon2):
    """Geodesic distance in metres (WGS-84).

    Up to 20 km (a phone near its office: nearly every fix) it is computed on the
    ellipsoid's local plane, with its meridian and prime-vertical radii of curvature
    at the mid latitude: within a centimetre of the geodesic there (0.3 mm at 10 km)
    and a few hundred times cheaper than geopy's iterative solution, which measures
    everything farther."""
    if abs(lon2 - lon1) < 1.0 and abs(lat2 - lat1) < 1.0 and abs(lat1) < 80.0:
        phi = math.radians((lat1 + lat2) / 2)
        w = 1.0 - _WGS84_E2 * math.sin(phi) ** 2
        prime_vertical = _WGS84_A / math.sqrt(w)
        meridian = _WGS84_A * (1.0 - _WGS84_E2) / (w * math.sqrt(w))
        local = math.hypot(
            math.radians(lon2 - lon1) * prime_vertical * math.cos(phi),
            math.radians(lat2 - lat1) * meridian,
        )
        if local < _LOCAL_LIMIT_M:
            return local
    return geodesic((lat1, lon1), (lat2, lon2)).meters


def parse_polygon(text):
    """The outer ring of a GeoJSON Polygon (or a Feature holding one) as a tuple of
    ``(lat, lon)``; GeoJSON itself lists ``[lon, lat]``.  Empty text gives ``()``."""
    if not text or not text.strip():
        return ()
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise PolygonError("not JSON") from exc
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry") or {}
    if not isinstance(data, dict) or data.get("type") != "Polygon":
        raise PolygonError("not a Polygon")
    rings = data.get("coordinates")
    if not isinstance(rings, list) or not rings or not isinstance(rings[0], list):
        raise PolygonError("no ring")
    ring = []
    for point in rings[0]:
        if not isinstance(point, list | tuple) or len(point) < 2:
            raise PolygonError("bad point")
        lon, lat = _number(point[0]), _number(point[1])
        if lat is None or lon is None or not -90 <= lat <= 90 or not -180 <= lon <= 180:
            raise PolygonError("bad point")
        ring.append((lat, lon))
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    if len(ring) < 3:
        raise PolygonError("fewer than 3 points")
    return tuple(ring)


def point_in_polygon(lat, lon, ring):
    """Even-odd ray casting on (lon, lat); fine at the scale of a compound."""
    inside = False
    count = len(ring)
    for i in range(count):
        lat1, lon1 = ring[i]
        lat2, lon2 = ring[(i + 1) % count]
        if (lat1 > lat) != (lat2 > lat):
            crossing = lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1)
            if lon < crossing:
                inside = not inside
    return inside


def _distance_to_segment_m(lat, lon, a, b):
    """Distance from a point to a segment, projected locally around the point (exact
    enough over the few hundred metres of a compound), in metres."""
    scale_y = 111_320.0
    scale_x = scale_y * math.cos(math.radians(lat))
    ax, ay = (a[1] - lon) * scale_x, (a[0] - lat) * scale_y
    bx, by = (b[1] - lon) * scale_x, (b[0] - lat) * scale_y
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if not length2 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
    return math.hypot(ax + t * dx, ay + t * dy)


def distance_to_fence(lat, lon, fence):
    """Metres from the point to the nearest point of the fence, 0 inside it."""
    if fence.polygon:
        if point_in_polygon(lat, lon, fence.polygon):
            return 0.0
        ring = fence.polygon
        return min(
            _distance_to_segment_m(lat, lon, ring[i], ring[(i + 1) % len(ring)])
            for i in range(len(ring))
        )
    return max(
        0.0, distance_m(lat, lon, fence.latitude, fence.longitude) - fence.radius
    )


def allowance(accuracy, policy, tolerance):
    """Metres of the reported ``accuracy`` a fence's ``policy`` believes."""
    if policy == "strict":
        return 0.0
    if policy == "capped":
        return min(accuracy, max(tolerance, 0.0))
    return accuracy


def judge(lat, lon, accuracy, fences):
    """Judge a checked fix against the allowed fences, each by its own policy (see
    the module docstring): of the fences that admit the fix, the nearest; else the
    nearest fence, which says by which policy the fix is outside."""
    best = None
    for fence in fences:
        distance = distance_to_fence(lat, lon, fence)
        allowed = allowance(accuracy, fence.policy, fence.tolerance)
        rank = (distance - allowed > 0, distance)
        if best is None or rank < best[0]:
            best = (rank, distance, allowed, fence)
    if best is None:
        return Judgement(fence_key=None, distance=None, inside=False)
    (outside, _distance), distance, allowed, fence = best
    return Judgement(
        fence_key=fence.key,
        distance=round(distance, 1),
        inside=not outside,
        policy=fence.policy,
        allowance=round(allowed, 1),
        tolerance=fence.tolerance,
    )


def speed_kmh(lat1, lon1, time1, lat2, lon2, time2):
    """Speed implied by two fixes (datetimes), km/h; None when the times are equal."""
    seconds = abs((time2 - time1).total_seconds())
    if not seconds:
        return None
    return distance_m(lat1, lon1, lat2, lon2) / seconds * 3.6


def unexplained_speed_kmh(first, second):
    """Speed (km/h) of the journey between two fixes that their accuracy circles cannot
    explain away: the distance minus both accuracies, over the time between them.

    ``first`` and ``second`` are ``(lat, lon, accuracy, datetime)``.  Returns 0 when the
    circles overlap (GPS jitter is no journey), ``math.inf`` for a real distance in no
    time."""
    lat1, lon1, acc1, time1 = first
    lat2, lon2, acc2, time2 = second
    unexplained = distance_m(lat1, lon1, lat2, lon2) - (acc1 or 0.0) - (acc2 or 0.0)
    if unexplained <= 0:
        return 0.0
    seconds = abs((time2 - time1).total_seconds())
    if not seconds:
        return math.inf
    return unexplained / seconds * 3.6
