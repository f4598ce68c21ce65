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

// the watch of the home screen, while one runs, and the last fix a watch reported:
// a watch reports every move, so its last fix is where the phone is now (a second
// request for a brand-new fix meanwhile may wait for a move that never comes; a
// watch started again when the screen is drawn again may report nothing new)
const WATCHED_MAX_AGE_MS = 120_000;
let watching = 0;
let watched = null; // {fix, at}

function asFix(position) {
  return {
    latitude: position.coords.latitude,
    longitude: position.coords.longitude,
    accuracy: position.coords.accuracy,
    // the web cannot see Android's mock-location flag; the server judges the rest
    mock_location: false,
  };
}

function asError(error) {
  return { code: error.code === 1 ? "gps_denied" : "gps_unavailable", error: error.message };
}

/** A fix {latitude, longitude, accuracy, mock_location}; rejects with {code, error}.
 * fromWatch: the fix of the watch running now, if it has one (a ping while home
 * shows), else a fresh one. */
export function readFix({ timeout = 20_000, fromWatch = false } = {}) {
  if (fromWatch && watching && watched && Date.now() - watched.at < WATCHED_MAX_AGE_MS) {
    return Promise.resolve({ ...watched.fix });
  }
  return new Promise((resolve, reject) => {
    if (!("geolocation" in navigator)) {
      reject({ code: "gps_unavailable", error: "no geolocation" });
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve(asFix(position)),
      (error) => reject(asError(error)),
      { enableHighAccuracy: true, maximumAge: 0, timeout },
    );
  });
}

/** Every new fix while the screen shows it: onFix(fix) on each, onError({code,
 * error}); returns the function that stops watching. */
export function watchFix(onFix, onError) {
  if (!("geolocation" in navigator) || !navigator.geolocation.watchPosition) {
    onError({ code: "gps_unavailable", error: "no geolocation" });
    return () => {};
  }
  watching += 1;
  let stopped = false;
  const id = navigator.geolocation.watchPosition(
    (position) => {
      watched = { fix: asFix(position), at: Date.now() };
      onFix({ ...watched.fix });
    },
    (error) => onError(asError(error)),
    { enableHighAccuracy: true, maximumAge: 0 },
  );
  return () => {
    if (!stopped) {
      stopped = true;
      watching -= 1;
      navigator.geolocation.clearWatch(id);
    }
  };
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
