// Home: checked in or not, today's schedule, the last location verdict, the next
// presence check, a spot check due (with its countdown), today's codes.

import { needsEnrolment } from "../face.js";
import { judgeFix, nearestLocation, watchFix } from "../geo.js";
import { locale } from "../i18n.js";
import { clock, countdown, secondsLeft } from "../schedule.js";
import { h, mount } from "../ui.js";
import { latestVerdict, metres, reasonText, verdictLine } from "../words.js";

function verdictText(app, verdict) {
  const tz = app.state.today?.timezone;
  const time = clock(verdict.at || verdict.event_time, tz, locale());
  return `${verdictLine(verdict, locale())}, ${app.t("at_time", { time })}`;
}

export async function render(app, root) {
  const { t, state } = app;
  const today = state.today;
  const tz = today?.timezone;
  const fmt = (value) => clock(value, tz, locale());
  const presence = await app.checkedIn();
  const employee = state.me?.employee;

  // status and the one big action
  const status = h(
    "section",
    { class: `card status ${presence.checkedIn ? "in" : "out"}`, id: "status", dataset: { checkedIn: String(presence.checkedIn) } },
    h("p", { class: "muted" }, t("hello", { name: employee?.name || "" }), employee?.unit ? ` · ${employee.unit}` : ""),
    h(
      "h1",
      {},
      presence.pending
        ? presence.checkedIn
          ? t("checked_in_pending")
          : t("not_checked_in")
        : presence.checkedIn
          ? t("checked_in_since", { time: fmt(presence.since) })
          : t("not_checked_in"),
    ),
    today?.on_duty ? h("p", { class: "badge duty" }, t("on_duty_now")) : null,
    presence.checkedIn
      ? h("a", { class: "big danger button", href: "#/capture/check_out", id: "go-check-out" }, t("check_out"))
      : h("a", { class: "big primary button", href: "#/capture/check_in", id: "go-check-in" }, t("check_in")),
  );

  // spot check due: answer now, with the time left
  let spot = null;
  let timer = null;
  const due = today?.spot_check;
  if (due && presence.checkedIn !== undefined) {
    const left = h("strong", { id: "spot-countdown", class: "countdown" });
    const update = () => {
      const seconds = secondsLeft(due, app.serverNow(), (state.todayFetchedAt || Date.now()) + state.offset);
      left.textContent = due.late || seconds === 0 ? t("spot_check_late") : countdown(seconds);
    };
    update();
    timer = setInterval(update, 1000);
    spot = h(
      "section",
      { class: "card alert", id: "spot-check", dataset: { spotCheckId: String(due.id) } },
      h("p", {}, t("spot_check_due")),
      left,
      h("a", { class: "big primary button", href: `#/capture/spot/${due.id}`, id: "answer-spot-check" }, t("answer_now")),
    );
  }

  // schedule
  const intervals = today?.schedule || [];
  const schedule = h(
    "section",
    { class: "card" },
    h("h2", {}, t("schedule")),
    today && !today.working_day ? h("p", {}, t("not_working_day")) : null,
    intervals.length
      ? h("p", { class: "large", id: "schedule" }, intervals.map((i) => `${fmt(i.start)}–${fmt(i.end)}`).join(", "))
      : h("p", { class: "muted" }, t("no_schedule")),
  );

  // location: the nearest allowed fence and how far this phone is (from every
  // new fix while home shows), and the server's last verdict today (kept on the
  // phone, or answered for an event sent later from the queue)
  const verdict = latestVerdict(state.lastVerdict, await app.queue.list(), today?.working_day);
  const nearestLine = h("p", { id: "nearest" });
  const location = h(
    "section",
    { class: "card", id: "location" },
    h("h2", {}, t("location")),
    nearestLine,
    verdict
      ? h("p", { class: `verdict ${verdict.verdict} small`, id: "last-verdict" }, `${t("last_verdict_label")} `, verdictText(app, verdict))
      : h("p", { class: "muted small", id: "last-verdict" }, t("no_verdict_yet")),
  );
  const showNearest = (fix) => {
    const nearest = nearestLocation(today?.locations, fix);
    if (!nearest) {
      nearestLine.textContent = t("no_locations");
      return;
    }
    const m = Math.round(fix.accuracy);
    nearestLine.textContent = nearest.inside
      ? t("nearest_inside", { place: nearest.name, m })
      : t("nearest_outside", { place: nearest.name, distance: metres(nearest.distance, locale()), m });
    nearestLine.className = nearest.inside ? "verdict inside" : "verdict outside";
    nearestLine.dataset.distance = String(Math.round(nearest.distance));
    nearestLine.dataset.fixes = String(Number(nearestLine.dataset.fixes || 0) + 1);
  };
  let stopWatching = () => {};
  if (today?.locations) {
    if (state.fix && Date.now() - state.fix.at < 120_000) {
      showNearest(state.fix);
    } else {
      nearestLine.textContent = t("locating");
    }
    stopWatching = watchFix(
      (fix) => {
        if (!judgeFix(fix, 1000)) {
          state.fix = { ...fix, at: Date.now() };
        }
        showNearest(fix);
      },
      (error) => {
        if (!nearestLine.dataset.fixes) {
          nearestLine.textContent = t(error.code || "gps_unavailable", { error: error.error || "" });
        }
      },
    );
  } else {
    nearestLine.hidden = true;
  }

  // presence checks
  const presenceCard = h(
    "section",
    { class: "card", id: "presence" },
    h("h2", {}, t("presence")),
    today?.collecting || presence.pending
      ? [
          today?.next_ping_at
            ? h(
                "p",
                { id: "next-ping" },
                Date.parse(today.next_ping_at) <= app.serverNow()
                  ? t("ping_now")
                  : t("next_ping", { time: fmt(today.next_ping_at), n: today.ping_interval_minutes || "" }),
              )
            : null,
          today?.last_contact_at ? h("p", { class: "muted" }, t("last_contact", { time: fmt(today.last_contact_at) })) : null,
        ]
      : h("p", { class: "muted" }, t("not_collecting")),
    presence.checkedIn
      ? h(
          "button",
          {
            class: "big secondary",
            type: "button",
            id: "send-position",
            onclick: async (event) => {
              event.target.disabled = true;
              const answer = await app.sendPing({ onDemand: true });
              state.pingAnswer = { outcome: answer.outcome, message: answer.outcome === "refused" ? reasonText(answer.result) : answer.result?.message || "" };
              app.rerender();
            },
          },
          t("send_position"),
        )
      : null,
    presence.checkedIn && state.pingAnswer
      ? h(
          "p",
          { id: "ping-answer", class: "small", "data-outcome": state.pingAnswer.outcome },
          t(`ping_${state.pingAnswer.outcome}`, { message: state.pingAnswer.message }),
        )
      : null,
    h("p", { class: "note small" }, t("background_note")),
  );

  // today's codes: judged so far by the server (/me/today), else the evaluated
  // day of my week (an older server, or today once evaluated)
  const day = state.week?.days?.find((d) => d.date === today?.working_day);
  const todayCodes = today?.codes_so_far?.length ? today.codes_so_far : day?.codes;
  const codes =
    today || state.week
      ? h(
          "section",
          { class: "card", id: "codes-today" },
          h("h2", {}, t("codes_today")),
          todayCodes?.length
            ? h(
                "p",
                {},
                todayCodes.map((c) => h("span", { class: "code", title: c.name }, c.code)),
              )
            : h("p", { class: "muted" }, t("no_codes_yet")),
          todayCodes?.length ? h("p", { class: "note small" }, t("codes_so_far_note")) : null,
        )
      : null;

  const footer = h(
    "p",
    { class: "muted small center" },
    state.updatedAt ? t("last_update", { time: fmt(state.updatedAt) }) : "",
    app.online() ? "" : ` · ${t("offline_cached")}`,
    " · ",
    h("button", { class: "link", type: "button", id: "refresh", onclick: async () => { await app.refresh(); app.rerender(); } }, t("refresh")),
    " · ",
    h(
      "button",
      {
        class: "link",
        type: "button",
        id: "sign-out",
        onclick: () => {
          if (confirm(t("sign_out_confirm"))) {
            app.signOut();
          }
        },
      },
      t("sign_out"),
    ),
  );

  // no reference face yet and none waiting: offer the enrolment (asked, not awaited)
  const faceCard = h("section", { class: "card", id: "face-card", hidden: true });
  if (app.online()) {
    app.api
      .get("/me/face")
      .then((face) => {
        if (needsEnrolment(face)) {
          mount(faceCard, h("p", {}, t("face_state_none")), h("a", { class: "big secondary button", href: "#/face", id: "go-face" }, t("face_enrol_link")));
          faceCard.hidden = false;
        }
      })
      .catch(() => {});
  }

  mount(root, spot, status, faceCard, schedule, location, presenceCard, codes, footer);
  return () => {
    clearInterval(timer);
    stopWatching();
  };
}
