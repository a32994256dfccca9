/**
 * The browser's ways out: `navigator` in a page (its `sendBeacon` and `onLine`, and the global `fetch`),
 * injected in tests to refuse, fail or record.
 */
export type SendTransport = {
  /** Missing in old browsers: `fetch` only. */
  sendBeacon?(url: string, data: string): boolean
  /** @default the global fetch */
  fetch?(url: string, init: RequestInit): Promise<{ ok: boolean; status: number }>
  /** False when the browser knows it is offline: nothing is tried, the send counts as failed. */
  onLine?: boolean
}

/**
 * How a send ended: `beacon` (queued by the browser: handed over, not known to be delivered), `fetch`
 * (accepted by the relay: 2xx), `rejected` (the relay refused the body with a 4xx: retrying cannot help)
 * or `failed` (offline, network error, 5xx, 408, 429, or an answer that is not a response: worth retrying).
 */
export type SendResult = 'beacon' | 'fetch' | 'rejected' | 'failed'

// Browsers cap keepalive bodies (all in flight together) at 64 KiB; above it fetch must go without keepalive.
// Counted in UTF-8 bytes: the size of a Blob of the string.
const KEEPALIVE_MAX_BYTES = 64_000

/**
 * POSTs a JSON body as a string, which both ways send as `text/plain;charset=UTF-8` (a "simple" request:
 * no CORS preflight; the relay parses it as JSON). A string, not a Blob: less code, and a fetch with a Blob
 * body cost ~2 ms more main-thread time per call in a Chromium bench.
 * By `fetch` with keepalive under 64 KB (it outlives the page too), so that the relay's answer is read:
 * a 5xx, 408, 429 or network error ends `failed`, and the caller keeps the event for a retry. With
 * `beacon` (the page is being hidden or left, when a fetch's answer may never be read), `sendBeacon`
 * first; a beacon the browser refuses (queue full, body too big) or lacks goes by `fetch`. (No fallback
 * for a browser without `fetch`: one that parses this script has it.) Offline (`onLine` false; true is
 * not trusted, a dead network can say true), nothing is tried. Never throws.
 * @example await send('/pairtrack/events', '{"event_name":"Lead"}', navigator) // 'fetch'
 */
export async function send(url: string, body: string, transport: SendTransport, beacon?: boolean): Promise<SendResult> {
  if (transport.onLine !== false)
    try {
      if (beacon && transport.sendBeacon?.(url, body)) return 'beacon'
      const { ok, status } = await (transport.fetch ?? fetch)(url, { method: 'POST', body, keepalive: new Blob([body]).size < KEEPALIVE_MAX_BYTES })
      return ok ? 'fetch' : /^4(?!08|29)/.test(`${status}`) ? 'rejected' : 'failed'
    } catch {
      // A network error, a throwing sendBeacon, or an answer that is not a response.
    }
  return 'failed'
}
