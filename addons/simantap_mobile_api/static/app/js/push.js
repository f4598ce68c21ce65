// Web Push on the phone: subscribe after sign-in (the company's VAPID key from
// GET /push/key), and the service worker's handlers: show a push, open the app on
// the right screen when it is tapped (and tell the server), subscribe again when
// the browser renews the subscription.  Every handler takes what it needs as
// arguments, so that Node's test runner drives it without a browser.

export const APP_SCOPE = "/simantap/app/";
export const ICON = "/simantap/app/icons/icon-192.png";
const OPENED_KEY = "push_opened";
const WORDS = {
  id: { open: "Buka", answer: "Jawab sekarang", title: "Simantap" },
  en: { open: "Open", answer: "Answer now", title: "Simantap" },
};

/** The bytes of a base64url text (the VAPID key for applicationServerKey). */
export function base64UrlToBytes(text) {
  const base64 = (text + "=".repeat((4 - (text.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** A screen of the app only: a push never opens another site. */
export function safeUrl(url) {
  return typeof url === "string" && url.startsWith(APP_SCOPE) ? url : `${APP_SCOPE}#/home`;
}

/** `{title, options}` of the notification for a push's JSON payload. */
export function notificationFor(payload, lang = "id") {
  const words = WORDS[lang] || WORDS.id;
  const data = payload && typeof payload === "object" ? payload : {};
  const spotCheck = data.kind === "spot_check";
  return {
    title: String(data.title || words.title),
    options: {
      body: String(data.body || ""),
      icon: ICON,
      badge: ICON,
      tag: String(data.tag || "simantap"),
      renotify: true,
      requireInteraction: spotCheck,
      vibrate: spotCheck ? [300, 100, 300] : undefined,
      data: { id: Number(data.id) || null, kind: data.kind || null, url: safeUrl(data.url) },
      actions: [{ action: "open", title: spotCheck ? words.answer : words.open }],
    },
  };
}

/** The `push` event: show the notification. */
export async function handlePush({ event, registration, lang }) {
  let payload = {};
  try {
    payload = event.data ? event.data.json() : {};
  } catch {
    payload = { body: event.data?.text?.() || "" };
  }
  const { title, options } = notificationFor(payload, lang);
  await registration.showNotification(title, options);
  return { title, options };
}

/** The `notificationclick` event: focus an open window of the app on the
 * notification's screen, else open one; then report the push as opened. */
export async function handleClick({ event, clients, reportOpened }) {
  const notification = event.notification;
  notification.close();
  const { id, url } = notification.data || {};
  const target = safeUrl(url);
  const windows = await clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).pathname.startsWith(APP_SCOPE));
  if (open) {
    const focused = (await open.focus?.()) || open;
    if (focused.navigate) {
      await focused.navigate(target);
    } else {
      focused.postMessage?.({ type: "open", url: target });
    }
  } else {
    await clients.openWindow(target);
  }
  if (id) {
    await reportOpened(id);
  }
  return target;
}

/** The `pushsubscriptionchange` event: subscribe again with the company's key and
 * post the new subscription. */
export async function handleSubscriptionChange({ event, registration, api }) {
  const { public_key: key } = await api.get("/push/key");
  const subscription =
    event.newSubscription ||
    (await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: base64UrlToBytes(key),
    }));
  await api.post("/push/subscription", subscription.toJSON());
  return subscription;
}

/** After sign-in (and at each open): ask for permission once, then make sure
 * the server holds a subscription made with the current key (after a key
 * rotation the old one is replaced).  Returns what happened. */
export async function ensureSubscribed({ api, registration, Notification: N }) {
  if (!registration?.pushManager || !N) {
    return "unsupported";
  }
  let permission = N.permission;
  if (permission === "default") {
    permission = await N.requestPermission();
  }
  if (permission !== "granted") {
    return permission;
  }
  const { public_key: key, subscribed } = await api.get("/push/key");
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && subscribed) {
    return "subscribed";
  }
  if (subscription) {
    await subscription.unsubscribe(); // made with an older key
  }
  subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: base64UrlToBytes(key),
  });
  await api.post("/push/subscription", subscription.toJSON());
  return "subscribed";
}

/** "Opened" reports that could not be sent yet (offline): kept in the kv store
 * and sent with the offline queue. */
export function openedReports({ kv, api }) {
  async function pending() {
    return (await kv.get(OPENED_KEY)) || [];
  }
  async function flush() {
    const left = [];
    for (const id of await pending()) {
      const reply = await api.raw("POST", `/push/${id}/opened`).catch(() => null);
      // a network failure or a server error is tried again; any answer else is final
      if (!reply || reply.status >= 500 || reply.status === 429) {
        left.push(id);
      }
    }
    await kv.set(OPENED_KEY, left);
    return left;
  }
  async function report(id) {
    const ids = await pending();
    if (!ids.includes(id)) {
      await kv.set(OPENED_KEY, [...ids, id]);
    }
    return flush();
  }
  return { pending, flush, report };
}
