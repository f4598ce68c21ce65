// The offline queue: events captured on the phone wait here (IndexedDB in the app,
// memory in the tests) until the server has answered each one.
//
// Rules (pure: no browser API here; storage, sending and the clock are injected):
// - every event keeps the UUID and capture time it was made with, so a resend is
//   the same event and the server stores it once (it answers "replayed");
// - an event leaves the "waiting" state only when the server answered it:
//   accepted, or refused for a reason of its own (a 4xx, or a refused result in a
//   /sync batch); the answer is kept for the person to read;
// - a network error, a 5xx, a 408 or a 429 answers nothing: the events wait and
//   are retried later (429: after Retry-After; otherwise with a growing delay);
// - 401 (signed out, phone revoked) answers nothing either: the events wait for a
//   new sign-in;
// - a batch the server refuses whole (413 too large, 400/422) is split, down to
//   single events, so that one bad event never blocks the others.

export const KINDS = ["check_in", "check_out", "ping", "spot_check_answer"];
export const RETRY_BASE_MS = 15_000;
export const RETRY_MAX_MS = 15 * 60_000;
export const KEEP_ANSWERED = 50;

/** What a reply means for the events it carried.
 * reply: {network: true} when nothing came back, else {status, retryAfter, body}. */
export function classify(reply) {
  if (!reply || reply.network) {
    return { kind: "retry", reason: "network" };
  }
  const { status } = reply;
  if (status >= 200 && status < 300) {
    return { kind: "answered" };
  }
  if (status === 429) {
    const seconds = Number(reply.retryAfter ?? reply.body?.detail?.retry_after);
    return {
      kind: "retry",
      reason: "rate_limited",
      afterMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined,
    };
  }
  if (status >= 500 || status === 408 || status === 0) {
    return { kind: "retry", reason: "server" };
  }
  if (status === 401) {
    return { kind: "signed_out", reason: reply.body?.detail?.code || "signed_out" };
  }
  if (status === 413 || status === 400 || status === 422) {
    return { kind: "split", reason: reply.body?.detail?.code || "refused" };
  }
  return { kind: "refused", reason: reply.body?.detail?.code || "refused" };
}

/** The delay before the n-th retry (n >= 1): doubling, capped, with jitter. */
export function backoff(attempts, random = Math.random) {
  const exp = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.5 + random() / 2));
}

/** The size of an event in a request body, roughly (its JSON length). */
export function eventBytes(entry) {
  return JSON.stringify(entry.event).length + 64;
}

/** The first entries that fit in one batch of at most maxEvents and maxBytes
 * (always at least one, so that a single large event still goes). */
export function pickBatch(entries, maxEvents, maxBytes) {
  const batch = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = eventBytes(entry);
    if (batch.length && (batch.length >= maxEvents || bytes + size > maxBytes)) {
      break;
    }
    batch.push(entry);
    bytes += size;
  }
  return batch;
}

/** What the person needs of an answer (never the photo). */
export function summarize(result) {
  if (!result) {
    return null;
  }
  const keep = [
    "status", "code", "message", "verdict", "distance", "location_name",
    "replayed", "event_time", "kind", "state", "signals",
  ];
  return Object.fromEntries(keep.filter((k) => result[k] !== undefined).map((k) => [k, result[k]]));
}

/** The answer a refusal of the error model gives one event. */
export function refusalOf(body, status) {
  const detail = body?.detail || {};
  if (detail.event) {
    return summarize({ ...detail.event, status: "refused" });
  }
  return {
    status: "refused",
    code: detail.code || `http_${status}`,
    message: detail.message || "",
  };
}

export class Queue {
  /**
   * store: {all(): Promise<entry[]>, put(entry): Promise, delete(uuid): Promise}
   * send(events): Promise<{status, retryAfter, body}> (POST /sync); throws when
   *   the network fails.
   */
  constructor({ store, send, now = Date.now, random = Math.random, maxEvents = 20, maxBytes = 2_500_000 }) {
    this.store = store;
    this.send = send;
    this.now = now;
    this.random = random;
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
    this.running = null;
  }

  /** Queue an event (same UUID again: the entry already there, unchanged). */
  async add(kind, event) {
    if (!KINDS.includes(kind)) {
      throw new Error(`unknown event kind ${kind}`);
    }
    if (!event?.uuid || !event.captured_at) {
      throw new Error("an event needs its uuid and captured_at");
    }
    const existing = (await this.store.all()).find((e) => e.uuid === event.uuid);
    if (existing) {
      return existing;
    }
    const entry = {
      uuid: event.uuid,
      kind,
      event: { ...event, kind },
      captured_at: event.captured_at,
      queued_at: new Date(this.now()).toISOString(),
      state: "waiting",
      attempts: 0,
      next_try_at: 0,
      last_error: null,
      result: null,
    };
    await this.store.put(entry);
    return entry;
  }

  async list() {
    const entries = await this.store.all();
    return entries.sort((a, b) => (a.captured_at < b.captured_at ? 1 : -1));
  }

  async waiting() {
    return (await this.store.all()).filter((e) => e.state === "waiting");
  }

  /** Send what is due; one flush at a time (a second call joins the first).
   * force: also the entries whose retry time has not come yet. */
  flush({ force = false } = {}) {
    if (!this.running) {
      this.running = this._flush(force).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  async _flush(force) {
    const report = { sent: 0, accepted: 0, refused: 0, retry: null, blocked: null };
    let size = this.maxEvents;
    for (let round = 0; round < 1000; round++) {
      const now = this.now();
      const due = (await this.store.all())
        .filter((e) => e.state === "waiting" && (force || !e.next_try_at || e.next_try_at <= now))
        .sort((a, b) => (a.captured_at < b.captured_at ? -1 : a.captured_at > b.captured_at ? 1 : 0));
      if (!due.length) {
        break;
      }
      const batch = pickBatch(due, size, this.maxBytes);
      const sentAt = new Date(now).toISOString();
      let reply;
      try {
        reply = await this.send(batch.map((e) => ({ ...e.event, sent_at: sentAt })));
      } catch {
        reply = { network: true };
      }
      report.sent += batch.length;
      const verdict = classify(reply);
      if (verdict.kind === "answered") {
        const unanswered = await this._answered(batch, reply.body, report);
        if (unanswered.length) {
          // the reply did not answer them: a server fault, tried again later
          await this._later(unanswered, { reason: "server" }, report);
          break;
        }
      } else if (verdict.kind === "retry") {
        await this._later(batch, verdict, report);
        break;
      } else if (verdict.kind === "signed_out") {
        for (const entry of batch) {
          entry.last_error = verdict.reason;
          await this.store.put(entry);
        }
        report.blocked = verdict.reason;
        break;
      } else if (verdict.kind === "split" && batch.length > 1) {
        size = Math.max(1, Math.floor(batch.length / 2));
      } else {
        // a refusal of this one event (4xx): final, the reason kept
        const [entry] = batch;
        entry.state = "refused";
        entry.result = refusalOf(reply.body, reply.status);
        entry.answered_at = new Date(this.now()).toISOString();
        delete entry.event.photo;
        delete entry.event.second_photo;
        await this.store.put(entry);
        report.refused += 1;
      }
    }
    await this.prune();
    return report;
  }

  async _answered(batch, body, report) {
    const results = Array.isArray(body?.results) ? body.results : [];
    const unanswered = [];
    for (const [index, entry] of batch.entries()) {
      const result = results.find((r) => r && r.uuid === entry.uuid) || (results[index]?.uuid == null ? results[index] : null);
      if (!result || !["accepted", "refused"].includes(result.status)) {
        unanswered.push(entry);
        continue;
      }
      entry.state = result.status;
      entry.result = summarize(result);
      entry.answered_at = new Date(this.now()).toISOString();
      entry.last_error = null;
      delete entry.event.photo; // stored on the server now: free the phone
      delete entry.event.second_photo;
      await this.store.put(entry);
      report[result.status] += 1;
    }
    return unanswered;
  }

  async _later(batch, verdict, report) {
    let when = 0;
    for (const entry of batch) {
      entry.attempts += 1;
      const delay = verdict.afterMs ?? backoff(entry.attempts, this.random);
      entry.next_try_at = this.now() + delay;
      entry.last_error = verdict.reason;
      when = Math.max(when, entry.next_try_at);
      await this.store.put(entry);
    }
    report.retry = { reason: verdict.reason, at: when };
  }

  /** Forget the oldest answered entries beyond KEEP_ANSWERED; never a waiting one. */
  async prune() {
    const answered = (await this.store.all())
      .filter((e) => e.state !== "waiting")
      .sort((a, b) => ((a.answered_at || "") < (b.answered_at || "") ? 1 : -1));
    for (const entry of answered.slice(KEEP_ANSWERED)) {
      await this.store.delete(entry.uuid);
    }
  }
}

/** A store in memory (the tests; a fallback where IndexedDB is missing). */
export function memoryStore() {
  const rows = new Map();
  const copy = (value) => JSON.parse(JSON.stringify(value));
  return {
    rows,
    async all() {
      return [...rows.values()].map(copy);
    },
    async put(entry) {
      rows.set(entry.uuid, copy(entry));
    },
    async delete(uuid) {
      rows.delete(uuid);
    },
  };
}

/** Send one event at once (online), falling back to the queue.
 * post(kind, event) -> {status, retryAfter, body} or throws on a network error.
 * Returns {outcome: "accepted"|"refused"|"queued", result?, entry?, reason?}. */
export async function deliver({ kind, event, post, queue, now = Date.now }) {
  let reply;
  try {
    reply = await post(kind, { ...event, sent_at: new Date(now()).toISOString() });
  } catch {
    reply = { network: true };
  }
  const verdict = classify(reply);
  if (verdict.kind === "answered") {
    return { outcome: "accepted", result: summarize({ ...reply.body, status: "accepted" }), body: reply.body };
  }
  if (verdict.kind === "refused" || verdict.kind === "split") {
    return { outcome: "refused", result: refusalOf(reply.body, reply.status), body: reply.body };
  }
  const entry = await queue.add(kind, event);
  return { outcome: "queued", entry, reason: verdict.reason };
}
