// The backend maps' pure helpers: the monitor's marker colours and legend, and the
// work-location editor's polygon, to and from GeoJSON.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  countStates,
  escapeHtml,
  geoJSONToRing,
  legendEntries,
  ringToGeoJSON,
  STATE_COLOURS,
  stateColour,
  usableTileUrl,
  validPoint,
} from "../addons/simantap_attendance/static/src/js/map_style.js";

describe("monitor markers and legend", () => {
  it("gives every state its own colour, and unknown states a grey", () => {
    const colours = Object.values(STATE_COLOURS);
    assert.equal(new Set(colours).size, colours.length);
    assert.equal(stateColour("outside"), STATE_COLOURS.outside);
    assert.equal(stateColour("nonsense"), "#c7c7c7");
    assert.equal(stateColour(undefined), "#c7c7c7");
  });
  it("counts the markers of each state", () => {
    const records = [
      { monitor_state: "inside" },
      { monitor_state: "inside" },
      { monitor_state: "absent" },
      { monitor_state: false },
    ];
    assert.deepEqual(countStates(records), { inside: 2, absent: 1 });
    assert.deepEqual(countStates(null), {});
  });
  it("lists the server's labels worst first, with colour and count", () => {
    const states = [
      ["inside", "Di Dalam Area"],
      ["outside", "Di Luar Area"],
      ["absent", "Belum Masuk"],
    ];
    const entries = legendEntries(states, { inside: 3 });
    assert.deepEqual(
      entries.map((entry) => [entry.state, entry.label, entry.count]),
      [
        ["outside", "Di Luar Area", 0],
        ["absent", "Belum Masuk", 0],
        ["inside", "Di Dalam Area", 3],
      ],
    );
    assert.equal(entries[0].colour, STATE_COLOURS.outside);
  });
  it("escapes names before they go into a popup", () => {
    assert.equal(escapeHtml(`<b onclick="x">Budi & 'Ani'</b>`), "&lt;b onclick=&quot;x&quot;&gt;Budi &amp; &#39;Ani&#39;&lt;/b&gt;");
    assert.equal(escapeHtml(null), "");
  });
});

describe("work-location polygon", () => {
  const corners = [
    [-1.4745, 101.399],
    [-1.4745, 101.4],
    [-1.4755, 101.4],
  ];
  it("writes the drawn corners as a closed GeoJSON ring of [lon, lat]", () => {
    const data = JSON.parse(ringToGeoJSON(corners));
    assert.equal(data.type, "Polygon");
    assert.deepEqual(data.coordinates[0], [
      [101.399, -1.4745],
      [101.4, -1.4745],
      [101.4, -1.4755],
      [101.399, -1.4745],
    ]);
  });
  it("reads it back as the corners, without the closing point", () => {
    assert.deepEqual(geoJSONToRing(ringToGeoJSON(corners)), corners);
    const feature = JSON.stringify({ type: "Feature", geometry: JSON.parse(ringToGeoJSON(corners)) });
    assert.deepEqual(geoJSONToRing(feature), corners);
  });
  it("refuses fewer than 3 corners, bad points and text that is no polygon", () => {
    assert.equal(ringToGeoJSON(corners.slice(0, 2)), "");
    assert.equal(ringToGeoJSON([...corners.slice(0, 2), corners[0]]), "");
    assert.equal(ringToGeoJSON([[91, 0], [0, 0], [1, 1]]), "");
    for (const text of ["", "  ", "{", "null", '{"type": "Point", "coordinates": [1, 2]}', '{"type": "Polygon", "coordinates": [[[1, 2], "x", [3, 4]]]}', '{"type": "Polygon", "coordinates": [[[1, 2], [3, 4], [1, 2]]]}']) {
      assert.deepEqual(geoJSONToRing(text), [], text);
    }
  });
  it("rounds points to 7 decimals and refuses impossible ones", () => {
    assert.deepEqual(validPoint(-1.474512345678, 101.3990000001), [-1.4745123, 101.399]);
    assert.equal(validPoint("x", 1), null);
    assert.equal(validPoint(0, 181), null);
    assert.equal(validPoint(-91, 0), null);
  });
});

describe("tile server", () => {
  it("draws no tiles when the parameter is unset", () => {
    for (const value of [undefined, "", "False", "false", "  ", 0]) {
      assert.equal(usableTileUrl(value), "");
    }
    assert.equal(usableTileUrl(" https://tiles.example/{z}/{x}/{y}.png "), "https://tiles.example/{z}/{x}/{y}.png");
  });
});
