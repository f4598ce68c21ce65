// Time on the phone: the server's clock is the truth, the phone's is evidence.
// Pure helpers (tested in Node).

/** The phone's offset to the server's clock, in ms, from a server_time the API gave. */
export function clockOffset(serverTime, receivedAtMs) {
  const server = Date.parse(serverTime);
  return Number.isFinite(server) ? server - receivedAtMs : 0;
}

/** Is a presence ping due at serverNowMs? (the API's next_ping_at in the past means now) */
export function pingDue(today, serverNowMs) {
  if (!today?.collecting || !today.next_ping_at) {
    return false;
  }
  return serverNowMs >= Date.parse(today.next_ping_at);
}

/** Seconds left to answer a spot check, from its deadline (or its seconds_left when
 * the API gave it at fetchedAtMs). */
export function secondsLeft(spotCheck, serverNowMs, fetchedServerMs = serverNowMs) {
  if (!spotCheck) {
    return null;
  }
  if (spotCheck.deadline) {
    return Math.max(0, Math.round((Date.parse(spotCheck.deadline) - serverNowMs) / 1000));
  }
  if (spotCheck.seconds_left != null) {
    return Math.max(0, spotCheck.seconds_left - Math.round((serverNowMs - fetchedServerMs) / 1000));
  }
  return null;
}

/** "mm:ss", or "h:mm:ss" past an hour. */
export function countdown(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n) => String(n).padStart(2, "0");
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

/** "07:30" in the employee's time zone. */
export function clock(value, timeZone, locale = "id-ID") {
  if (!value) {
    return "";
  }
  const date = typeof value === "number" ? new Date(value) : new Date(value);
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hour12: false, timeZone })
    .format(date)
    .replace(".", ":");
}

/** "Senin, 3 Maret" for a YYYY-MM-DD date (a calendar day: no time zone shift). */
export function dayLabel(isoDate, locale = "id-ID", options = { weekday: "long", day: "numeric", month: "long" }) {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A YYYY-MM-DD date moved by some days. */
export function addDays(isoDate, days) {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A YYYY-MM month moved by some months. */
export function addMonths(isoMonth, months) {
  const [y, m] = isoMonth.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 7);
}
