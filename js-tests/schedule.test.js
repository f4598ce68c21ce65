// Time on the phone: pings due by the server's clock, the spot check's countdown,
// dates moved by days and months.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { judgeFix, MAX_ACCURACY } from "../addons/simantap_mobile_api/static/app/js/geo.js";
import {
  addDays,
  addMonths,
  clock,
  clockOffset,
  countdown,
  pingDue,
  secondsLeft,
} from "../addons/simantap_mobile_api/static/app/js/schedule.js";

const at = (text) => Date.parse(text);

describe("presence pings", () => {
  const today = { collecting: true, next_ping_at: "2026-03-02T03:00:00+00:00" };
  it("are due from next_ping_at on, by the server's clock", () => {
    assert.equal(pingDue(today, at("2026-03-02T02:59:59Z")), false);
    assert.equal(pingDue(today, at("2026-03-02T03:00:00Z")), true);
    assert.equal(pingDue(today, at("2026-03-02T05:00:00Z")), true);
  });
  it("are never due when the server is not collecting", () => {
    assert.equal(pingDue({ ...today, collecting: false }, at("2026-03-02T05:00:00Z")), false);
    assert.equal(pingDue({ collecting: true, next_ping_at: null }, at("2026-03-02T05:00:00Z")), false);
    assert.equal(pingDue(null, Date.now()), false);
  });
  it("measure the phone's clock against the server's", () => {
    assert.equal(clockOffset("2026-03-02T03:00:10+00:00", at("2026-03-02T03:00:00Z")), 10_000);
    assert.equal(clockOffset("garbage", 5), 0);
  });
});

describe("spot check countdown", () => {
  it("counts down to the deadline", () => {
    const check = { deadline: "2026-03-02T03:15:00+00:00", seconds_left: 900 };
    assert.equal(secondsLeft(check, at("2026-03-02T03:00:00Z")), 900);
    assert.equal(secondsLeft(check, at("2026-03-02T03:14:30Z")), 30);
    assert.equal(secondsLeft(check, at("2026-03-02T04:00:00Z")), 0);
    assert.equal(secondsLeft({ seconds_left: 600 }, 70_000, 10_000), 540);
    assert.equal(secondsLeft(null, 0), null);
  });
  it("reads as mm:ss or h:mm:ss", () => {
    assert.equal(countdown(0), "00:00");
    assert.equal(countdown(899), "14:59");
    assert.equal(countdown(3725), "1:02:05");
  });
});

describe("dates and words", () => {
  it("moves days and months across their ends", () => {
    assert.equal(addDays("2026-02-27", 7), "2026-03-06");
    assert.equal(addDays("2026-03-02", -7), "2026-02-23");
    assert.equal(addMonths("2026-01", -1), "2025-12");
    assert.equal(addMonths("2026-12", 1), "2027-01");
  });
  it("shows times in the employee's zone", () => {
    assert.equal(clock("2026-03-02T00:30:00+00:00", "Asia/Jakarta"), "07:30");
    assert.equal(clock("2026-03-02T00:30:00+00:00", "Asia/Jayapura"), "09:30");
    assert.equal(clock(null, "Asia/Jakarta"), "");
  });
});

describe("GPS fixes", () => {
  it("refuses a fix too coarse to tell inside from outside, before sending it", () => {
    assert.equal(judgeFix({ accuracy: 8 }), null);
    assert.equal(judgeFix({ accuracy: MAX_ACCURACY }), null);
    assert.deepEqual(judgeFix({ accuracy: 480.4 }), { code: "gps_too_coarse", accuracy: 480, max: MAX_ACCURACY });
    assert.equal(judgeFix({}).code, "gps_unavailable");
  });
});

describe("nearest allowed location", () => {
  it("measures to the fence, zero inside", async () => {
    const { nearestLocation, distanceM } = await import("../addons/simantap_mobile_api/static/app/js/geo.js");
    const office = { name: "Kantor BKPSDM", latitude: -1.4745, longitude: 101.399, radius: 100 };
    const school = { name: "SDN 1", latitude: -1.51, longitude: 101.44, radius: 150 };
    assert.ok(Math.abs(distanceM(office, school) - 5980) < 60, distanceM(office, school));
    assert.deepEqual(nearestLocation([school, office], { latitude: -1.4746, longitude: 101.3991 }), { name: "Kantor BKPSDM", distance: 0, inside: true });
    const far = nearestLocation([office, school], { latitude: -1.5, longitude: 101.44 });
    assert.equal(far.name, "SDN 1");
    assert.ok(far.distance > 900 && far.distance < 1000, far.distance);
    assert.equal(nearestLocation([], { latitude: 0, longitude: 0 }), null);
  });
});
