// GPS: one fresh fix with high accuracy; a fix too coarse is not sent (the server
// would refuse it: accuracy_too_poor).

export const MAX_ACCURACY = 100; // metres: the server's default, when it said nothing

/** The coarsest fix the company accepts, in metres: /me/today's max_accuracy (the
 * last one known when offline), else the server's default. */
export function maxAccuracy(today) {
  const value = Number(today?.max_accuracy);
  return today?.max_accuracy != null && Number.isFinite(value) && value > 0 ? value : MAX_ACCURACY;
}

/** null when the fix may be sent, else why not: {code, accuracy, max}. */
export function judgeFix(fix, max = MAX_ACCURACY) {
  if (!fix || !Number.isFinite(fix.accuracy)) {
    return { code: "gps_unavailable" };
  }
  if (fix.accuracy > max) {
    return { code: "gps_too_coarse", accuracy: Math.round(fix.accuracy), max };
  }
  return null;
}

/** A fix {latitude, longitude, accuracy, mock_location}; rejects with {code, error}. */
export function readFix({ timeout = 20_000 } = {}) {
  return new Promise((resolve, reject) => {
    if (!("geolocation" in navigator)) {
      reject({ code: "gps_unavailable", error: "no geolocation" });
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({
          latitude: position.coords.latitude,
          longitude: position.coords.longitude,
          accuracy: position.coords.accuracy,
          // the web cannot see Android's mock-location flag; the server judges the rest
          mock_location: false,
        }),
      (error) => reject({ code: error.code === 1 ? "gps_denied" : "gps_unavailable", error: error.message }),
      { enableHighAccuracy: true, maximumAge: 0, timeout },
    );
  });
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine: close enough to the server's
 * geodesic for showing a distance; the server's verdict is what counts). */
export function distanceM(a, b) {
  const rad = (deg) => (deg * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** The allowed location nearest to the fix: {name, distance (to its fence; 0
 * inside), inside}; null without locations. */
export function nearestLocation(locations, fix) {
  let best = null;
  for (const location of locations || []) {
    const toFence = Math.max(0, distanceM(fix, location) - (location.radius || 0));
    if (!best || toFence < best.distance) {
      best = { name: location.name, distance: toFence, inside: toFence === 0 };
    }
  }
  return best;
}
