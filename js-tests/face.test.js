// The face pieces without a screen: the check-in event carries the second frame
// (never a spot check answer), the enrolment's body and poses, and the enrolment's
// state and refusals in the person's words (every key in both languages).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  buildEvent,
  ENROL_POSES,
  enrolmentBody,
  faceRefusalKey,
  faceStateKey,
  needsEnrolment,
} from "../addons/simantap_mobile_api/static/app/js/face.js";
import { STRINGS } from "../addons/simantap_mobile_api/static/app/js/i18n.js";

const fix = { latitude: -1.47, longitude: 101.4, accuracy: 8, mock_location: undefined };

describe("buildEvent", () => {
  it("sends the second frame with a check-in and a check-out", () => {
    for (const kind of ["check_in", "check_out"]) {
      const event = buildEvent({ kind, uuid: "u", capturedAt: "2026-12-02T01:00:00Z", fix, photo: "AAA", secondPhoto: "BBB" });
      assert.deepEqual(event, {
        uuid: "u",
        captured_at: "2026-12-02T01:00:00Z",
        latitude: -1.47,
        longitude: 101.4,
        accuracy: 8,
        mock_location: false,
        photo: "AAA",
        second_photo: "BBB",
      });
    }
  });

  it("leaves it out when there is none, and for a spot check answer", () => {
    const none = buildEvent({ kind: "check_in", uuid: "u", capturedAt: "t", fix, photo: "AAA", secondPhoto: null });
    assert.equal("second_photo" in none, false);
    const spot = buildEvent({ kind: "spot_check_answer", uuid: "u", capturedAt: "t", fix, photo: "AAA", secondPhoto: "BBB", spotCheckId: "12" });
    assert.equal("second_photo" in spot, false);
    assert.equal(spot.spot_check_id, 12);
  });
});

describe("enrolment", () => {
  it("asks for three poses: straight, left, right", () => {
    assert.deepEqual(ENROL_POSES, ["face_pose_straight", "face_pose_left", "face_pose_right"]);
    assert.match(STRINGS.id.face_pose_straight, /lurus/);
    assert.match(STRINGS.id.face_pose_left, /sedikit ke kiri/);
    assert.match(STRINGS.id.face_pose_right, /sedikit ke kanan/);
    assert.equal(STRINGS.id.turn_head, "Tolehkan kepala sedikit");
  });

  it("sends the three frames as files, in order", () => {
    const body = enrolmentBody(["A", "B", "C"]);
    assert.deepEqual(
      body.photos.map((p) => p.content),
      ["A", "B", "C"],
    );
    assert.ok(body.photos.every((p) => p.filename.endsWith(".jpg")));
    assert.throws(() => enrolmentBody(["A", "B"]));
    assert.throws(() => enrolmentBody(["A", "", "C"]));
  });

  it("is offered only when not enrolled and nothing waits", () => {
    assert.equal(needsEnrolment({ enrolled: false, pending: 0 }), true);
    assert.equal(needsEnrolment({ enrolled: false, pending: 3 }), false);
    assert.equal(needsEnrolment({ enrolled: true, pending: 0 }), false);
    assert.equal(needsEnrolment(null), false);
  });

  it("says the state and the refusals in words, never a code", () => {
    assert.equal(faceStateKey({ enrolled: true, pending: 0 }), "face_state_enrolled");
    assert.equal(faceStateKey({ enrolled: false, pending: 2 }), "face_state_pending");
    assert.equal(faceStateKey({ enrolled: false, pending: 0 }), "face_state_none");
    assert.match(STRINGS.id.face_state_pending, /menunggu persetujuan petugas/);
    assert.match(STRINGS.id.face_state_enrolled, /terdaftar/);
    const codes = ["no_face", "several_faces", "face_unavailable", "photo_not_image", "photo_too_large", "network", "http_500", undefined];
    for (const code of codes) {
      const key = faceRefusalKey(code);
      for (const lang of ["id", "en"]) {
        const text = STRINGS[lang][key];
        assert.ok(text, `${lang}.${key}`);
        assert.doesNotMatch(text, /[a-z]+_[a-z]+/);
      }
    }
    assert.match(STRINGS.id[faceRefusalKey("no_face")], /Wajah tidak terlihat/);
  });
});
