// The offline queue and its retry rules: what is retried (network errors, 5xx, 429
// after Retry-After), what is answered for good (accepted, 4xx refusals), nothing
// lost, nothing sent as a second event (the UUID is kept).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  backoff,
  classify,
  deliver,
  KEEP_ANSWERED,
  memoryStore,
  pickBatch,
  Queue,
  RETRY_BASE_MS,
  RETRY_MAX_MS,
} from "../addons/simantap_mobile_api/static/app/js/queue.js";

let counter = 0;
function event(minutesAgo = 0, extra = {}) {
  counter += 1;
  return {
    uuid: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    captured_at: new Date(Date.UTC(2026, 2, 2, 1, 0) - minutesAgo * 60_000).toISOString(),
    latitude: -1.4745,
    longitude: 101.399,
    accuracy: 8,
    ...extra,
  };
}

/** A fake server for /sync: stores each UUID once, answers per event. */
function fakeServer({ refuse = () => null } = {}) {
  const stored = new Map();
  const calls = [];
  const replies = []; // queued replies that override the normal answer
  const send = async (events) => {
    calls.push(events.map((e) => e.uuid));
    const override = replies.shift();
    if (override instanceof Error) {
      throw override;
    }
    if (override) {
      return override;
    }
    const results = events.map((e) => {
      const code = refuse(e);
      const replayed = stored.has(e.uuid);
      if (!replayed) {
        stored.set(e.uuid, { ...e, status: code ? "refused" : "accepted" });
      }
      const first = stored.get(e.uuid);
      return { uuid: e.uuid, kind: e.kind, status: first.status, code: code || null, message: code ? `refused: ${code}` : "ok", replayed };
    });
    return { status: 200, body: { results } };
  };
  return { stored, calls, replies, send };
}

function makeQueue(server, options = {}) {
  let now = Date.UTC(2026, 2, 2, 2, 0);
  const clock = {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
  const store = memoryStore();
  const queue = new Queue({ store, send: server.send, now: clock.now, random: () => 1, ...options });
  return { queue, store, clock };
}

describe("classify", () => {
  it("retries what answered nothing", () => {
    assert.deepEqual(classify({ network: true }), { kind: "retry", reason: "network" });
    for (const status of [500, 502, 503, 504, 408]) {
      assert.equal(classify({ status }).kind, "retry", status);
    }
  });
  it("waits Retry-After on 429", () => {
    assert.deepEqual(classify({ status: 429, retryAfter: 7 }), { kind: "retry", reason: "rate_limited", afterMs: 7000 });
    const fromBody = classify({ status: 429, body: { detail: { code: "rate_limited", retry_after: 3 } } });
    assert.equal(fromBody.afterMs, 3000);
  });
  it("keeps the events of a signed-out phone", () => {
    assert.deepEqual(classify({ status: 401, body: { detail: { code: "device_revoked" } } }), { kind: "signed_out", reason: "device_revoked" });
  });
  it("splits a batch refused whole, and takes other 4xx as answers", () => {
    assert.equal(classify({ status: 413, body: { detail: { code: "batch_too_large" } } }).kind, "split");
    assert.equal(classify({ status: 422, body: { detail: { code: "invalid_request" } } }).kind, "split");
    assert.equal(classify({ status: 409, body: { detail: { code: "already_checked_in" } } }).kind, "refused");
    assert.equal(classify({ status: 404 }).kind, "refused");
    assert.equal(classify({ status: 200 }).kind, "answered");
  });
});

describe("backoff and batches", () => {
  it("doubles up to a cap", () => {
    const max = () => 1;
    assert.equal(backoff(1, max), RETRY_BASE_MS);
    assert.equal(backoff(2, max), 2 * RETRY_BASE_MS);
    assert.equal(backoff(30, max), RETRY_MAX_MS);
    assert.equal(backoff(1, () => 0), RETRY_BASE_MS / 2);
  });
  it("fills a batch up to its count and size, never empty", () => {
    const entries = [1, 2, 3].map(() => ({ event: { photo: "x".repeat(1000) } }));
    assert.equal(pickBatch(entries, 2, 1e9).length, 2);
    assert.equal(pickBatch(entries, 10, 2200).length, 2);
    assert.equal(pickBatch(entries, 10, 10).length, 1);
  });
});

describe("Queue", () => {
  it("keeps an event once per UUID and refuses one without UUID or capture time", async () => {
    const { queue } = makeQueue(fakeServer());
    const e = event();
    await queue.add("ping", e);
    await queue.add("ping", e);
    assert.equal((await queue.list()).length, 1);
    await assert.rejects(queue.add("ping", { captured_at: e.captured_at }));
    await assert.rejects(queue.add("ping", { uuid: "x" }));
    await assert.rejects(queue.add("teleport", event()));
  });

  it("sends everything waiting, oldest first, with sent_at, and keeps the answers", async () => {
    const server = fakeServer();
    const { queue } = makeQueue(server);
    const first = event(30, { photo: "AAAA" });
    await queue.add("ping", event(10));
    await queue.add("check_in", first);
    await queue.add("check_out", event(5, { photo: "BBBB" }));
    const report = await queue.flush();
    assert.equal(report.accepted, 3);
    assert.equal(server.calls.length, 1);
    assert.equal(server.calls[0][0], first.uuid);
    assert.ok([...server.stored.values()].every((e) => e.sent_at && e.kind));
    const entries = await queue.list();
    assert.deepEqual(entries.map((e) => e.state), ["accepted", "accepted", "accepted"]);
    assert.ok(entries.every((e) => e.event.photo === undefined), "photos are freed once answered");
    assert.equal((await queue.flush()).sent, 0, "nothing is sent twice");
  });

  it("keeps per-event refusals as answers and does not retry them", async () => {
    const server = fakeServer({ refuse: (e) => (e.accuracy > 100 ? "accuracy_too_poor" : null) });
    const { queue } = makeQueue(server);
    const bad = event(5, { accuracy: 500 });
    await queue.add("ping", event(6));
    await queue.add("ping", bad);
    const report = await queue.flush();
    assert.deepEqual([report.accepted, report.refused], [1, 1]);
    const refused = (await queue.list()).find((e) => e.uuid === bad.uuid);
    assert.equal(refused.state, "refused");
    assert.equal(refused.result.code, "accuracy_too_poor");
    assert.equal(refused.result.message, "refused: accuracy_too_poor");
    await queue.flush({ force: true });
    assert.equal(server.calls.length, 1);
  });

  it("retries after a network error, later, and then stores each event once", async () => {
    const server = fakeServer();
    const { queue, clock } = makeQueue(server);
    const events = [event(3), event(2), event(1)];
    for (const e of events) {
      await queue.add("ping", e);
    }
    server.replies.push(new Error("offline"));
    const report = await queue.flush();
    assert.equal(report.retry.reason, "network");
    let entries = await queue.list();
    assert.ok(entries.every((e) => e.state === "waiting" && e.attempts === 1 && e.last_error === "network"));
    // not yet due: nothing sent
    assert.equal((await queue.flush()).sent, 0);
    clock.advance(RETRY_BASE_MS);
    await queue.flush();
    entries = await queue.list();
    assert.ok(entries.every((e) => e.state === "accepted"));
    assert.equal(server.stored.size, 3);
    assert.deepEqual(server.calls[1].sort(), events.map((e) => e.uuid).sort(), "the same UUIDs are resent");
  });

  it("waits Retry-After on 429 and grows the delay on 5xx", async () => {
    const server = fakeServer();
    const { queue, clock } = makeQueue(server);
    await queue.add("ping", event());
    server.replies.push({ status: 429, retryAfter: 42, body: { detail: { code: "rate_limited", retry_after: 42 } } });
    await queue.flush();
    let [entry] = await queue.list();
    assert.equal(entry.next_try_at, clock.now() + 42_000);
    assert.equal(entry.last_error, "rate_limited");
    clock.advance(42_000);
    server.replies.push({ status: 503, body: null });
    await queue.flush();
    [entry] = await queue.list();
    assert.equal(entry.attempts, 2);
    assert.equal(entry.next_try_at, clock.now() + 2 * RETRY_BASE_MS);
    server.replies.push({ status: 500, body: { detail: { code: "internal_error" } } });
    await queue.flush({ force: true });
    [entry] = await queue.list();
    assert.equal(entry.state, "waiting");
    assert.equal(entry.next_try_at, clock.now() + 4 * RETRY_BASE_MS);
    await queue.flush({ force: true });
    [entry] = await queue.list();
    assert.equal(entry.state, "accepted");
  });

  it("a reply lost after the server stored the events: resent, answered as replayed, stored once", async () => {
    const server = fakeServer();
    const { queue } = makeQueue(server);
    await queue.add("check_in", event(2, { photo: "AAAA" }));
    await queue.add("ping", event(1));
    const realSend = server.send;
    let dropped = false;
    const queue2 = new Queue({
      store: queue.store,
      now: queue.now,
      random: () => 1,
      send: async (events) => {
        const reply = await realSend(events);
        if (!dropped) {
          dropped = true;
          throw new Error("connection reset"); // stored, but the answer never came
        }
        return reply;
      },
    });
    await queue2.flush();
    assert.equal(server.stored.size, 2);
    await queue2.flush({ force: true });
    const entries = await queue2.list();
    assert.ok(entries.every((e) => e.state === "accepted" && e.result.replayed === true));
    assert.equal(server.stored.size, 2);
  });

  it("keeps the events of a signed-out phone waiting, untouched", async () => {
    const server = fakeServer();
    const { queue } = makeQueue(server);
    await queue.add("ping", event());
    server.replies.push({ status: 401, body: { detail: { code: "token_invalid" } } });
    const report = await queue.flush();
    assert.equal(report.blocked, "token_invalid");
    const [entry] = await queue.list();
    assert.equal(entry.state, "waiting");
    assert.equal(entry.attempts, 0);
    await queue.flush();
    assert.equal(entry.state, "waiting");
    assert.equal((await queue.list())[0].state, "accepted");
  });

  it("splits a batch the server refuses whole until the bad event stands alone", async () => {
    const server = fakeServer();
    const bad = event(1, { latitude: "north" });
    const send = server.send;
    server.send = async (events) => {
      if (events.some((e) => e.uuid === bad.uuid)) {
        server.calls.push(events.map((e) => e.uuid));
        return { status: 422, body: { detail: { code: "invalid_request", message: "Some fields are missing or not valid." } } };
      }
      return send(events);
    };
    const { queue } = makeQueue(server);
    for (const e of [event(5), event(4), event(3), bad, event(0)]) {
      await queue.add("ping", e);
    }
    const report = await queue.flush();
    assert.equal(report.accepted, 4);
    assert.equal(report.refused, 1);
    const refused = (await queue.list()).find((e) => e.uuid === bad.uuid);
    assert.deepEqual([refused.state, refused.result.code], ["refused", "invalid_request"]);
    assert.equal(server.stored.size, 4);
  });

  it("halves its batches on 413 batch_too_large", async () => {
    const server = fakeServer();
    const send = server.send;
    server.send = async (events) => (events.length > 2 ? { status: 413, body: { detail: { code: "batch_too_large", limit: 2 } } } : send(events));
    const { queue } = makeQueue(server, { maxEvents: 8 });
    for (let i = 0; i < 7; i++) {
      await queue.add("ping", event(i));
    }
    const report = await queue.flush();
    assert.equal(report.accepted, 7);
    assert.equal(server.stored.size, 7);
  });

  it("leaves an event the reply does not mention waiting", async () => {
    const server = fakeServer();
    const { queue, clock } = makeQueue(server);
    const a = event(2);
    const b = event(1);
    await queue.add("ping", a);
    await queue.add("ping", b);
    server.replies.push({ status: 200, body: { results: [{ uuid: a.uuid, status: "accepted" }] } });
    await queue.flush();
    const byUuid = Object.fromEntries((await queue.list()).map((e) => [e.uuid, e.state]));
    assert.deepEqual(byUuid, { [a.uuid]: "accepted", [b.uuid]: "waiting" });
    clock.advance(RETRY_BASE_MS);
    await queue.flush();
    assert.equal((await queue.waiting()).length, 0);
    assert.deepEqual(server.calls.at(-1), [b.uuid], "only the unanswered one is resent");
  });

  it("one flush at a time: a second call joins the first", async () => {
    const server = fakeServer();
    const { queue } = makeQueue(server);
    await queue.add("ping", event());
    const [one, two] = await Promise.all([queue.flush(), queue.flush()]);
    assert.equal(one, two);
    assert.equal(server.calls.length, 1);
  });

  it("forgets old answers beyond its limit, never a waiting event", async () => {
    const server = fakeServer();
    const { queue, clock } = makeQueue(server);
    for (let i = 0; i < KEEP_ANSWERED + 5; i++) {
      await queue.add("ping", event(i));
      await queue.flush();
      clock.advance(1000);
    }
    server.replies.push(new Error("offline"));
    await queue.add("ping", event(0));
    await queue.flush();
    const entries = await queue.list();
    assert.equal(entries.filter((e) => e.state !== "waiting").length, KEEP_ANSWERED);
    assert.equal(entries.filter((e) => e.state === "waiting").length, 1);
  });
});

describe("deliver (online first, the queue as fallback)", () => {
  const post = (reply) => async () => {
    if (reply instanceof Error) {
      throw reply;
    }
    return reply;
  };

  it("shows an accepted event at once, queueing nothing", async () => {
    const { queue } = makeQueue(fakeServer());
    const outcome = await deliver({ kind: "check_in", event: event(), queue, post: post({ status: 200, body: { status: "accepted", verdict: "inside", distance: 0, location_name: "BKPSDM" } }) });
    assert.equal(outcome.outcome, "accepted");
    assert.equal(outcome.result.verdict, "inside");
    assert.equal((await queue.list()).length, 0);
  });

  it("shows the server's refusal, queueing nothing", async () => {
    const { queue } = makeQueue(fakeServer());
    const body = { detail: { code: "outside_geofence", message: "Anda di luar area kantor (6,1 km).", event: { status: "refused", code: "outside_geofence", message: "Anda di luar area kantor (6,1 km).", verdict: "outside", distance: 6100 } } };
    const outcome = await deliver({ kind: "check_in", event: event(), queue, post: post({ status: 422, body }) });
    assert.equal(outcome.outcome, "refused");
    assert.equal(outcome.result.code, "outside_geofence");
    assert.equal(outcome.result.distance, 6100);
    assert.equal((await queue.list()).length, 0);
  });

  it("queues the same event (same UUID) when the network or the server fails", async () => {
    for (const reply of [new Error("offline"), { status: 502 }, { status: 429, retryAfter: 5 }]) {
      const { queue } = makeQueue(fakeServer());
      const e = event(0, { photo: "AAAA" });
      const outcome = await deliver({ kind: "check_in", event: e, queue, post: post(reply) });
      assert.equal(outcome.outcome, "queued");
      const [entry] = await queue.list();
      assert.equal(entry.uuid, e.uuid);
      assert.equal(entry.captured_at, e.captured_at);
      assert.equal(entry.event.photo, "AAAA");
      assert.equal(entry.event.sent_at, undefined, "sent_at is set when it is sent");
    }
  });
});
