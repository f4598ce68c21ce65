// The send queue, as the person sees it: what waits (and why), what the server
// answered for each event.

import { locale } from "../i18n.js";
import { clock } from "../schedule.js";
import { h, mount } from "../ui.js";

export async function render(app, root) {
  const { t } = app;
  const tz = app.state.today?.timezone;
  const fmt = (value) => clock(value, tz, locale());
  const entries = await app.queue.list();
  const sendNow = h(
    "button",
    {
      class: "big primary",
      type: "button",
      id: "flush",
      disabled: !entries.some((e) => e.state === "waiting"),
      onclick: async () => {
        sendNow.disabled = true;
        await app.flush({ force: true });
        app.rerender();
      },
    },
    t("send_now"),
  );
  const rows = entries.map((entry) => {
    const result = entry.result || {};
    const why = entry.state === "waiting" && entry.last_error ? t(`err_${entry.last_error}`) : "";
    return h(
      "li",
      { class: `entry ${entry.state}`, dataset: { uuid: entry.uuid, state: entry.state, kind: entry.kind } },
      h("div", { class: "row" }, h("strong", {}, t(`kind_${entry.kind}`)), h("span", { class: `badge ${entry.state}` }, t(`state_${entry.state}`))),
      h("p", { class: "muted small" }, t("captured_at", { time: fmt(entry.captured_at) }), why ? ` · ${why}` : "", entry.state === "waiting" && entry.next_try_at ? ` · ${t("next_try", { time: fmt(entry.next_try_at) })}` : ""),
      result.message ? h("p", { class: "small" }, result.message) : null,
      result.code && entry.state === "refused" ? h("p", { class: "small" }, h("code", {}, result.code)) : null,
      h("p", { class: "muted tiny" }, entry.uuid),
    );
  });
  mount(
    root,
    h(
      "section",
      { class: "card", id: "queue" },
      h("h1", {}, t("queue_title")),
      h("p", { class: "muted small" }, t("queue_intro")),
      sendNow,
      rows.length ? h("ul", { class: "entries" }, rows) : h("p", { class: "muted" }, t("queue_empty")),
    ),
  );
}
