// The send queue, as the person sees it: what waits (and why), what the server
// answered for each event.

import { locale } from "../i18n.js";
import { clock } from "../schedule.js";
import { h, mount } from "../ui.js";
import { plainMessage, reasonText } from "../words.js";

const WAIT_REASONS = ["network", "server", "rate_limited", "signed_out"];

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
    // what the server answered, in words (never its code, nor the event's UUID)
    const answer = entry.state === "refused" ? reasonText(result) : plainMessage(result.message);
    const why = entry.state === "waiting" && entry.last_error ? t(`err_${WAIT_REASONS.includes(entry.last_error) ? entry.last_error : "signed_out"}`) : "";
    return h(
      "li",
      { class: `entry ${entry.state}`, dataset: { uuid: entry.uuid, state: entry.state, kind: entry.kind } },
      h("div", { class: "row" }, h("strong", {}, t(`kind_${entry.kind}`)), h("span", { class: `badge ${entry.state}` }, t(`state_${entry.state}`))),
      h("p", { class: "muted small" }, t("captured_at", { time: fmt(entry.captured_at) }), why ? ` · ${why}` : "", entry.state === "waiting" && entry.next_try_at ? ` · ${t("next_try", { time: fmt(entry.next_try_at) })}` : ""),
      answer ? h("p", { class: "small answer" }, answer) : null,
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
