// What the person reads instead of the server's codes: the server's translated
// message when it sent one, else the app's own words for the code, else a plain
// sentence; never the code itself. Pure helpers (tested in Node).

import { t } from "./i18n.js";

// the app's words for the codes the server refuses an event with (every phone
// event code of simantap_attendance/lib/refusals.py, checked by the API's tests),
// or raises as fraud signals (see the README's table); STRINGS keys "why_<code>"
export const REASON_CODES = [
  "uuid_missing",
  "uuid_invalid",
  "uuid_conflict",
  "employee_unknown",
  "employee_other_company",
  "kind_invalid",
  "device_missing",
  "captured_at_missing",
  "captured_at_invalid",
  "captured_in_future",
  "captured_too_old",
  "coordinates_missing",
  "coordinates_invalid",
  "latitude_out_of_range",
  "longitude_out_of_range",
  "accuracy_invalid",
  "photo_missing",
  "photo_too_large",
  "photo_not_image",
  "photo_format",
  "photo_too_many_pixels",
  "photo_truncated",
  "mock_location",
  "accuracy_too_poor",
  "already_checked_in",
  "not_checked_in",
  "attendance_conflict",
  "attendance_closed",
  "no_allowed_location",
  "outside_geofence",
  "outside_working_hours",
  "spot_check_unknown",
  "spot_check_closed",
];
export const SIGNAL_CODES = [
  "photo_reused",
  "photo_stale",
  "impossible_travel",
  "unknown_device",
  "second_device",
  "shared_device",
  "late_sync",
  "clock_skew",
];

// a UUID, or a code of the API (snake_case words): what must never be shown
export const RAW_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[a-z]+(?:_[a-z0-9]+)+\b/i;

/** A message of the server as it is, or "" when it is (or holds) a raw code. */
export function plainMessage(text) {
  return text && !RAW_PATTERN.test(text) ? String(text) : "";
}

/** Why an event was refused, in words: the server's message, else the app's. */
export function reasonText(result = {}, lang) {
  if (plainMessage(result.message)) {
    return result.message;
  }
  if (result.code && REASON_CODES.includes(result.code)) {
    return t(`why_${result.code}`, {}, lang);
  }
  return t("why_refused", {}, lang);
}

/** The fraud signals of a result, one sentence each: the server's messages
 * (signal_messages), else the app's words for the codes. */
export function signalTexts(result = {}, lang) {
  const messages = new Map((result.signal_messages || []).map((s) => [s.code, s.message]));
  const texts = (result.signals || []).map((code) => {
    const message = messages.get(code);
    if (plainMessage(message)) {
      return message;
    }
    return SIGNAL_CODES.includes(code) ? t(`signal_${code}`, {}, lang) : t("signal_other", {}, lang);
  });
  return [...new Set(texts)];
}

/** Metres as a person reads them in their language: "1.250 m" in Indonesian,
 * "1,250 m" in English; always metres, so a screen never mixes units. */
export function metres(value, locale = "id-ID") {
  if (value == null || value === "" || !Number.isFinite(Number(value))) {
    return "";
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.round(Number(value)))} m`;
}

/** The server's location verdict in one line, naming only what is known:
 * "Di dalam area Kantor BKPSDM", "Di luar area: 1.250 m dari batas Kantor BKPSDM". */
export function verdictLine(verdict = {}, locale = "id-ID", lang) {
  const place = verdict.location_name || "";
  const distance = verdict.distance > 0 ? metres(verdict.distance, locale) : "";
  if (verdict.verdict === "inside") {
    return place ? t("verdict_inside_place", { place }, lang) : t("verdict_inside", {}, lang);
  }
  if (verdict.verdict === "on_duty") {
    return t("verdict_on_duty", {}, lang);
  }
  if (place && distance) {
    return t("verdict_outside_place", { place, distance }, lang);
  }
  return t("verdict_outside", {}, lang);
}

/** Minutes between the start of today's first working interval and a check-in
 * after it (0 when on time or without a schedule). */
export function minutesLate(schedule, checkIn) {
  const start = Date.parse(schedule?.[0]?.start);
  const at = Date.parse(checkIn);
  if (!Number.isFinite(start) || !Number.isFinite(at) || at <= start) {
    return 0;
  }
  return Math.floor((at - start) / 60_000);
}

/** The newest verdict the server gave today: the one kept on the phone, or one
 * in the answers of the send queue (events sent later through /sync). */
export function latestVerdict(kept, entries, workingDay) {
  const candidates = [];
  if (kept?.verdict) {
    candidates.push(kept);
  }
  for (const entry of entries || []) {
    if (entry.state === "accepted" && entry.result?.verdict) {
      candidates.push({ ...entry.result, at: entry.captured_at });
    }
  }
  const today = candidates.filter((v) => !workingDay || !v.working_day || v.working_day === workingDay);
  today.sort((a, b) => (Date.parse(b.at || b.event_time) || 0) - (Date.parse(a.at || a.event_time) || 0));
  return today[0] || null;
}

const WEEKEND = new Set([0, 6]);

/** What a day of my week is when it has no codes: "future", "off" (not a working
 * day: a weekend "weekend"), "pending" (a working day not evaluated yet) or null. */
export function dayKind(day, today) {
  if (day.codes?.length) {
    return null;
  }
  if (today && day.date > today) {
    return "future";
  }
  if (day.working_day === false) {
    const [y, m, d] = day.date.split("-").map(Number);
    return WEEKEND.has(new Date(Date.UTC(y, m - 1, d)).getUTCDay()) ? "weekend" : "off";
  }
  return "pending";
}
