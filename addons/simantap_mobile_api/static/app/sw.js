// The service worker of the phone app (scope /simantap/app/): keeps the app's own
// files for offline use (network first, the cache when there is no network), and
// sends the offline queue on Background Sync where the browser has it.
// The API (/simantap/api/v1) is never cached: its answers are always fresh.
// Web Push: shows a push, opens the app on its screen when tapped (js/push.js).

import { makeApi } from "./js/api.js";
import { kv, queueStore } from "./js/db.js";
import { handleClick, handlePush, handleSubscriptionChange, openedReports } from "./js/push.js";
import { Queue } from "./js/queue.js";

const CACHE = "simantap-app-v7";
const SHELL = [
  "/simantap/app/",
  "/simantap/app/manifest.webmanifest",
  "/simantap/app/app.css",
  "/simantap/app/icons/icon-192.png",
  "/simantap/app/icons/icon-512.png",
  "/simantap/app/js/api.js",
  "/simantap/app/js/camera.js",
  "/simantap/app/js/db.js",
  "/simantap/app/js/face.js",
  "/simantap/app/js/geo.js",
  "/simantap/app/js/i18n.js",
  "/simantap/app/js/main.js",
  "/simantap/app/js/month.js",
  "/simantap/app/js/push.js",
  "/simantap/app/js/queue.js",
  "/simantap/app/js/schedule.js",
  "/simantap/app/js/ui.js",
  "/simantap/app/js/words.js",
  "/simantap/app/js/views/capture.js",
  "/simantap/app/js/views/days.js",
  "/simantap/app/js/views/duty.js",
  "/simantap/app/js/views/face.js",
  "/simantap/app/js/views/home.js",
  "/simantap/app/js/views/queue.js",
  "/simantap/app/js/views/signin.js",
];
const NETWORK_TIMEOUT_MS = 6000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: "no-cache" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  // every page of the app is the same page (the screens are #/hash routes)
  const key = request.mode === "navigate" ? "/simantap/app/" : request;
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok) {
      await cache.put(key, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match(key, { ignoreSearch: true });
    if (cached) {
      return cached;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname === "/simantap/app" || url.pathname.startsWith("/simantap/app/")) {
    event.respondWith(networkFirst(event.request));
  }
});

async function flushQueue() {
  const token = await kv.get("token");
  if (!token) {
    return;
  }
  const lang = (await kv.get("lang")) || "id";
  const api = makeApi({ getToken: () => token, getLang: () => lang });
  const queue = new Queue({ store: queueStore, send: (events) => api.sync(events) });
  const report = await queue.flush({ force: true });
  await openedReports({ kv, api }).flush();
  for (const client of await self.clients.matchAll()) {
    client.postMessage({ type: "queue-flushed", report });
  }
  if (report.retry) {
    throw new Error("events still waiting"); // the browser tries the sync again later
  }
}

self.addEventListener("sync", (event) => {
  if (event.tag === "simantap-queue") {
    event.waitUntil(flushQueue());
  }
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "flush") {
    event.waitUntil(flushQueue());
  }
});

async function workerApi() {
  const token = await kv.get("token");
  const lang = (await kv.get("lang")) || "id";
  return { api: makeApi({ getToken: () => token, getLang: () => lang }), lang, token };
}

self.addEventListener("push", (event) => {
  event.waitUntil(
    kv
      .get("lang")
      .catch(() => "id")
      .then((lang) => handlePush({ event, registration: self.registration, lang: lang || "id" })),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.waitUntil(
    handleClick({
      event,
      clients: self.clients,
      reportOpened: async (id) => {
        const { api, token } = await workerApi();
        if (token) {
          await openedReports({ kv, api }).report(id);
        }
      },
    }),
  );
});

self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(
    workerApi().then(({ api, token }) =>
      token ? handleSubscriptionChange({ event, registration: self.registration, api }) : null,
    ),
  );
});
