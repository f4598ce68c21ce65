// Field duty (dinas luar): request one with its assignment letter (photographed or a
// PDF), see mine and their state, add photos at the destination, cancel a draft.

import { ApiError } from "../api.js";
import { locale } from "../i18n.js";
import { dayLabel } from "../schedule.js";
import { h, imageOrPdfPayload, mount, toast } from "../ui.js";

const MAX_FILE_MB = 5;
const SHORT = { day: "numeric", month: "short", year: "numeric" };

function unavailable(app, root) {
  mount(root, h("section", { class: "card" }, h("p", {}, app.t("duty_unavailable"))));
}

async function payloads(app, input) {
  const files = [...(input.files || [])];
  for (const file of files) {
    if (file.size > MAX_FILE_MB * 4 * 1024 * 1024) {
      throw new Error(app.t("file_too_large", { mb: MAX_FILE_MB }));
    }
  }
  return Promise.all(files.map((file) => imageOrPdfPayload(file)));
}

function dates(duty) {
  const from = dayLabel(duty.date_from, locale(), SHORT);
  return duty.date_to && duty.date_to !== duty.date_from ? `${from} – ${dayLabel(duty.date_to, locale(), SHORT)}` : from;
}

function dutyCard(app, duty, detailed = false) {
  const { t } = app;
  const photosInput = h("input", { type: "file", accept: "image/*", capture: "environment", multiple: true, id: `duty-photos-${duty.id}`, class: "file" });
  const act = (path, confirmText, body) => async (event) => {
    if (confirmText && !confirm(confirmText)) {
      return;
    }
    event.target.disabled = true;
    try {
      await app.api.post(`/field-duties/${duty.id}/${path}`, body ? await body() : undefined);
      toast(path === "photos" ? t("duty_photos_added") : t("duty_saved"), "ok");
    } catch (error) {
      app.handleError(error);
    }
    app.rerender();
  };
  return h(
    "li",
    { class: "entry duty", dataset: { dutyId: String(duty.id), state: duty.state } },
    h("div", { class: "row" }, h("a", { href: `#/duty/${duty.id}` }, h("strong", {}, duty.destination_name || duty.name)), h("span", { class: `badge ${duty.state}` }, duty.state_label || duty.state)),
    h("p", { class: "small" }, dates(duty), duty.purpose ? ` · ${duty.purpose}` : ""),
    h("p", { class: "muted small" }, duty.has_letter ? t("duty_letter_attached") : t("duty_no_letter"), ` · ${t("duty_photos", { n: duty.photo_count || 0 })}`, duty.approver ? ` · ${t("duty_approver", { name: duty.approver })}` : ""),
    duty.reject_reason ? h("p", { class: "message" }, t("duty_rejected", { reason: duty.reject_reason })) : null,
    detailed && duty.can_add_photos
      ? h("div", { class: "stack" }, h("label", { for: `duty-photos-${duty.id}` }, t("duty_add_photos")), photosInput, h("button", { class: "secondary", type: "button", id: "duty-photos-send", onclick: act("photos", null, async () => ({ photos: await payloads(app, photosInput) })) }, t("send")))
      : null,
    detailed && duty.can_submit ? h("button", { class: "big primary", type: "button", id: "duty-submit-draft", onclick: act("submit") }, t("duty_submit_draft")) : null,
    detailed && duty.can_cancel ? h("button", { class: "big danger", type: "button", id: "duty-cancel", onclick: act("cancel", t("duty_cancel_confirm")) }, t("duty_cancel")) : null,
  );
}

function renderForm(app, root) {
  const { t } = app;
  const uuid = app.newUuid(); // one per form: a retried submit is the same request
  const today = app.state.today?.working_day || new Date().toISOString().slice(0, 10);
  const field = (name, label, attrs = {}) => [h("label", { for: `duty-${name}` }, label), h("input", { id: `duty-${name}`, name, ...attrs })];
  const kind = h("select", { id: "duty-kind", name: "duty_kind" }, h("option", { value: "full_day" }, t("duty_full_day")), h("option", { value: "part_day" }, t("duty_part_day")));
  const hours = h("div", { class: "grid2", hidden: true, id: "duty-hours" }, h("div", {}, field("hour_from", t("duty_hour_from"), { type: "time" })), h("div", {}, field("hour_to", t("duty_hour_to"), { type: "time" })));
  kind.addEventListener("change", () => {
    hours.hidden = kind.value !== "part_day";
  });
  const letter = h("input", { id: "duty-letter", name: "letter", type: "file", accept: "image/*,application/pdf", class: "file" });
  const message = h("p", { class: "message", role: "alert", id: "duty-message" });
  const form = h(
    "form",
    { class: "card", id: "duty-form" },
    h("h1", {}, t("duty_new")),
    field("destination_name", t("duty_destination"), { required: true, maxlength: 256 }),
    field("purpose", t("duty_purpose"), { required: true, maxlength: 4000 }),
    h("div", { class: "grid2" }, h("div", {}, field("date_from", t("duty_from"), { type: "date", required: true, value: today })), h("div", {}, field("date_to", t("duty_to"), { type: "date", required: true, value: today }))),
    h("label", { for: "duty-kind" }, t("duty_kind")),
    kind,
    hours,
    field("letter_number", t("duty_letter_number"), { required: true, maxlength: 128 }),
    field("letter_date", t("duty_letter_date"), { type: "date", required: true }),
    h("label", { for: "duty-letter" }, t("duty_letter")),
    h("p", { class: "muted small" }, t("duty_letter_hint")),
    letter,
    message,
    h("button", { class: "big primary", type: "submit", id: "duty-send", value: "submit" }, t("duty_submit")),
    h("button", { class: "big secondary", type: "submit", id: "duty-draft", value: "draft" }, t("duty_save_draft")),
    h("a", { class: "button secondary", href: "#/duty" }, t("cancel")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const toHour = (text) => {
      if (!text) {
        return undefined;
      }
      const [hh, mm] = text.split(":").map(Number);
      return hh + mm / 60;
    };
    const body = {
      uuid,
      destination_name: data.get("destination_name").trim(),
      purpose: data.get("purpose").trim(),
      date_from: data.get("date_from"),
      date_to: data.get("date_to"),
      duty_kind: kind.value,
      submit: event.submitter?.value !== "draft",
    };
    if (kind.value === "part_day") {
      body.hour_from = toHour(data.get("hour_from"));
      body.hour_to = toHour(data.get("hour_to"));
    }
    for (const name of ["letter_number", "letter_date"]) {
      if (data.get(name)) {
        body[name] = data.get(name);
      }
    }
    for (const button of form.querySelectorAll("button")) {
      button.disabled = true;
    }
    try {
      const [file] = await payloads(app, letter);
      if (file) {
        body.letter = file;
      }
      const duty = await app.api.post("/field-duties", body);
      toast(t("duty_saved"), "ok");
      app.go(`#/duty/${duty.id}`);
    } catch (error) {
      message.textContent = error.message;
      message.dataset.code = error.code || "";
      for (const button of form.querySelectorAll("button")) {
        button.disabled = false;
      }
    }
  });
  mount(root, form);
}

export async function render(app, root, params) {
  const { t } = app;
  const [which] = params;
  if (!app.online()) {
    mount(root, h("section", { class: "card" }, h("p", {}, t("needs_network"))));
    return;
  }
  if (which === "new") {
    renderForm(app, root);
    return;
  }
  try {
    if (which) {
      const duty = await app.api.get(`/field-duties/${which}`);
      mount(root, h("section", { class: "card", id: "duty-detail" }, h("h1", {}, duty.name || t("duty_title")), h("ul", { class: "entries" }, dutyCard(app, duty, true)), h("a", { class: "button secondary", href: "#/duty" }, t("back"))));
      return;
    }
    const { items } = await app.api.get("/field-duties");
    mount(
      root,
      h(
        "section",
        { class: "card", id: "duty-list" },
        h("h1", {}, t("duty_title")),
        h("a", { class: "big primary button", href: "#/duty/new", id: "duty-new" }, t("duty_new")),
        items.length ? h("ul", { class: "entries" }, items.map((d) => dutyCard(app, d))) : h("p", { class: "muted" }, t("duty_empty")),
      ),
    );
  } catch (error) {
    if (!which && error instanceof ApiError && error.status === 404) {
      unavailable(app, root); // a server without the field-duty routes yet
    } else {
      app.handleError(error);
    }
  }
}
