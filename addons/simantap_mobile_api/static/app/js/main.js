// Simantap on the phone: the app's state, its screens (one module each under
// views/), the presence pings on the policy's cadence and the offline queue.

import { ApiError, makeApi } from "./api.js";
import { kv, queueStore } from "./db.js";
import { judgeFix, maxAccuracy, readFix } from "./geo.js";
import { getLang, setLang, t } from "./i18n.js";
import { ensureSubscribed, openedReports } from "./push.js";
import { deliver, Queue } from "./queue.js";
import { clockOffset, pingDue } from "./schedule.js";
import { h, mount, toast } from "./ui.js";
import * as daysView from "./views/days.js";
import * as dutyView from "./views/duty.js";
import * as faceView from "./views/face.js";
import * as homeView from "./views/home.js";
import * as captureView from "./views/capture.js";
import * as queueView from "./views/queue.js";
import * as signInView from "./views/signin.js";

export const APP_VERSION = "18.0.1.0.0";
const TICK_MS = 15_000;
const REFRESH_MS = 60_000;

/** A random UUID (v4), also where crypto.randomUUID is missing (plain http). */
export function newUuid() {
  if (globalThis.crypto?.randomUUID) {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const state = {
  token: null,
  deviceId: null,
  me: null,
  today: null,
  todayFetchedAt: 0,
  offset: 0, // server clock minus phone clock, ms
  lastVerdict: null,
  week: null,
  // the answer to the last ping sent on demand, shown on the home screen
  pingAnswer: null,
  lastPingTry: 0,
  updatedAt: null,
};

const api = makeApi({ getToken: () => state.token, getLang });
const queue = new Queue({ store: queueStore, send: (events) => api.sync(events) });
let cleanup = null;

const app = {
  api,
  kv,
  queue,
  state,
  t,
  newUuid,
  serverNow: () => Date.now() + state.offset,
  online: () => navigator.onLine !== false,
  go(hash) {
    if (location.hash === hash) {
      route();
    } else {
      location.hash = hash;
    }
  },
  rerender: () => route(),
  async signedIn(result) {
    state.token = result.access_token;
    state.me = { employee: result.employee, device: result.device };
    await kv.set("token", state.token);
    await kv.set("me", state.me);
    await app.refresh();
    app.flush();
    app.go("#/home");
    enablePush();
  },
  async signOut() {
    await disablePush();
    try {
      await api.post("/auth/sign-out");
    } catch {
      // offline or already invalid: the token is forgotten here all the same
    }
    await forgetToken();
    state.lastVerdict = null;
    await kv.delete("last_verdict");
    app.go("#/signin");
  },
  /** /me/today (and this week's codes); the last known ones when offline. */
  async refresh() {
    if (!state.token) {
      return;
    }
    try {
      const sentAt = Date.now();
      const today = await api.get("/me/today");
      state.offset = clockOffset(today.server_time, (sentAt + Date.now()) / 2);
      state.today = today;
      state.todayFetchedAt = Date.now();
      state.updatedAt = new Date().toISOString();
      await kv.set("today", { today, offset: state.offset, updatedAt: state.updatedAt });
    } catch (error) {
      handleError(error, { quiet: true });
      return;
    }
    try {
      state.week = await api.get(`/me/week?date=${state.today.working_day}`);
    } catch {
      state.week = null; // not on this server yet, or offline
    }
  },
  /** An event of the day: sent now, or queued when the network fails. */
  async sendEvent(kind, event) {
    const outcome = await deliver({ kind, event, post: api.postEvent, queue });
    const result = outcome.result;
    if (result?.verdict) {
      state.lastVerdict = { ...result, at: event.captured_at };
      await kv.set("last_verdict", state.lastVerdict);
    }
    if (outcome.body?.spot_check && state.today) {
      state.today.spot_check = outcome.body.spot_check;
    }
    if (outcome.outcome === "queued") {
      requestBackgroundSync();
      if (outcome.reason === "signed_out") {
        await forgetToken();
      }
    }
    if (state.today && (kind === "ping" || outcome.outcome === "queued")) {
      // until the server says otherwise: the next ping one interval from now
      const minutes = state.today.ping_interval_minutes || 60;
      state.today.next_ping_at = new Date(app.serverNow() + minutes * 60_000).toISOString();
    }
    if (outcome.outcome !== "queued") {
      await app.refresh();
    }
    updateBadges();
    return outcome;
  },
  async flush(options) {
    if (!state.token || !app.online()) {
      return null;
    }
    const report = await queue.flush(options);
    openedReports({ kv, api }).flush().catch(() => null);
    if (report.blocked === "token_invalid" || report.blocked === "device_revoked") {
      await forgetToken();
    }
    if (report.accepted || report.refused) {
      toast(t("flush_done", report), "ok");
      await app.refresh();
      if (["home", "queue"].includes(currentRoute().name)) {
        route();
      }
    }
    updateBadges();
    return report;
  },
  /** Is the person checked in, counting the events still waiting in the queue? */
  async checkedIn() {
    const waiting = (await queue.waiting()).filter((e) => e.kind === "check_in" || e.kind === "check_out");
    waiting.sort((a, b) => (a.captured_at < b.captured_at ? 1 : -1));
    if (waiting.length) {
      return { checkedIn: waiting[0].kind === "check_in", pending: true, since: waiting[0].captured_at };
    }
    return { checkedIn: Boolean(state.today?.checked_in), pending: false, since: state.today?.check_in };
  },
  handleError,
  updateBadges,
};

async function forgetToken() {
  state.token = null;
  await kv.delete("token");
}

function handleError(error, { quiet = false } = {}) {
  if (error instanceof ApiError && error.status === 401) {
    forgetToken().then(() => {
      toast(error.message || t("session_over"), "error");
      app.go("#/signin");
    });
    return;
  }
  if (!quiet) {
    toast(t("error_generic", { message: error?.message || String(error) }), "error");
  }
}

/** Web Push: ask for permission and post the subscription (after sign-in and at
 * each open, so that a rotated key is picked up).  Never blocks the app. */
async function enablePush() {
  try {
    const registration = await navigator.serviceWorker?.ready;
    const outcome = await ensureSubscribed({ api, registration, Notification: globalThis.Notification });
    document.documentElement.dataset.push = outcome;
  } catch (error) {
    document.documentElement.dataset.push = `failed: ${error?.message || error}`;
  }
}

async function disablePush() {
  try {
    const registration = await navigator.serviceWorker?.getRegistration?.("/simantap/app/");
    const subscription = await registration?.pushManager?.getSubscription();
    await subscription?.unsubscribe();
  } catch {
    // the server drops the subscription at sign-out all the same
  }
}

async function requestBackgroundSync() {
  try {
    const registration = await navigator.serviceWorker?.ready;
    await registration?.sync?.register("simantap-queue");
  } catch {
    // no Background Sync here: the queue is sent on the next open or "online"
  }
}

// ------------------------------------------------------------------ pings

let pingInFlight = null;

/** A ping now.  From the cadence it gives way to one already on its way; on demand
 * (the button) it waits for that one, then sends its own, and always answers:
 * `{outcome: accepted | refused | queued | gps_too_coarse | failed, result}`. */
async function sendPing({ onDemand = false } = {}) {
  if (pingInFlight) {
    if (!onDemand) {
      return null;
    }
    await pingInFlight;
  }
  pingInFlight = pingOnce();
  try {
    return await pingInFlight;
  } finally {
    pingInFlight = null;
  }
}

async function pingOnce() {
  state.lastPingTry = Date.now();
  try {
    // while the home screen watches the position, its last fix is the current one
    const fix = await readFix({ fromWatch: true });
    if (judgeFix(fix, maxAccuracy(state.today))) {
      return { outcome: "gps_too_coarse" }; // too coarse for the company
    }
    const event = { uuid: newUuid(), captured_at: new Date().toISOString(), ...fix };
    return await app.sendEvent("ping", event);
  } catch (error) {
    return { outcome: "failed", result: { message: error?.message || String(error) } };
  }
}
app.sendPing = sendPing;

async function tick() {
  if (!state.token) {
    return;
  }
  // first a ping if one is due by the server's clock (as last measured), then a
  // fresh /me/today when the last one is a minute old
  const { checkedIn } = await app.checkedIn();
  if (checkedIn && pingDue(state.today, app.serverNow()) && Date.now() - state.lastPingTry > 60_000) {
    await sendPing();
    if (currentRoute().name === "home") {
      route();
    }
  }
  if (app.online() && Date.now() - state.todayFetchedAt > REFRESH_MS) {
    await app.refresh();
    if (currentRoute().name === "home") {
      route();
    }
  }
}

// ------------------------------------------------------------------ screens

const ROUTES = [
  [/^#\/signin$/, "signin", signInView],
  [/^#\/home$/, "home", homeView],
  [/^#\/capture\/(check_in|check_out)$/, "capture", captureView],
  [/^#\/capture\/spot\/(\d+)$/, "capture", captureView, "spot_check_answer"],
  [/^#\/queue$/, "queue", queueView],
  [/^#\/face$/, "face", faceView],
  [/^#\/duty$/, "duty", dutyView],
  [/^#\/duty\/(new|\d+)$/, "duty", dutyView],
  [/^#\/days\/(week|month)(?:\/([\d-]+))?$/, "days", daysView],
  [/^#\/object\/(\d{4}-\d\d-\d\d)$/, "days", daysView, "object"],
  [/^#\/objections$/, "days", daysView, "objections"],
];

function currentRoute() {
  const hash = location.hash || "#/home";
  for (const [pattern, name, view, extra] of ROUTES) {
    const match = hash.match(pattern);
    if (match) {
      return { name, view, params: extra ? [extra, ...match.slice(1)] : match.slice(1) };
    }
  }
  return { name: "home", view: homeView, params: [] };
}

const TABS = [
  ["#/home", "tab_home", "home"],
  ["#/duty", "tab_duty", "duty"],
  ["#/days/week", "tab_days", "days"],
  ["#/queue", "tab_queue", "queue"],
];

function renderTabs(active) {
  const nav = document.getElementById("tabs");
  nav.hidden = !state.token;
  mount(
    nav,
    TABS.map(([hash, key, name]) =>
      h("a", { href: hash, class: name === active ? "tab active" : "tab", "aria-current": name === active ? "page" : null, id: `tab-${name}` }, t(key)),
    ),
  );
}

async function route() {
  const root = document.getElementById("view");
  let current = currentRoute();
  if (!state.token && current.name !== "signin") {
    location.replace("#/signin");
    current = currentRoute();
  }
  if (typeof cleanup === "function") {
    cleanup();
  }
  cleanup = null;
  renderTabs(current.name);
  document.documentElement.lang = getLang();
  try {
    cleanup = await current.view.render(app, root, current.params);
  } catch (error) {
    handleError(error);
  }
  updateBadges();
}

async function updateBadges() {
  const net = document.getElementById("net");
  const waiting = state.token ? (await queue.waiting()).length : 0;
  net.textContent = (app.online() ? t("online") : t("offline")) + (waiting ? ` · ${t("waiting_count", { n: waiting })}` : "");
  net.className = app.online() ? "net on" : "net off";
  net.dataset.waiting = String(waiting);
  const lang = document.getElementById("lang");
  lang.textContent = getLang() === "id" ? "EN" : "ID";
}

// ------------------------------------------------------------------ start

async function boot() {
  setLang((await kv.get("lang")) || (navigator.language?.toLowerCase().startsWith("en") ? "en" : "id"));
  state.deviceId = (await kv.get("device_id")) || localStorage.getItem("simantap_device_id");
  if (!state.deviceId) {
    state.deviceId = `web-${newUuid()}`;
  }
  await kv.set("device_id", state.deviceId);
  localStorage.setItem("simantap_device_id", state.deviceId);
  state.token = (await kv.get("token")) || null;
  state.me = (await kv.get("me")) || null;
  state.lastVerdict = (await kv.get("last_verdict")) || null;
  const cached = await kv.get("today");
  if (cached) {
    state.today = cached.today;
    state.offset = cached.offset || 0;
    state.updatedAt = cached.updatedAt;
  }

  document.getElementById("lang").addEventListener("click", async () => {
    setLang(getLang() === "id" ? "en" : "id");
    await kv.set("lang", getLang());
    await app.refresh(); // the server's messages in the new language
    route();
  });
  window.addEventListener("hashchange", route);
  window.addEventListener("online", () => {
    updateBadges();
    app.flush({ force: true });
  });
  window.addEventListener("offline", updateBadges);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") {
      app.flush();
      tick();
    }
  });
  navigator.serviceWorker?.addEventListener("message", (event) => {
    if (event.data?.type === "open" && typeof event.data.url === "string") {
      location.hash = new URL(event.data.url, location.href).hash || "#/home";
    }
    if (event.data?.type === "queue-flushed") {
      updateBadges();
      if (currentRoute().name === "queue" || currentRoute().name === "home") {
        route();
      }
    }
  });
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker
      .register("/simantap/app/sw.js", { scope: "/simantap/app/", type: "module" })
      .then(() => {
        document.documentElement.dataset.sw = "registered";
      })
      .catch((error) => {
        document.documentElement.dataset.sw = `failed: ${error}`;
      });
  }

  if (state.token && app.online()) {
    await app.refresh();
    enablePush();
  }
  await route();
  if (state.token) {
    app.flush({ force: true });
  }
  setInterval(() => {
    app.flush();
    tick();
  }, TICK_MS);
  document.documentElement.dataset.ready = "1";
}

boot();
