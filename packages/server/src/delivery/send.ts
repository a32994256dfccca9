import { Pool } from 'undici'
import type { HttpRequestSpec, HttpResponseSpec, NetworkFailure } from '../destinations/destination.js'
import { toNetworkFailure } from './network-failure.js'

/** Performs one described request. Never throws: a failure to get an answer is a NetworkFailure. */
export type Send = (spec: HttpRequestSpec) => Promise<HttpResponseSpec | NetworkFailure>

/** A Send that owns keep-alive connection pools; `close()` releases them. */
export type HttpSender = Send & { close(): Promise<void> }

export type HttpSenderOptions = {
  /** Whole-request budget: connect, headers and body. @default 10000 */
  timeoutMs?: number
  /** Keep-alive connections per origin. @default 16 */
  connectionsPerOrigin?: number
}

/** Platform answers are small JSON; anything bigger is not one of theirs. */
const MAX_RESPONSE_BYTES = 1024 * 1024

/**
 * The only place pairtrack performs HTTP (STYLE.md habit 5): one undici keep-alive Pool per origin, the
 * body read as text, header names lowercase. Errors come back as values, with `spec.secrets` redacted.
 * @example
 * const send = createHttpSender({ timeoutMs: 5000 })
 * const answer = await send({ method: 'POST', url, headers, body, secrets: [token] })
 * await send.close()
 */
export function createHttpSender(options: HttpSenderOptions = {}): HttpSender {
  const timeoutMs = options.timeoutMs ?? 10_000
  const pools = new Map<string, Pool>()
  let closed = false

  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin)
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: options.connectionsPerOrigin ?? 16,
        connect: { timeout: timeoutMs },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        maxResponseSize: MAX_RESPONSE_BYTES,
      })
      pools.set(origin, pool)
    }
    return pool
  }

  const send = async (spec: HttpRequestSpec): Promise<HttpResponseSpec | NetworkFailure> => {
    if (closed) return { kind: 'network_error', code: 'other', message: 'the HTTP sender is closed' }
    const controller = new AbortController()
    const timer = setTimeout(
      () => controller.abort(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' })),
      timeoutMs,
    )
    try {
      const url = new URL(spec.url)
      const answer = await poolFor(url.origin).request({
        method: spec.method,
        path: `${url.pathname}${url.search}`,
        headers: spec.headers,
        body: spec.body,
        signal: controller.signal,
      })
      const body = await answer.body.text()
      return { kind: 'response', status: answer.statusCode, headers: toHeaderRecord(answer.headers), body }
    } catch (error) {
      const failure = toNetworkFailure(error, spec.secrets)
      return controller.signal.aborted ? { ...failure, code: 'timeout' } : failure
    } finally {
      clearTimeout(timer)
    }
  }

  return Object.assign(send, {
    async close() {
      closed = true
      const all = [...pools.values()]
      pools.clear()
      await Promise.all(all.map((pool) => pool.destroy()))
    },
  })
}

function toHeaderRecord(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}
