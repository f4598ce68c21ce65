// Pure helpers of the backend maps (the live monitor and the work-location editor):
// no Odoo and no Leaflet here, so that node --test runs them (js-tests/).

/** Marker colour of each monitor state; the legend lists them in this order. */
export const STATE_COLOURS = {
    outside: "#d62728",
    silent: "#7b2cbf",
    spot_overdue: "#ff7f0e",
    absent: "#e6b800",
    inside: "#2ca02c",
    duty: "#1f77b4",
    left: "#7f7f7f",
    off: "#c7c7c7",
};

/** Colour of the work-location fences drawn under the markers. */
export const FENCE_COLOUR = "#0d6efd";

const UNKNOWN_COLOUR = "#c7c7c7";

export function stateColour(state) {
    return STATE_COLOURS[state] || UNKNOWN_COLOUR;
}

/** How many records there are of each state: ``{state: count}``. */
export function countStates(records, field = "monitor_state") {
    const counts = {};
    for (const record of records || []) {
        const state = record[field];
        if (state) {
            counts[state] = (counts[state] || 0) + 1;
        }
    }
    return counts;
}

/**
 * The legend's lines: the server's ``[[state, label], ...]`` in the colours'
 * order, each with its colour and the number of markers of that state.
 */
export function legendEntries(states, counts = {}) {
    const order = Object.keys(STATE_COLOURS);
    const rank = (state) => {
        const index = order.indexOf(state);
        return index === -1 ? order.length : index;
    };
    return [...(states || [])]
        .sort((a, b) => rank(a[0]) - rank(b[0]))
        .map(([state, label]) => ({
            state,
            label,
            colour: stateColour(state),
            count: counts[state] || 0,
        }));
}

/** Text safe to put in the HTML of a popup or a legend. */
export function escapeHtml(text) {
    return String(text ?? "")
        .replaceAll("&", "&amp;")
        .replaceAll("<", "&lt;")
        .replaceAll(">", "&gt;")
        .replaceAll('"', "&quot;")
        .replaceAll("'", "&#39;");
}

function round7(value) {
    return Math.round(value * 1e7) / 1e7;
}

/** A usable [latitude, longitude] pair, or null. */
export function validPoint(lat, lng) {
    const a = Number(lat);
    const b = Number(lng);
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
        return null;
    }
    if (a < -90 || a > 90 || b < -180 || b > 180) {
        return null;
    }
    return [round7(a), round7(b)];
}

/**
 * The GeoJSON Polygon text of a ring of [lat, lng] points drawn on the map
 * (GeoJSON lists [lng, lat] and closes the ring); "" for fewer than 3 points.
 */
export function ringToGeoJSON(points) {
    const ring = (points || [])
        .map(([lat, lng]) => validPoint(lat, lng))
        .filter(Boolean);
    if (ring.length > 1) {
        const [firstLat, firstLng] = ring[0];
        const [lastLat, lastLng] = ring[ring.length - 1];
        if (firstLat === lastLat && firstLng === lastLng) {
            ring.pop();
        }
    }
    if (ring.length < 3) {
        return "";
    }
    const coordinates = [...ring, ring[0]].map(([lat, lng]) => [lng, lat]);
    return JSON.stringify({type: "Polygon", coordinates: [coordinates]});
}

/**
 * The [lat, lng] points of a GeoJSON Polygon text (or a Feature holding one),
 * without the closing point; [] for empty or unreadable text.
 */
export function geoJSONToRing(text) {
    if (!text || !String(text).trim()) {
        return [];
    }
    let data = null;
    try {
        data = JSON.parse(text);
    } catch {
        return [];
    }
    if (data && data.type === "Feature") {
        data = data.geometry;
    }
    if (!data || data.type !== "Polygon" || !Array.isArray(data.coordinates)) {
        return [];
    }
    const outer = data.coordinates[0];
    if (!Array.isArray(outer)) {
        return [];
    }
    const ring = [];
    for (const point of outer) {
        if (!Array.isArray(point)) {
            return [];
        }
        const valid = validPoint(point[1], point[0]);
        if (!valid) {
            return [];
        }
        ring.push(valid);
    }
    if (ring.length > 1) {
        const first = ring[0];
        const last = ring[ring.length - 1];
        if (first[0] === last[0] && first[1] === last[1]) {
            ring.pop();
        }
    }
    return ring.length >= 3 ? ring : [];
}

/** A tile URL that Leaflet can use: the parameter may be unset or "False". */
export function usableTileUrl(url) {
    if (!url || typeof url !== "string") {
        return "";
    }
    const trimmed = url.trim();
    if (!trimmed || trimmed === "False" || trimmed === "false") {
        return "";
    }
    return trimmed;
}
