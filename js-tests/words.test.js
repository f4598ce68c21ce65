// What a civil servant reads instead of the server's codes: the server's message,
// else the app's words; distances in the person's language and in one unit; a late
// check-in in minutes; the days of "Minggu" that are weekends or still to come;
// only the codes that fit a day in the objection's picker.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { STRINGS, setLang } from "../addons/simantap_mobile_api/static/app/js/i18n.js";
import { codeChoices, codesForDay } from "../addons/simantap_mobile_api/static/app/js/month.js";
import {
  dayKind,
  latestVerdict,
  metres,
  minutesLate,
  plainMessage,
  RAW_PATTERN,
  REASON_CODES,
  reasonText,
  SIGNAL_CODES,
  signalTexts,
  verdictLine,
} from "../addons/simantap_mobile_api/static/app/js/words.js";

const UUID = "0b8e4a1c-5d0e-4b8f-9a55-1f2d3c4b5a69";

describe("no raw code or UUID", () => {
  it("has words for every known refusal and signal, in both languages, none raw", () => {
    for (const lang of ["id", "en"]) {
      for (const key of [...REASON_CODES.map((c) => `why_${c}`), ...SIGNAL_CODES.map((c) => `signal_${c}`), "why_refused", "signal_other"]) {
        assert.ok(STRINGS[lang][key], `${lang} ${key}`);
        assert.ok(!RAW_PATTERN.test(STRINGS[lang][key]), `${lang} ${key}`);
      }
    }
  });
  it("shows the server's message, else the app's words for the code, never the code", () => {
    setLang("id");
    assert.equal(reasonText({ code: "outside_geofence", message: "Anda berada 120 m di luar Kantor." }), "Anda berada 120 m di luar Kantor.");
    // a message that is the code itself (a service without words for it)
    assert.equal(reasonText({ code: "outside_working_hours", message: "outside_working_hours" }), STRINGS.id.why_outside_working_hours);
    assert.equal(reasonText({ code: "brand_new_code" }), "Ditolak server.");
    assert.equal(reasonText({}), "Ditolak server.");
    assert.equal(reasonText({ code: "outside_geofence" }, "en"), STRINGS.en.why_outside_geofence);
    for (const result of [{ code: "x_y" }, { code: "outside_geofence", message: `device web-${UUID}` }]) {
      assert.ok(!RAW_PATTERN.test(reasonText(result)), JSON.stringify(result));
    }
  });
  it("says each signal in words: the server's message, else the app's", () => {
    setLang("id");
    const texts = signalTexts({
      signals: ["photo_reused", "impossible_travel", "unknown_device", "brand_new"],
      signal_messages: [
        { code: "photo_reused", message: "swafoto hampir sama dengan yang dikirim 3 Maret." },
        { code: "unknown_device", message: `ponsel ini (web-${UUID}) belum pernah dipakai.` },
      ],
    });
    assert.deepEqual(texts, [
      "swafoto hampir sama dengan yang dikirim 3 Maret.",
      STRINGS.id.signal_impossible_travel,
      STRINGS.id.signal_unknown_device,
      STRINGS.id.signal_other,
    ]);
    assert.ok(texts.every((text) => !RAW_PATTERN.test(text)));
    assert.deepEqual(signalTexts({}), []);
  });
  it("recognises codes and UUIDs, not ordinary words", () => {
    for (const raw of ["outside_geofence", UUID, `Alasan: photo_reused, impossible_travel`]) {
      assert.ok(RAW_PATTERN.test(raw), raw);
    }
    for (const text of ["Anda berada 1.250 m di luar Kantor BKPSDM.", "Di dalam area Kantor", "TL1 H"]) {
      assert.ok(!RAW_PATTERN.test(text), text);
    }
    assert.equal(plainMessage("late_sync"), "");
    assert.equal(plainMessage(null), "");
    assert.equal(plainMessage("Absen masuk tercatat."), "Absen masuk tercatat.");
  });
});

describe("distances", () => {
  it("are metres, in Indonesian or English format", () => {
    assert.equal(metres(0), "0 m");
    assert.equal(metres(86.4), "86 m");
    assert.equal(metres(6123.4), "6.123 m");
    assert.equal(metres(6123.4, "en-GB"), "6,123 m");
    assert.equal(metres(null), "");
    assert.equal(metres("x"), "");
  });
  it("name only what the verdict knows", () => {
    setLang("id");
    assert.equal(verdictLine({ verdict: "inside", distance: 0, location_name: null }), "Di dalam area");
    assert.equal(verdictLine({ verdict: "inside", distance: 0, location_name: "Kantor BKPSDM" }), "Di dalam area Kantor BKPSDM");
    assert.equal(verdictLine({ verdict: "outside", distance: 1250.2, location_name: "Kantor BKPSDM" }), "Di luar area: 1.250 m dari batas Kantor BKPSDM");
    assert.equal(verdictLine({ verdict: "outside", distance: null, location_name: null }), "Di luar area");
    assert.equal(verdictLine({ verdict: "on_duty" }), "Dinas luar");
    for (const line of [verdictLine({ verdict: "inside" }), verdictLine({ verdict: "outside" })]) {
      assert.ok(!line.includes("—") && !line.includes("(0 m)"), line);
    }
  });
});

describe("the day", () => {
  it("says a late check-in in minutes after the schedule's start", () => {
    const schedule = [{ start: "2026-03-02T00:30:00Z", end: "2026-03-02T09:00:00Z" }];
    assert.equal(minutesLate(schedule, "2026-03-02T00:42:30Z"), 12);
    assert.equal(minutesLate(schedule, "2026-03-02T00:20:00Z"), 0);
    assert.equal(minutesLate([], "2026-03-02T00:42:30Z"), 0);
    assert.equal(minutesLate(schedule, null), 0);
  });
  it("keeps the newest verdict of today, also one answered through the queue", () => {
    const kept = { verdict: "outside", at: "2026-03-02T01:00:00Z", working_day: "2026-03-02" };
    const entries = [
      { state: "accepted", captured_at: "2026-03-02T02:00:00Z", result: { verdict: "inside", working_day: "2026-03-02" } },
      { state: "waiting", captured_at: "2026-03-02T03:00:00Z", result: null },
    ];
    assert.equal(latestVerdict(kept, entries, "2026-03-02").verdict, "inside");
    assert.equal(latestVerdict(kept, [], "2026-03-02").verdict, "outside");
    assert.equal(latestVerdict(kept, [], "2026-03-03"), null); // yesterday's
    assert.equal(latestVerdict(null, [], "2026-03-03"), null);
  });
  it("names the days of the week without codes", () => {
    const today = "2026-03-04"; // a Wednesday
    assert.equal(dayKind({ date: "2026-03-05", evaluated: false }, today), "future");
    assert.equal(dayKind({ date: "2026-03-01", evaluated: false, working_day: false }, today), "weekend");
    assert.equal(dayKind({ date: "2026-03-03", evaluated: false, working_day: false }, today), "off");
    assert.equal(dayKind({ date: "2026-03-03", evaluated: false, working_day: true }, today), "pending");
    assert.equal(dayKind({ date: "2026-03-02", evaluated: true, codes: [{ code: "H" }] }, today), null);
  });
});

describe("the objection's codes", () => {
  const choices = codeChoices(
    ["H:present", "TL1:late", "TL2:late", "TL3:late", "PSW1:early", "PSW2:early", "LAM:missing", "TK:absent", "DL:duty", "CT:leave", "CS:leave", "KA1:outside"].map((pair) => {
      const [code, category] = pair.split(":");
      return { code, name: code, category };
    }),
  );
  const fit = (codes) => codesForDay(choices, codes).map((c) => c.code);
  it("offers for an absent day presence, duty, leave and any bracket, never TK", () => {
    assert.deepEqual(fit([{ code: "TK" }]), ["H", "DL", "CT", "CS", "TL1", "TL2", "TL3", "PSW1", "PSW2"]);
  });
  it("offers for a late day only a milder bracket", () => {
    assert.deepEqual(fit(["H", "TL3"]), ["H", "DL", "CT", "CS", "TL1", "TL2", "PSW1", "PSW2"]);
    assert.deepEqual(fit(["H", "TL1", "PSW2"]), ["H", "DL", "CT", "CS", "PSW1"]);
  });
  it("never offers the leave the day has already", () => {
    assert.deepEqual(fit(["CS"]), ["H", "DL", "CT", "TL1", "TL2", "TL3", "PSW1", "PSW2"]);
  });
});
