// My month: the TPP statement and the objections (keberatan). Pure helpers (tested
// in Node); the screens are in views/days.js.

export const OBJECTION_OPEN = ["submitted", "endorsed"];
export const MAX_DOCUMENT_MB = 5;

/** "Rp 5.000.000" (no cents: TPP is paid in whole rupiah). */
export function money(amount, currency = "IDR", locale = "id-ID") {
  const value = Number(amount) || 0;
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: currency || "IDR", maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${currency || ""} ${Math.round(value)}`.trim();
  }
}

/** "12,5 %" in the person's locale (at most two decimals). */
export function percent(value, locale = "id-ID") {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Number(value) || 0)} %`;
}

/** The lines of the server's readable breakdown (one cut per line). */
export function breakdownLines(text) {
  return String(text || "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/** My objections to days of a month (YYYY-MM), newest first as the server gives. */
export function objectionsOf(items, month) {
  return (items || []).filter((o) => String(o.month || "").slice(0, 7) === month);
}

/** The badge of an objection's state: waiting, accepted or refused. */
export function objectionTone(state) {
  if (OBJECTION_OPEN.includes(state)) {
    return "waiting";
  }
  return state === "accepted" ? "accepted" : "refused";
}

// what an objection usually asks for first: present, field duty, leave; then the
// codes that cut TPP (a milder one may be right: TL1 instead of TL3)
const CATEGORY_ORDER = ["present", "duty", "leave", "late", "early", "missing", "outside", "absent"];

/** The codes a person may ask for, from GET /codes: each once, the usual asks
 * first, else in the server's order. */
export function codeChoices(items) {
  const seen = new Set();
  const choices = [];
  for (const item of items || []) {
    if (item?.code && !seen.has(item.code)) {
      seen.add(item.code);
      const rank = CATEGORY_ORDER.indexOf(item.category);
      choices.push({ code: item.code, name: item.name || item.code, category: item.category || "", present: Boolean(item.counts_as_present), rank: rank < 0 ? CATEGORY_ORDER.length : rank });
    }
  }
  return choices
    .map((choice, index) => ({ choice, index }))
    .sort((a, b) => a.choice.rank - b.choice.rank || a.index - b.index)
    .map(({ choice: { rank, ...choice } }) => choice);
}

// the codes nobody asks for: absent, a forgotten check-in or -out, keluar area
const NEVER_ASKED = ["absent", "missing", "outside"];
// brackets of minutes: only a milder one than the day's fits (TL1 for a TL3 day)
const BRACKETS = ["late", "early"];

/** The choices that fit a day with ``dayCodes`` (its codes now): present, field
 * duty and leave; a milder late or early bracket than the day's (any, on a day
 * without one); never the codes nobody asks for, nor a code the day has already
 * (but H, asked with a milder bracket: "H TL1" for "H TL3"). */
export function codesForDay(choices, dayCodes) {
  const now = new Set((dayCodes || []).map((c) => c.code || c));
  const worst = {};
  for (const category of BRACKETS) {
    const held = choices.filter((c) => c.category === category && now.has(c.code));
    if (held.length) {
      worst[category] = Math.min(...held.map((c) => choices.indexOf(c)));
    }
  }
  return choices.filter((choice, index) => {
    if (NEVER_ASKED.includes(choice.category)) {
      return false;
    }
    if (now.has(choice.code) && choice.category !== "present") {
      return false;
    }
    if (BRACKETS.includes(choice.category) && choice.category in worst) {
      return index < worst[choice.category];
    }
    return true;
  });
}

/** The body of POST /me/objections for one day, or {error: key} when the form is
 * not complete. ``codes``: picked codes (or typed, comma separated). */
export function objectionBody({ uuid, date, codes, reason, attachment }) {
  const list = (Array.isArray(codes) ? codes : String(codes || "").split(","))
    .map((code) => String(code).trim().toUpperCase())
    .filter(Boolean);
  const wanted = [...new Set(list)];
  const why = String(reason || "").trim();
  if (!wanted.length) {
    return { error: "objection_pick_code" };
  }
  if (!why) {
    return { error: "objection_need_reason" };
  }
  const body = { uuid, dates: [date], requested_codes: wanted, reason: why };
  if (attachment) {
    body.attachment = attachment;
  }
  return { body };
}

/** A file picked as evidence is too large to send (an image is made smaller
 * first, so only a PDF or another document is held to the limit as it is). */
export function documentTooLarge(file, maxMb = MAX_DOCUMENT_MB) {
  if (!file) {
    return false;
  }
  const limit = maxMb * 1024 * 1024 * (String(file.type || "").startsWith("image/") ? 4 : 1);
  return file.size > limit;
}
