/**
 * The browser's ways out: `navigator` in a page (its `sendBeacon` and `onLine`, and the global `fetch`),
 * injected in tests to refuse, fail or record.
 */
export type SendTransport = {
  sendBeacon(url: string, data: Blob): boolean
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
const KEEPALIVE_MAX_BYTES = 64_000

/**
 * POSTs a JSON body as `text/plain` (a "simple" request: no CORS preflight; the relay parses it as JSON).
 * With `beacon` (a first send), `sendBeacon` first, since it survives the page unloading; when it is
 * missing, throws or refuses (queue full, body too big), `fetch` with keepalive under 64 KB. Without it (a
 * retry), `fetch` only, so that the relay's answer is seen and the event is kept until the relay takes it.
 * Offline (`onLine` false; true is not trusted, a dead network can say true), neither is tried. Never throws.
 * @example await send('/pairtrack/events', '{"event_name":"Lead"}', navigator) // 'beacon'
 */
export async function send(url: string, body: string, transport: SendTransport, beacon = true): Promise<SendResult> {
  if (transport.onLine === false) return 'failed'
  const blob = new Blob([body], { type: 'text/plain' })
  try {
    if (beacon && transport.sendBeacon(url, blob)) return 'beacon'
  } catch {
    // No sendBeacon (old browser, tests): fall back to fetch.
  }
  try {
    // The blob's type is the request's Content-Type: text/plain, as for the beacon.
    const { ok, status } = await (transport.fetch ?? fetch)(url, { method: 'POST', body: blob, keepalive: blob.size < KEEPALIVE_MAX_BYTES })
    return ok ? 'fetch' : /^4(?!08|29)\d\d$/.test(`${status}`) ? 'rejected' : 'failed'
  } catch {
    return 'failed'
  }
}
