// Enrol my face: three selfies from the front camera, each with its head pose
// (straight, a little left, a little right), sent to POST /me/face for an
// attendance officer's approval; the server's state and refusals in plain words.

import { closeCamera, openCamera, snapshot } from "../camera.js";
import { ENROL_POSES, enrolmentBody, faceRefusalKey, faceStateKey } from "../face.js";
import { h, mount } from "../ui.js";

export async function render(app, root) {
  const { t } = app;
  let stream = null;
  let closed = false;
  const frames = [];

  const video = h("video", { class: "selfie", autoplay: true, muted: true, playsinline: true, id: "camera" });
  const step = h("p", { class: "muted", id: "face-step" });
  const pose = h("p", { class: "large", id: "face-pose" });
  const stateLine = h("p", { id: "face-state" });
  const message = h("p", { class: "message", role: "alert", id: "face-message" });
  const takeButton = h("button", { class: "big primary", type: "button", id: "face-take", onclick: take }, t("take_photo"));
  const restartButton = h("button", { class: "secondary", type: "button", id: "face-restart", hidden: true, onclick: restart }, t("retake"));

  function showState(face) {
    const key = faceStateKey(face);
    stateLine.textContent = t(key);
    stateLine.dataset.state = key;
  }

  function prompt() {
    const index = Math.min(frames.length, ENROL_POSES.length - 1);
    step.textContent = t("face_enrol_step", { n: index + 1 });
    pose.textContent = t(ENROL_POSES[index]);
    pose.dataset.pose = ENROL_POSES[index];
  }

  function restart() {
    frames.length = 0;
    message.textContent = "";
    delete message.dataset.code;
    restartButton.hidden = true;
    takeButton.hidden = false;
    takeButton.disabled = !stream;
    prompt();
  }

  async function take() {
    if (!stream || frames.length >= ENROL_POSES.length) {
      return;
    }
    frames.push(snapshot(video).base64);
    if (frames.length < ENROL_POSES.length) {
      prompt();
      return;
    }
    takeButton.disabled = true;
    takeButton.textContent = t("sending");
    try {
      const face = await app.api.post("/me/face", enrolmentBody(frames));
      showState(face);
      message.textContent = "";
      takeButton.hidden = true;
      stop();
    } catch (error) {
      const index = Number.isInteger(error?.detail?.index) ? error.detail.index : frames.length - 1;
      message.textContent = t(faceRefusalKey(error?.code), { n: index + 1 });
      message.dataset.code = error?.code || "";
      takeButton.hidden = true;
      restartButton.hidden = false;
    }
    takeButton.textContent = t("take_photo");
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
      { class: "card capture", id: "face-enrol" },
      h("h1", {}, t("face_enrol_title")),
      h("p", { class: "muted" }, t("face_enrol_intro")),
      stateLine,
      h("div", { class: "frame" }, video),
      step,
      pose,
      takeButton,
      message,
      restartButton,
      h("a", { class: "button secondary", href: "#/home", id: "face-home" }, t("to_home")),
    ),
  );
  prompt();
  takeButton.disabled = true;
  app.api
    .get("/me/face")
    .then((face) => !closed && showState(face))
    .catch(() => {});
  try {
    stream = await openCamera(video);
    if (closed) {
      closeCamera(stream);
    } else {
      takeButton.disabled = false;
    }
  } catch (error) {
    message.textContent = t("camera_error", { error: error?.message || error?.name || String(error) });
  }
  return stop;
}
