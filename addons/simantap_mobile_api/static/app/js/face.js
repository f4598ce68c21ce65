// The face pieces of the app that need no screen: the event a check-in or check-out
// sends (the selfie and, about a second later, a second frame for the server's
// liveness check), the head poses of the enrolment, and what the enrolment's state
// and refusals say in the person's words.

/** How long after the selfie the second frame is taken (ms). */
export const SECOND_FRAME_DELAY = 1000;

/** The kinds that send a second frame (a spot check answer sends one selfie). */
export const TWO_FRAME_KINDS = ["check_in", "check_out"];

/** The three enrolment selfies, each with its head pose prompt (i18n keys). */
export const ENROL_POSES = ["face_pose_straight", "face_pose_left", "face_pose_right"];

/** The event the capture screen sends: ``secondPhoto`` only for check-in/out. */
export function buildEvent({ kind, uuid, capturedAt, fix, photo, secondPhoto, spotCheckId }) {
  const event = {
    uuid,
    captured_at: capturedAt,
    latitude: fix.latitude,
    longitude: fix.longitude,
    accuracy: fix.accuracy,
    mock_location: Boolean(fix.mock_location),
    photo,
  };
  if (secondPhoto && TWO_FRAME_KINDS.includes(kind)) {
    event.second_photo = secondPhoto;
  }
  if (kind === "spot_check_answer") {
    event.spot_check_id = Number(spotCheckId);
  }
  return event;
}

/** The body of POST /me/face: the three frames, in the poses' order. */
export function enrolmentBody(frames) {
  if (!Array.isArray(frames) || frames.length !== ENROL_POSES.length || frames.some((f) => !f)) {
    throw new Error("three frames are needed");
  }
  return { photos: frames.map((content, index) => ({ filename: `wajah-${index + 1}.jpg`, content })) };
}

/** Whether home offers the enrolment: not enrolled and nothing waiting. */
export function needsEnrolment(face) {
  return Boolean(face) && !face.enrolled && !face.pending;
}

/** The i18n key of the enrolment's state as GET/POST /me/face said it. */
export function faceStateKey(face) {
  if (face?.enrolled) {
    return "face_state_enrolled";
  }
  if (face?.pending) {
    return "face_state_pending";
  }
  return "face_state_none";
}

/** A refusal of POST /me/face in the person's words (never a raw code). */
export function faceRefusalKey(code) {
  const known = {
    no_face: "face_refused_no_face",
    several_faces: "face_refused_several_faces",
    face_unavailable: "face_refused_unavailable",
    face_pending: "face_state_pending",
    face_enrolled: "face_state_enrolled",
  };
  if (known[code]) {
    return known[code];
  }
  return String(code || "").startsWith("photo_") ? "face_refused_photo" : "face_refused_other";
}
