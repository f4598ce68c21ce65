// The company's GPS limit as /me/today gives it, and the helpers of my month: the
// TPP figures, the breakdown, my objections and the body of a new one.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { judgeFix, MAX_ACCURACY, maxAccuracy } from "../addons/simantap_mobile_api/static/app/js/geo.js";
import {
  breakdownLines,
  codeChoices,
  documentTooLarge,
  money,
  objectionBody,
  objectionsOf,
  objectionTone,
  percent,
} from "../addons/simantap_mobile_api/static/app/js/month.js";

describe("max accuracy", () => {
  it("follows the company's limit from /me/today", () => {
    assert.equal(maxAccuracy({ max_accuracy: 50 }), 50);
    assert.equal(maxAccuracy({ max_accuracy: 250.5 }), 250.5);
    assert.equal(maxAccuracy({ max_accuracy: "75" }), 75);
  });
  it("falls back to 100 m when the server never said (offline, an older server)", () => {
    assert.equal(MAX_ACCURACY, 100);
    for (const today of [null, undefined, {}, { max_accuracy: null }, { max_accuracy: 0 }, { max_accuracy: -5 }, { max_accuracy: "x" }, { max_accuracy: Infinity }]) {
      assert.equal(maxAccuracy(today), 100, JSON.stringify(today));
    }
  });
  it("judges a fix against that limit", () => {
    const fix = { latitude: -1.47, longitude: 101.4, accuracy: 80 };
    const strict = maxAccuracy({ max_accuracy: 50 });
    assert.deepEqual(judgeFix(fix, strict), { code: "gps_too_coarse", accuracy: 80, max: 50 });
    assert.equal(judgeFix(fix, maxAccuracy({})), null);
    assert.equal(judgeFix({ ...fix, accuracy: 450 }, maxAccuracy({ max_accuracy: 500 })), null);
    assert.equal(judgeFix({ ...fix, accuracy: 150 }, maxAccuracy(undefined)).code, "gps_too_coarse");
    assert.deepEqual(judgeFix({ accuracy: NaN }, 100), { code: "gps_unavailable" });
  });
});

describe("my month", () => {
  it("formats rupiah without cents and percents in the locale", () => {
    assert.match(money(5_000_000, "IDR", "id-ID"), /^Rp\s?5\.000\.000$/);
    assert.match(money(1234.6, "IDR", "en-GB"), /^IDR\s?1,235$/);
    assert.match(money(null, "IDR", "id-ID"), /^Rp\s?0$/);
    assert.equal(money(10, "not a currency", "id-ID"), "not a currency 10");
    assert.equal(percent(12.5, "id-ID"), "12,5 %");
    assert.equal(percent(3, "en-GB"), "3 %");
  });
  it("splits the breakdown into its lines", () => {
    assert.deepEqual(breakdownLines("6 Jul: TL1 0.5%\n\n  7 Jul: TK 3%  \n"), ["6 Jul: TL1 0.5%", "7 Jul: TK 3%"]);
    assert.deepEqual(breakdownLines(""), []);
    assert.deepEqual(breakdownLines(undefined), []);
  });
  it("keeps the objections of one month and colours their state", () => {
    const items = [
      { id: 3, month: "2026-07-01", state: "submitted" },
      { id: 2, month: "2026-06-01", state: "accepted" },
      { id: 1, month: "2026-07-01", state: "rejected" },
    ];
    assert.deepEqual(objectionsOf(items, "2026-07").map((o) => o.id), [3, 1]);
    assert.deepEqual(objectionsOf(undefined, "2026-07"), []);
    assert.deepEqual(["submitted", "endorsed", "accepted", "rejected", "lapsed"].map(objectionTone), ["waiting", "waiting", "accepted", "refused", "refused"]);
  });
  it("offers each code once, the usual asks first, else in the server's order", () => {
    const choices = codeChoices([
      { code: "H", name: "Hadir", category: "present", counts_as_present: true },
      { code: "TL1", name: "Terlambat 1", category: "late", counts_as_present: true },
      { code: "TK", name: "Tanpa Keterangan", category: "absent", counts_as_present: false },
      { code: "DL", name: "Dinas Luar", category: "duty", counts_as_present: true },
      { code: "H", name: "again", category: "present" },
      { code: "CT", name: "Cuti tahunan", category: "leave", counts_as_present: false },
      { code: "CS", name: "Cuti sakit", category: "leave", counts_as_present: false },
      { code: "X", name: "New kind" },
      {},
    ]);
    assert.deepEqual(choices.map((c) => c.code), ["H", "DL", "CT", "CS", "TL1", "TK", "X"]);
    assert.deepEqual(choices[5], { code: "TK", name: "Tanpa Keterangan", category: "absent", present: false });
  });
  it("builds an objection with its UUID, or says what is missing", () => {
    const uuid = "0b8e4a1c-5d0e-4b8f-9a55-1f2d3c4b5a69";
    const attachment = { filename: "surat.pdf", content: "JVBERi0=" };
    assert.deepEqual(objectionBody({ uuid, date: "2026-07-06", codes: ["DL", " dl", "CT"], reason: "  Dinas luar ke provinsi ", attachment }), {
      body: { uuid, dates: ["2026-07-06"], requested_codes: ["DL", "CT"], reason: "Dinas luar ke provinsi", attachment },
    });
    // typed, comma separated (a server without GET /codes)
    assert.deepEqual(objectionBody({ uuid, date: "2026-07-06", codes: "dl, ", reason: "x" }).body.requested_codes, ["DL"]);
    assert.equal(objectionBody({ uuid, date: "2026-07-06", codes: "dl", reason: "x" }).body.attachment, undefined);
    assert.deepEqual(objectionBody({ uuid, date: "2026-07-06", codes: [], reason: "x" }), { error: "objection_pick_code" });
    assert.deepEqual(objectionBody({ uuid, date: "2026-07-06", codes: ["DL"], reason: "   " }), { error: "objection_need_reason" });
  });
  it("refuses a document too large before sending it (an image is made smaller first)", () => {
    const mb = 1024 * 1024;
    assert.equal(documentTooLarge(undefined), false);
    assert.equal(documentTooLarge({ type: "application/pdf", size: 4 * mb }), false);
    assert.equal(documentTooLarge({ type: "application/pdf", size: 6 * mb }), true);
    assert.equal(documentTooLarge({ type: "image/jpeg", size: 12 * mb }), false);
    assert.equal(documentTooLarge({ type: "image/jpeg", size: 21 * mb }), true);
  });
});
