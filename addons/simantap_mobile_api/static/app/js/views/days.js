// My week and my month, day by day with their status codes; the month's totals per
// code and its TPP statement once computed; an objection (keberatan) to a day of a
// month under review, and my objections with their decisions.

import { ApiError } from "../api.js";
import { getLang, locale } from "../i18n.js";
import { breakdownLines, codeChoices, codesForDay, documentTooLarge, MAX_DOCUMENT_MB, money, objectionBody, objectionsOf, objectionTone, percent } from "../month.js";
import { addDays, addMonths, clock, dayLabel } from "../schedule.js";
import { h, imageOrPdfPayload, mount, toast } from "../ui.js";
import { dayKind } from "../words.js";

// what a day without codes is: not yet come, a weekend, another day off, or a
// working day the night has not evaluated yet
const DAY_KINDS = { future: "day_future", weekend: "day_weekend", off: "holiday", pending: "not_evaluated" };
const SHORT = { weekday: "short", day: "numeric", month: "short" };

function codeChips(codes) {
  return codes.map((c) => h("span", { class: "code", title: c.name || c.code }, c.code || c));
}

function dayRow(app, day) {
  const { t } = app;
  const tz = app.state.today?.timezone;
  const kind = dayKind(day, app.state.today?.working_day);
  const times = day.check_in || day.check_out ? t("in_out", { in: clock(day.check_in, tz, locale()) || "—", out: clock(day.check_out, tz, locale()) || "—" }) : "";
  return h(
    "li",
    { class: `entry day${kind && kind !== "pending" ? " off" : ""}`, dataset: { date: day.date, kind: kind || "coded" } },
    h(
      "div",
      { class: "row" },
      h("strong", {}, dayLabel(day.date, locale(), SHORT)),
      h("span", {}, day.codes?.length ? codeChips(day.codes) : h("span", { class: "muted small day-kind" }, t(DAY_KINDS[kind]))),
    ),
    times ? h("p", { class: "muted small" }, times) : null,
    day.corrected || day.locked ? h("p", { class: "muted small" }, [day.corrected ? t("corrected") : "", day.locked ? t("locked") : ""].filter(Boolean).join(" · ")) : null,
    day.objection ? h("p", { class: "small" }, t("objection_state", { state: day.objection.state_label || day.objection.state })) : null,
    day.can_object ? h("a", { class: "button secondary slim", href: `#/object/${day.date}`, id: `object-${day.date}` }, t("object")) : null,
  );
}

/** The month's TPP statement: base, cut, deduction, net, state, breakdown. */
function tppCard(app, tpp) {
  const { t } = app;
  const fmt = (amount) => money(amount, tpp.currency, locale());
  const line = (label, value, attrs = {}) => h("div", { class: "row figure", ...attrs }, h("span", {}, label), h("strong", {}, value));
  const lines = breakdownLines(tpp.breakdown);
  return h(
    "section",
    { class: "card", id: "tpp", dataset: { state: tpp.state } },
    h("div", { class: "row" }, h("h2", {}, t("tpp_title")), h("span", { class: `badge ${tpp.open_for_objections ? "waiting" : "neutral"}`, id: "tpp-state" }, tpp.state_label || tpp.state)),
    line(t("tpp_base"), fmt(tpp.tpp_base), { id: "tpp-base" }),
    line(t("tpp_cut"), percent(tpp.cut_percent, locale()), { id: "tpp-cut" }),
    line(t("tpp_deduction"), `− ${fmt(tpp.deduction)}`, { id: "tpp-deduction" }),
    tpp.adjustment ? line(t("tpp_adjustment"), fmt(tpp.adjustment), { id: "tpp-adjustment" }) : null,
    line(t("tpp_net"), fmt(tpp.net), { id: "tpp-net", class: "row figure total" }),
    tpp.forfeited ? h("p", { class: "message" }, t("tpp_forfeited")) : null,
    lines.length ? h("details", { id: "tpp-breakdown", open: lines.length <= 4 }, h("summary", {}, t("tpp_breakdown")), h("ul", { class: "breakdown small" }, lines.map((text) => h("li", {}, text)))) : null,
    tpp.open_for_objections ? h("p", { class: "note small" }, t("tpp_review_note")) : null,
  );
}

function totalsCard(app, totals) {
  return h(
    "section",
    { class: "card", id: "totals" },
    h("h2", {}, app.t("totals_title")),
    h("ul", { class: "totals" }, totals.map((c) => h("li", { class: "row", dataset: { code: c.code } }, h("span", {}, h("span", { class: "code" }, c.code), " ", h("span", { class: "small" }, c.name)), h("strong", {}, String(c.count))))),
  );
}

function objectionItem(app, o) {
  const { t } = app;
  return h(
    "li",
    { class: "entry objection", dataset: { objectionId: String(o.id), state: o.state } },
    h("div", { class: "row" }, h("strong", {}, (o.dates || []).map((d) => dayLabel(d, locale(), SHORT)).join(", ")), h("span", { class: `badge ${objectionTone(o.state)}` }, o.state_label || o.state)),
    o.requested_codes?.length ? h("p", { class: "small" }, `${t("objection_requested")}: `, codeChips(o.requested_codes)) : null,
    h("p", { class: "small" }, o.reason),
    o.has_attachment ? h("p", { class: "muted small" }, t("objection_attached")) : null,
    o.head_note ? h("p", { class: "small note-line head-note" }, t("head_note", { note: o.head_note })) : null,
    o.officer_note ? h("p", { class: "small note-line officer-note" }, t("officer_note", { note: o.officer_note })) : null,
    o.applied_codes ? h("p", { class: "small" }, t("applied_codes", { codes: o.applied_codes })) : null,
  );
}

function objectionsCard(app, items, { id = "objections", title = "objections", more = false } = {}) {
  const { t } = app;
  return h(
    "section",
    { class: "card", id },
    h("h2", {}, t(title)),
    items.length ? h("ul", { class: "entries" }, items.map((o) => objectionItem(app, o))) : h("p", { class: "muted" }, t("objections_empty")),
    more ? h("a", { class: "button secondary", href: "#/objections", id: "all-objections" }, t("objections_all")) : null,
  );
}

async function renderAllObjections(app, root) {
  const { items } = await app.api.get("/me/objections");
  mount(root, objectionsCard(app, items || [], { id: "objections-all", title: "objections" }), h("a", { class: "button secondary", href: "#/days/month" }, app.t("back")));
}

/** GET /codes once per language (null on a server without it). */
async function statusCodes(app) {
  const lang = getLang();
  if (!app.state.codes || app.state.codes.lang !== lang) {
    try {
      const { items } = await app.api.get("/codes");
      app.state.codes = { lang, items: codeChoices(items) };
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        return null;
      }
      throw error;
    }
  }
  return app.state.codes.items;
}

async function renderObjection(app, root, date) {
  const { t } = app;
  const month = date.slice(0, 7);
  const back = `#/days/month/${month}`;
  if (!app.online()) {
    mount(root, h("section", { class: "card" }, h("p", {}, t("needs_network")), h("a", { class: "button secondary", href: back }, t("back"))));
    return;
  }
  // one UUID per objection, kept on the phone until the server has it: a send
  // retried (now, or after closing the app) is the same objection, stored once
  const key = `objection_uuid:${date}`;
  const uuid = (await app.kv.get(key)) || app.newUuid();
  await app.kv.set(key, uuid);
  const day = app.state.monthDays?.[date];
  // only the codes that fit the day (a milder bracket, duty, leave; never TK)
  const all = await statusCodes(app);
  const choices = all && day?.codes ? codesForDay(all, day.codes) : all;

  let codesField;
  let pickedCodes;
  if (choices?.length) {
    const boxes = choices.map((choice) => h("input", { type: "checkbox", name: "code", value: choice.code, id: `objection-code-${choice.code}` }));
    codesField = h(
      "fieldset",
      { class: "choices", id: "objection-codes" },
      h("legend", {}, t("objection_codes")),
      choices.map((choice, index) => h("label", { class: "choice", for: `objection-code-${choice.code}` }, boxes[index], h("span", { class: "code" }, choice.code), h("span", {}, choice.name))),
    );
    pickedCodes = () => boxes.filter((box) => box.checked).map((box) => box.value);
  } else {
    const input = h("input", { id: "objection-codes-text", autocapitalize: "characters" });
    codesField = [h("label", { for: "objection-codes-text" }, t("objection_codes_text")), input];
    pickedCodes = () => input.value;
  }
  const reason = h("textarea", { id: "objection-reason", required: true, rows: 4, maxlength: 4000 });
  const attachment = h("input", { id: "objection-attachment", type: "file", accept: "image/*,application/pdf", class: "file" });
  const message = h("p", { class: "message", role: "alert", id: "objection-message" });
  const send = h("button", { class: "big primary", type: "submit", id: "objection-send" }, t("objection_send"));
  const form = h(
    "form",
    { class: "card", id: "objection-form", dataset: { uuid } },
    h("h1", {}, t("objection_title", { day: dayLabel(date, locale()) })),
    day?.codes?.length ? h("p", { id: "objection-current" }, `${t("objection_current")}: `, codeChips(day.codes)) : null,
    codesField,
    h("label", { for: "objection-reason" }, t("objection_reason")),
    reason,
    h("label", { for: "objection-attachment" }, t("objection_attachment")),
    h("p", { class: "muted small" }, t("objection_attachment_hint", { mb: MAX_DOCUMENT_MB })),
    attachment,
    message,
    send,
    h("a", { class: "button secondary", href: back }, t("cancel")),
  );
  form.addEventListener("input", () => {
    message.textContent = "";
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    const [file] = attachment.files || [];
    if (documentTooLarge(file)) {
      message.textContent = t("file_too_large", { mb: MAX_DOCUMENT_MB });
      return;
    }
    send.disabled = true;
    send.textContent = t("sending");
    try {
      const payload = file ? await imageOrPdfPayload(file) : null;
      const built = objectionBody({ uuid, date, codes: pickedCodes(), reason: reason.value, attachment: payload });
      if (built.error) {
        throw Object.assign(new Error(t(built.error)), { code: built.error });
      }
      await app.api.post("/me/objections", built.body);
      await app.kv.delete(key);
      toast(t("objection_sent"), "ok");
      app.go(back);
    } catch (error) {
      message.textContent = error instanceof ApiError && error.status === 0 ? t("objection_offline") : error.message;
      message.dataset.code = error.code || "";
      send.disabled = false;
      send.textContent = t("objection_send");
    }
  });
  mount(root, form);
}

/** The month's signed-layout attendance card, downloaded as a PDF file. */
async function downloadCard(app, month) {
  try {
    const file = await app.api.blob(`/me/month/card?month=${month}`);
    const url = URL.createObjectURL(file);
    const link = h("a", { href: url, download: `kartu-kehadiran-${month}.pdf` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    app.handleError(error);
  }
}

export async function render(app, root, params) {
  const { t } = app;
  const [mode, value] = params;
  if (mode === "object") {
    await renderObjection(app, root, value);
    return;
  }
  if (!app.online()) {
    mount(root, h("section", { class: "card" }, h("p", {}, t("needs_network"))));
    return;
  }
  if (mode === "objections") {
    await renderAllObjections(app, root);
    return;
  }
  const today = app.state.today?.working_day || new Date().toISOString().slice(0, 10);
  const anchor = value || (mode === "week" ? today : today.slice(0, 7));
  const month = anchor.slice(0, 7);
  let data;
  let objections = [];
  try {
    data = await app.api.get(mode === "week" ? `/me/week?date=${anchor}` : `/me/month?month=${month}`);
    if (mode === "month") {
      const mine = await app.api.get("/me/objections").catch(() => ({ items: [] }));
      objections = objectionsOf(mine.items, month);
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      mount(root, h("section", { class: "card" }, h("p", {}, t("duty_unavailable"))));
    } else {
      app.handleError(error);
    }
    return;
  }
  if (mode === "month") {
    // the objection form shows the day's codes now
    app.state.monthDays = Object.fromEntries((data.days || []).map((day) => [day.date, day]));
  }
  const previous = mode === "week" ? addDays(data.start || anchor, -7) : addMonths(month, -1);
  const next = mode === "week" ? addDays(data.start || anchor, 7) : addMonths(month, 1);
  const title =
    mode === "week"
      ? `${dayLabel(data.start, locale(), { day: "numeric", month: "short" })} – ${dayLabel(data.end, locale(), { day: "numeric", month: "short", year: "numeric" })}`
      : dayLabel(`${month}-01`, locale(), { month: "long", year: "numeric" });
  const header = [
    h("div", { class: "segmented" }, h("a", { href: "#/days/week", class: mode === "week" ? "active" : "", id: "seg-week" }, t("week")), h("a", { href: "#/days/month", class: mode === "month" ? "active" : "", id: "seg-month" }, t("month"))),
    h("div", { class: "row" }, h("a", { class: "button secondary", href: `#/days/${mode}/${previous}`, "aria-label": t("previous") }, "‹"), h("h1", {}, title), h("a", { class: "button secondary", href: `#/days/${mode}/${next}`, "aria-label": t("next") }, "›")),
  ];
  const days = h("ul", { class: "entries" }, (data.days || []).map((day) => dayRow(app, day)));
  if (mode === "week") {
    mount(
      root,
      h(
        "section",
        { class: "card", id: "days-week" },
        header,
        data.totals?.length ? h("p", { id: "totals" }, `${t("totals")}: `, data.totals.map((c) => h("span", { class: "code", title: c.name }, `${c.code} × ${c.count}`))) : null,
        days,
      ),
    );
    return;
  }
  const card = h("button", { class: "button secondary", id: "month-card", type: "button" }, t("month_card"));
  card.addEventListener("click", () => downloadCard(app, month));
  mount(
    root,
    h("section", { class: "card", id: "days-month", dataset: { month } }, header, card),
    data.tpp ? tppCard(app, data.tpp) : null,
    data.totals?.length ? totalsCard(app, data.totals) : null,
    h("section", { class: "card", id: "month-days" }, h("h2", {}, t("month_days")), days),
    objectionsCard(app, objections, { more: true }),
  );
}
