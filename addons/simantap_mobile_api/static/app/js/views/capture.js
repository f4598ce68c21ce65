// Check in, check out, answer a spot check: a live selfie from the front camera and
// a fresh high-accuracy GPS fix, sent with a UUID and the capture time; the
// server's verdict is shown as it said it (in the person's language).

import { closeCamera, openCamera, snapshot } from "../camera.js";
import { buildEvent, SECOND_FRAME_DELAY, TWO_FRAME_KINDS } from "../face.js";
import { judgeFix, maxAccuracy, readFix } from "../geo.js";
import { locale } from "../i18n.js";
import { clock } from "../schedule.js";
import { h, mount } from "../ui.js";
import { minutesLate, plainMessage, reasonText, signalTexts, verdictLine } from "../words.js";

const TITLES = { check_in: "selfie_title_check_in", check_out: "selfie_title_check_out", spot_check_answer: "selfie_title_spot_check" };

export function renderOutcome(app, root, kind, outcome, retryHash) {
  const { t } = app;
  const result = outcome.result || {};
  const label = { accepted: t("accepted"), refused: t("refused"), queued: t("queued") }[outcome.outcome];
  const tz = app.state.today?.timezone;
  const time = clock(outcome.entry?.captured_at || result.event_time, tz, locale());
  const refused = outcome.outcome === "refused";
  // a check-in after the start of today's schedule says so, with the minutes
  const schedule = app.state.today?.schedule;
  const late = kind === "check_in" && outcome.outcome === "accepted" && schedule?.length ? minutesLate(schedule, result.event_time || outcome.entry?.captured_at) : null;
  const signals = signalTexts(result);
  const message = refused ? reasonText(result) : plainMessage(result.message);
  mount(
    root,
    h(
      "section",
      { class: `card outcome ${outcome.outcome}`, id: "outcome", dataset: { outcome: outcome.outcome, code: result.code || "" } },
      h("h1", {}, `${t(TITLES[kind])}: ${label}`),
      outcome.outcome === "queued" ? h("p", {}, t("queued_note", { time })) : null,
      message ? h("p", { class: "large", id: "outcome-message" }, message) : null,
      late != null
        ? h(
            "p",
            { id: "outcome-late", class: late > 0 ? "message" : "", dataset: { minutes: String(late) } },
            t(late > 0 ? "late_check_in" : "on_time_check_in", { minutes: late, time: clock(schedule[0].start, tz, locale()) }),
          )
        : null,
      result.verdict ? h("p", { id: "outcome-verdict" }, verdictLine(result, locale())) : null,
      result.replayed ? h("p", { class: "muted small" }, t("replayed_note")) : null,
      signals.length ? h("div", { class: "muted small", id: "outcome-signals" }, `${t("signals")}:`, h("ul", {}, signals.map((text) => h("li", {}, text)))) : null,
      refused && retryHash ? h("a", { class: "big primary button", href: retryHash, id: "retry" }, t("retry")) : null,
      h("button", { class: `big ${refused ? "secondary" : "primary"}`, type: "button", id: "to-home", onclick: () => app.go("#/home") }, t("to_home")),
    ),
  );
}

export async function render(app, root, params) {
  const { t } = app;
  const [kind, spotCheckId] = params;
  let stream = null;
  let photo = null;
  let secondPhoto = null;
  let turning = false;
  let fix = null;
  let capturedAt = null;
  let closed = false;

  const video = h("video", { class: "selfie", autoplay: true, muted: true, playsinline: true, id: "camera" });
  const still = h("img", { class: "selfie", alt: "", hidden: true, id: "still" });
  const cameraMessage = h("p", { class: "muted", id: "camera-message" }, t("camera_hint"));
  const gpsLine = h("p", { id: "gps", class: "gps" }, t("gps_reading"));
  const gpsHelp = h("p", { id: "gps-help", class: "message", role: "alert" });
  const retryGps = h("button", { class: "secondary", type: "button", hidden: true, id: "gps-retry", onclick: () => locate() }, t("gps_retry"));
  const takeButton = h("button", { class: "big secondary", type: "button", id: "take-photo", onclick: take }, t("take_photo"));
  const sendButton = h("button", { class: "big primary", type: "button", id: "send-event", disabled: true, onclick: send }, t("send"));

  // the company's limit, as /me/today last said (100 m when it never did)
  const max = maxAccuracy(app.state.today);

  function ready() {
    sendButton.disabled = !(photo && !turning && fix && !judgeFix(fix, max));
  }

  async function locate() {
    fix = null;
    retryGps.hidden = true;
    gpsHelp.textContent = "";
    gpsLine.textContent = t("gps_reading");
    ready();
    try {
      const reading = await readFix();
      if (closed) {
        return;
      }
      fix = reading;
      gpsLine.textContent = t("gps_accuracy", { m: Math.round(fix.accuracy) });
      const problem = judgeFix(fix, max);
      gpsLine.dataset.ok = String(!problem);
      if (problem) {
        gpsHelp.textContent = t("gps_too_coarse", { m: problem.accuracy, max: problem.max });
        gpsHelp.dataset.code = problem.code;
        retryGps.hidden = false;
      } else {
        gpsLine.textContent += ` — ${t("gps_ok", { max: Math.round(max) })}`;
      }
    } catch (error) {
      gpsLine.textContent = "";
      gpsHelp.textContent = t(error.code || "gps_unavailable", { error: error.error || "" });
      gpsHelp.dataset.code = error.code || "gps_unavailable";
      retryGps.hidden = false;
    }
    ready();
  }

  async function take() {
    if (turning) {
      return;
    }
    if (photo) {
      // retake
      photo = null;
      secondPhoto = null;
      still.hidden = true;
      video.hidden = false;
      takeButton.textContent = t("take_photo");
      ready();
      return;
    }
    if (!stream) {
      return;
    }
    const shot = snapshot(video);
    photo = shot.base64;
    capturedAt = new Date().toISOString();
    if (TWO_FRAME_KINDS.includes(kind)) {
      // about a second later, the head turned a little: the server's liveness check
      turning = true;
      takeButton.disabled = true;
      cameraMessage.textContent = t("turn_head");
      cameraMessage.dataset.step = "turn";
      await new Promise((resolve) => setTimeout(resolve, SECOND_FRAME_DELAY));
      turning = false;
      takeButton.disabled = false;
      if (closed || !stream) {
        return;
      }
      secondPhoto = snapshot(video).base64;
      cameraMessage.textContent = t("camera_hint");
      cameraMessage.dataset.step = "done";
    }
    still.src = shot.dataUrl;
    still.hidden = false;
    video.hidden = true;
    takeButton.textContent = t("retake");
    ready();
  }

  async function send() {
    sendButton.disabled = true;
    sendButton.textContent = t("sending");
    const event = buildEvent({
      kind,
      uuid: app.newUuid(),
      capturedAt: capturedAt || new Date().toISOString(),
      fix,
      photo,
      secondPhoto,
      spotCheckId,
    });
    const outcome = await app.sendEvent(kind, event);
    stop();
    renderOutcome(app, root, kind, outcome, kind === "spot_check_answer" ? `#/capture/spot/${spotCheckId}` : `#/capture/${kind}`);
    // reopening the app shows home, not this capture again
    history.replaceState(null, "", "#/home");
  }

  function stop() {
    closed = true;
    closeCamera(stream);
    stream = null;
  }

  mount(
    root,
    h(
      "section",
      { class: "card capture", id: "capture", dataset: { kind } },
      h("h1", {}, t(TITLES[kind])),
      h("div", { class: "frame" }, video, still),
      cameraMessage,
      takeButton,
      gpsLine,
      gpsHelp,
      retryGps,
      sendButton,
      h("a", { class: "button secondary", href: "#/home" }, t("cancel")),
    ),
  );

  try {
    stream = await openCamera(video);
    if (closed) {
      closeCamera(stream);
    }
  } catch (error) {
    cameraMessage.textContent = t("camera_error", { error: error?.message || error?.name || String(error) });
    cameraMessage.className = "message";
    takeButton.disabled = true;
  }
  locate();
  return stop;
}
