import type { OutboxEvent } from '../../outbox/outbox-event.js'
import type { DeliveryOutcome, HttpResponseSpec, NetworkFailure } from '../destination.js'
import { outcomeForEach, rejectEventAt } from '../outcome-for-each.js'
import { parseJsonObject } from '../parse-json-object.js'
import { toReasonText } from '../reason-text.js'
import { parseRetryAfterSeconds } from '../retry-after-seconds.js'

// Graph error codes, as rudder-transformer classifies them (platforms.md 1.5; industry practice, not a Meta
// doc): transient server-side failures, and throttling.
const TRANSIENT_CODES = new Set([1, 2, 341, 368, 5000, 21009])
const THROTTLED_CODES = new Set([4, 17, 80003])
// 190 = invalid or expired access token. Rudder treats it as final, but then one expired token kills every
// queued event. pairtrack retries it slowly instead, so that rotating the token recovers the queue before the
// retry policy's attempts run out.
const TOKEN_CODE = 190
/** How long to wait before retrying after a token error (30 min). */
export const TOKEN_RETRY_DELAY_MS = 30 * 60 * 1000

// Meta names the offending event as $['data'][<i>] in the message (platforms.md 1.5).
const DATA_INDEX = /\$\['data'\]\[(\d+)\]/

type GraphError = { code?: number; subcode?: number; isTransient: boolean; message: string; fbtraceId?: string }

function readGraphError(body: string): GraphError | undefined {
  const error = parseJsonObject(body)?.error
  if (typeof error !== 'object' || error === null) return undefined
  const fields = error as Record<string, unknown>
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined)
  return {
    code: number(fields.code),
    subcode: number(fields.error_subcode),
    isTransient: fields.is_transient === true,
    message: typeof fields.message === 'string' ? fields.message : '',
    fbtraceId: typeof fields.fbtrace_id === 'string' ? fields.fbtrace_id : undefined,
  }
}

function describe(error: GraphError): string {
  const codes = error.subcode === undefined ? `${error.code}` : `${error.code}/${error.subcode}`
  const trace = error.fbtraceId === undefined ? '' : ` fbtrace_id=${error.fbtraceId}`
  return toReasonText(`${error.message} [code ${codes}${trace}]`)
}

function classifyError(response: HttpResponseSpec, events: readonly OutboxEvent[]): DeliveryOutcome[] {
  const error = readGraphError(response.body)
  const retryAfterMs = parseRetryAfterSeconds(response.headers)
  const code = error?.code
  const detail = error === undefined ? `http_${response.status}` : describe(error)
  if (response.status === 429 || (code !== undefined && THROTTLED_CODES.has(code))) {
    return outcomeForEach(events, { kind: 'retry', reason: `rate_limited: ${detail}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) })
  }
  if (code === TOKEN_CODE) {
    return outcomeForEach(events, { kind: 'retry', reason: `token_invalid: ${detail}`, retryAfterMs: TOKEN_RETRY_DELAY_MS })
  }
  if (response.status >= 500 || error?.isTransient === true || (code !== undefined && TRANSIENT_CODES.has(code))) {
    return outcomeForEach(events, { kind: 'retry', reason: `server_error: ${detail}` })
  }
  if (error === undefined) return outcomeForEach(events, { kind: 'dead', reason: detail })
  // One invalid event fails the whole request and nothing is processed (platforms.md 1.2): the named event
  // is dead, the others are retried (alone they go through).
  const index = Number(DATA_INDEX.exec(error.message)?.[1])
  if (Number.isInteger(index) && index < events.length) {
    return rejectEventAt(events, index, `invalid_event: ${detail}`)
  }
  return outcomeForEach(events, { kind: 'dead', reason: `rejected: ${detail}` })
}

/**
 * Meta's answer → one outcome per event (platforms.md 1.5): 2xx delivered with `fbtrace_id` as the trace
 * id; throttling (HTTP 429, codes 4/17/80003) retried after Retry-After; token errors (190) retried after
 * 30 minutes; 5xx, `is_transient` and codes 1/2/341/368/5000/21009 retried; a batch refused for event
 * `$['data'][i]` kills event i and retries the rest; any other error (code 100 / 2804xxx …) is dead.
 * @example classifyMetaResponse({ kind: 'network_error', code: 'timeout', message: '' }, events)[0]?.kind // 'retry'
 */
export function classifyMetaResponse(answer: HttpResponseSpec | NetworkFailure, events: readonly OutboxEvent[]): DeliveryOutcome[] {
  if (answer.kind === 'network_error') return outcomeForEach(events, { kind: 'retry', reason: `network_${answer.code}` })
  if (answer.status >= 200 && answer.status < 300) {
    const traceId = parseJsonObject(answer.body)?.fbtrace_id
    return outcomeForEach(events, { kind: 'delivered', ...(typeof traceId === 'string' ? { traceId } : {}) })
  }
  return classifyError(answer, events)
}
