// The string table is complete in both languages; the API client sends the
// person's language and token and reads the error model.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ApiError, makeApi } from "../addons/simantap_mobile_api/static/app/js/api.js";
import { STRINGS, setLang, t } from "../addons/simantap_mobile_api/static/app/js/i18n.js";

describe("strings", () => {
  it("has every key in Indonesian and English, with the same placeholders", () => {
    const ids = Object.keys(STRINGS.id).sort();
    assert.deepEqual(Object.keys(STRINGS.en).sort(), ids);
    const holes = (text) => (text.match(/\{\w+\}/g) || []).sort();
    for (const key of ids) {
      assert.deepEqual(holes(STRINGS.en[key]), holes(STRINGS.id[key]), key);
      assert.ok(STRINGS.id[key].trim(), key);
    }
  });
  it("speaks Indonesian first and fills placeholders", () => {
    setLang("xx");
    assert.equal(t("check_in"), "Absen masuk");
    assert.equal(t("gps_accuracy", { m: 12 }), "Akurasi GPS ±12 m");
    setLang("en");
    assert.equal(t("check_in"), "Check in");
    assert.equal(t("unknown_key"), "unknown_key");
    setLang("id");
  });
});

function fakeFetch(status, body, headers = {}) {
  const calls = [];
  const impl = async (url, init) => {
    calls.push({ url, init });
    return {
      status,
      headers: { get: (name) => headers[name] ?? null },
      text: async () => (body === undefined ? "" : JSON.stringify(body)),
    };
  };
  return { calls, impl };
}

describe("api", () => {
  it("sends the token and the language, and returns the body", async () => {
    const fetch = fakeFetch(200, { checked_in: false });
    const api = makeApi({ getToken: () => "tok", getLang: () => "en", fetchImpl: fetch.impl });
    assert.deepEqual(await api.get("/me/today"), { checked_in: false });
    const { url, init } = fetch.calls[0];
    assert.equal(url, "/simantap/api/v1/me/today");
    assert.equal(init.headers.Authorization, "Bearer tok");
    assert.equal(init.headers["Accept-Language"], "en");
  });
  it("raises the error model as an ApiError", async () => {
    const fetch = fakeFetch(401, { detail: { code: "device_revoked", message: "Ponsel ini tidak lagi terikat." } });
    const api = makeApi({ getToken: () => null, getLang: () => "id", fetchImpl: fetch.impl });
    const error = await api.get("/me").catch((e) => e);
    assert.ok(error instanceof ApiError);
    assert.deepEqual([error.status, error.code, error.message], [401, "device_revoked", "Ponsel ini tidak lagi terikat."]);
    assert.equal(fetch.calls[0].init.headers.Authorization, undefined);
  });
  it("reports no network as status 0", async () => {
    const api = makeApi({ getToken: () => null, getLang: () => "id", fetchImpl: async () => { throw new TypeError("Failed to fetch"); } });
    const error = await api.post("/auth/sign-in", {}).catch((e) => e);
    assert.deepEqual([error.status, error.code], [0, "network"]);
  });
  it("posts events to their routes and gives the raw reply with Retry-After", async () => {
    const fetch = fakeFetch(429, { detail: { code: "rate_limited" } }, { "Retry-After": "9" });
    const api = makeApi({ getToken: () => "tok", getLang: () => "id", fetchImpl: fetch.impl });
    const reply = await api.postEvent("spot_check_answer", { uuid: "u", spot_check_id: 12 });
    assert.deepEqual([reply.status, reply.retryAfter], [429, 9]);
    assert.equal(fetch.calls[0].url, "/simantap/api/v1/spot-checks/12/answer");
    assert.deepEqual(JSON.parse(fetch.calls[0].init.body), { uuid: "u" });
    await api.postEvent("check_in", { uuid: "u" });
    assert.equal(fetch.calls[1].url, "/simantap/api/v1/attendance/check-in");
    await api.sync([{ kind: "ping" }]);
    assert.deepEqual(JSON.parse(fetch.calls[2].init.body), { events: [{ kind: "ping" }] });
  });
  it("downloads a file as a Blob with the token, or raises the error model", async () => {
    const calls = [];
    const ok = async (url, init) => {
      calls.push({ url, init });
      return { status: 200, blob: async () => "PDF", text: async () => "" };
    };
    const api = makeApi({ getToken: () => "tok", getLang: () => "id", fetchImpl: ok });
    assert.equal(await api.blob("/me/month/card?month=2026-10"), "PDF");
    assert.equal(calls[0].url, "/simantap/api/v1/me/month/card?month=2026-10");
    assert.equal(calls[0].init.headers.Authorization, "Bearer tok");
    const refused = makeApi({ getToken: () => "tok", getLang: () => "id", fetchImpl: fakeFetch(422, { detail: { code: "invalid_request", message: "x" } }).impl });
    const error = await refused.blob("/me/month/card?month=2026-13").catch((e) => e);
    assert.deepEqual([error.status, error.code], [422, "invalid_request"]);
  });
});
