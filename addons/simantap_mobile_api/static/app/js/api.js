// The mobile API at /simantap/api/v1 (same origin): JSON in, JSON out, the bearer
// token of this phone, the person's language in Accept-Language.

export const API_BASE = "/simantap/api/v1";
export const EVENT_PATHS = {
  check_in: "/attendance/check-in",
  check_out: "/attendance/check-out",
  ping: "/pings",
};

export class ApiError extends Error {
  constructor(status, body) {
    const detail = body?.detail && typeof body.detail === "object" ? body.detail : {};
    super(detail.message || `HTTP ${status}`);
    this.status = status;
    this.code = detail.code || (status ? `http_${status}` : "network");
    this.detail = detail;
    this.body = body;
  }
}

/** getToken() and getLang() are read at each request (they change). */
export function makeApi({ getToken, getLang, fetchImpl = (...a) => fetch(...a), base = API_BASE, timeoutMs = 30_000 }) {
  /** The raw reply {status, retryAfter, body}; throws only when nothing came back. */
  async function raw(method, path, body) {
    const headers = { Accept: "application/json", "Accept-Language": getLang() || "id" };
    const token = await getToken();
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : null;
    try {
      const response = await fetchImpl(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller?.signal,
        cache: "no-store",
      });
      let parsed = null;
      const text = await response.text();
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = { detail: { code: "not_json", message: text.slice(0, 200) } };
        }
      }
      const retry = response.headers.get("Retry-After");
      return { status: response.status, retryAfter: retry === null ? undefined : Number(retry), body: parsed };
    } finally {
      if (timer) {
        clearTimeout(timer);
      }
    }
  }

  /** The body of a 2xx reply; else an ApiError (status 0: no network). */
  async function call(method, path, body) {
    let reply;
    try {
      reply = await raw(method, path, body);
    } catch (error) {
      throw new ApiError(0, { detail: { code: "network", message: String(error?.message || error) } });
    }
    if (reply.status < 200 || reply.status >= 300) {
      throw new ApiError(reply.status, reply.body);
    }
    return reply.body;
  }

  /** A file (e.g. the month's PDF card) as a Blob; else an ApiError. */
  async function blob(path) {
    const headers = { "Accept-Language": getLang() || "id" };
    const token = await getToken();
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    let response;
    try {
      response = await fetchImpl(base + path, { method: "GET", headers, cache: "no-store" });
    } catch (error) {
      throw new ApiError(0, { detail: { code: "network", message: String(error?.message || error) } });
    }
    if (response.status < 200 || response.status >= 300) {
      let parsed = null;
      try {
        parsed = JSON.parse(await response.text());
      } catch {
        parsed = null;
      }
      throw new ApiError(response.status, parsed);
    }
    return response.blob();
  }

  return {
    raw,
    blob,
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body ?? {}),
    /** POST an event to its own route (spot-check answers to theirs). */
    postEvent: (kind, event) => {
      if (kind === "spot_check_answer") {
        const { spot_check_id: id, ...rest } = event;
        return raw("POST", `/spot-checks/${id}/answer`, rest);
      }
      return raw("POST", EVENT_PATHS[kind], event);
    },
    sync: (events) => raw("POST", "/sync", { events }),
  };
}
