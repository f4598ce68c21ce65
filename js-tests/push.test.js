// The service worker's Web Push handlers (js/push.js): a push becomes a
// notification in the server's words with the app's icon and an action; a tap
// focuses the open app (or opens one) on the push's screen and reports it opened;
// a renewed subscription is posted again; the app subscribes after sign-in.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  base64UrlToBytes,
  ensureSubscribed,
  handleClick,
  handlePush,
  handleSubscriptionChange,
  ICON,
  notificationFor,
  openedReports,
} from "../addons/simantap_mobile_api/static/app/js/push.js";

const KEY = "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U";

function pushEvent(payload) {
  return { data: { json: () => payload, text: () => JSON.stringify(payload) } };
}

function fakeApi(replies = {}) {
  const calls = [];
  return {
    calls,
    get: async (path) => {
      calls.push(["GET", path]);
      return replies[path];
    },
    post: async (path, body) => {
      calls.push(["POST", path, body]);
      return {};
    },
    raw: async (method, path) => {
      calls.push([method, path]);
      const reply = replies[path];
      if (reply instanceof Error) {
        throw reply;
      }
      return reply || { status: 204 };
    },
  };
}

function memoryKv() {
  const map = new Map();
  return { get: async (k) => map.get(k), set: async (k, v) => map.set(k, v), map };
}

describe("push", () => {
  it("shows a spot check with the server's Indonesian text, the icon and an answer action", async () => {
    const shown = [];
    const registration = { showNotification: async (title, options) => shown.push({ title, options }) };
    await handlePush({
      event: pushEvent({
        id: 41,
        kind: "spot_check",
        title: "Cek mendadak: buktikan Anda sedang bekerja",
        body: "Buka Simantap dan jawab dalam 15 menit.",
        url: "/simantap/app/#/capture/spot/7",
        tag: "simantap-spot-check-7",
      }),
      registration,
      lang: "id",
    });
    assert.equal(shown.length, 1);
    const [{ title, options }] = shown;
    assert.equal(title, "Cek mendadak: buktikan Anda sedang bekerja");
    assert.equal(options.body, "Buka Simantap dan jawab dalam 15 menit.");
    assert.equal(options.icon, ICON);
    assert.equal(options.tag, "simantap-spot-check-7");
    assert.equal(options.requireInteraction, true);
    assert.deepEqual(options.actions, [{ action: "open", title: "Jawab sekarang" }]);
    assert.deepEqual(options.data, { id: 41, kind: "spot_check", url: "/simantap/app/#/capture/spot/7" });
  });

  it("never opens a screen outside the app, and survives a payload that is not JSON", async () => {
    const { options } = notificationFor({ kind: "month_review", url: "https://evil.example/" }, "id");
    assert.equal(options.data.url, "/simantap/app/#/home");
    assert.deepEqual(options.actions, [{ action: "open", title: "Buka" }]);
    const shown = [];
    await handlePush({
      event: { data: { json: () => JSON.parse("{oops"), text: () => "halo" } },
      registration: { showNotification: async (title, o) => shown.push({ title, o }) },
      lang: "id",
    });
    assert.equal(shown[0].title, "Simantap");
    assert.equal(shown[0].o.body, "halo");
  });
});

describe("notificationclick", () => {
  function clickEvent(data) {
    const notification = { data, closed: false, close() { this.closed = true; } };
    return { notification };
  }

  it("focuses the open app on the push's screen and reports it opened", async () => {
    const navigated = [];
    const client = {
      url: "https://absen.example.go.id/simantap/app/#/home",
      focus: async () => client,
      navigate: async (url) => navigated.push(url),
    };
    const opened = [];
    const clients = { matchAll: async () => [client], openWindow: async () => assert.fail("no new window") };
    const event = clickEvent({ id: 41, url: "/simantap/app/#/capture/spot/7" });
    await handleClick({ event, clients, reportOpened: async (id) => opened.push(id) });
    assert.equal(event.notification.closed, true);
    assert.deepEqual(navigated, ["/simantap/app/#/capture/spot/7"]);
    assert.deepEqual(opened, [41]);
  });

  it("opens the app when no window of it is open", async () => {
    const windows = [];
    const other = { url: "https://absen.example.go.id/web", focus: async () => assert.fail("not the app") };
    const clients = { matchAll: async () => [other], openWindow: async (url) => windows.push(url) };
    const opened = [];
    await handleClick({
      event: clickEvent({ id: 9, url: "/simantap/app/#/duty/3" }),
      clients,
      reportOpened: async (id) => opened.push(id),
    });
    assert.deepEqual(windows, ["/simantap/app/#/duty/3"]);
    assert.deepEqual(opened, [9]);
  });

  it("keeps an opened report made offline and sends it later", async () => {
    const kv = memoryKv();
    const api = fakeApi({ "/push/5/opened": new Error("offline") });
    const reports = openedReports({ kv, api });
    assert.deepEqual(await reports.report(5), [5]);
    api.raw = async (method, path) => {
      api.calls.push([method, path]);
      return { status: 204 };
    };
    assert.deepEqual(await reports.flush(), []);
    assert.deepEqual(api.calls.at(-1), ["POST", "/push/5/opened"]);
  });
});

describe("pushsubscriptionchange", () => {
  it("subscribes again with the company's key and posts the new subscription", async () => {
    const api = fakeApi({ "/push/key": { public_key: KEY, subscribed: false } });
    const subscribed = [];
    const fresh = { toJSON: () => ({ endpoint: "https://push.example/new", keys: { p256dh: "p", auth: "a" } }) };
    const registration = {
      pushManager: {
        subscribe: async (options) => {
          subscribed.push(options);
          return fresh;
        },
      },
    };
    await handleSubscriptionChange({ event: {}, registration, api });
    assert.equal(subscribed.length, 1);
    assert.equal(subscribed[0].userVisibleOnly, true);
    assert.deepEqual(subscribed[0].applicationServerKey, base64UrlToBytes(KEY));
    assert.equal(subscribed[0].applicationServerKey.length, 65);
    assert.deepEqual(api.calls.at(-1), ["POST", "/push/subscription", fresh.toJSON()]);
  });

  it("posts the browser's new subscription when the event carries one", async () => {
    const api = fakeApi({ "/push/key": { public_key: KEY, subscribed: false } });
    const given = { toJSON: () => ({ endpoint: "https://push.example/given", keys: {} }) };
    const registration = { pushManager: { subscribe: async () => assert.fail("not needed") } };
    await handleSubscriptionChange({ event: { newSubscription: given }, registration, api });
    assert.deepEqual(api.calls.at(-1), ["POST", "/push/subscription", given.toJSON()]);
  });
});

describe("subscribing after sign-in", () => {
  function browser({ permission = "default", answer = "granted", existing = null } = {}) {
    const asked = [];
    const made = [];
    const Notification = {
      permission,
      requestPermission: async () => {
        asked.push(true);
        return answer;
      },
    };
    const subscription = { toJSON: () => ({ endpoint: "https://push.example/x", keys: {} }) };
    const registration = {
      pushManager: {
        getSubscription: async () => existing,
        subscribe: async (options) => {
          made.push(options);
          return subscription;
        },
      },
    };
    return { asked, made, Notification, registration, subscription };
  }

  it("asks for permission and posts the subscription", async () => {
    const b = browser();
    const api = fakeApi({ "/push/key": { public_key: KEY, subscribed: false } });
    assert.equal(await ensureSubscribed({ api, registration: b.registration, Notification: b.Notification }), "subscribed");
    assert.equal(b.asked.length, 1);
    assert.equal(b.made.length, 1);
    assert.deepEqual(api.calls.at(-1), ["POST", "/push/subscription", b.subscription.toJSON()]);
  });

  it("does nothing more when permission is refused", async () => {
    const b = browser({ answer: "denied" });
    const api = fakeApi();
    assert.equal(await ensureSubscribed({ api, registration: b.registration, Notification: b.Notification }), "denied");
    assert.deepEqual(api.calls, []);
  });

  it("replaces a subscription made with a rotated key", async () => {
    let dropped = false;
    const old = { unsubscribe: async () => (dropped = true) };
    const b = browser({ permission: "granted", existing: old });
    const api = fakeApi({ "/push/key": { public_key: KEY, subscribed: false } });
    await ensureSubscribed({ api, registration: b.registration, Notification: b.Notification });
    assert.equal(dropped, true);
    assert.equal(b.made.length, 1);
  });

  it("keeps a subscription the server already holds", async () => {
    const b = browser({ permission: "granted", existing: { unsubscribe: async () => assert.fail() } });
    const api = fakeApi({ "/push/key": { public_key: KEY, subscribed: true } });
    assert.equal(await ensureSubscribed({ api, registration: b.registration, Notification: b.Notification }), "subscribed");
    assert.equal(b.made.length, 0);
  });
});
