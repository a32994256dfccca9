import type { OutboxEvent } from '../../outbox/outbox-event.js'
import type { DeliveryOutcome, HttpResponseSpec, NetworkFailure } from '../destination.js'
import { outcomeForEach, rejectEventAt } from '../outcome-for-each.js'
import { parseJsonObject } from '../parse-json-object.js'
import { toReasonText } from '../reason-text.js'
import { parseRetryAfterSeconds } from '../retry-after-seconds.js'

// Envelope codes as rudder-transformer reads them (platforms.md 3.5; UNCONFIRMED against TikTok's table).
const OK = 0
const PARTIAL_SUCCESS = 20001
const AUTH_FAILED = 40001
const INVALID_PARAMETER = 40002
const RATE_LIMITED = 40100
// 5xxxx codes are TikTok-side failures (the testkit answers 50000 for injected server errors).
const SERVER_ERROR_FROM = 50000

/** How long to wait before retrying after a token error (30 min), as for Meta: rotating the token recovers the queue. */
export const TOKEN_RETRY_DELAY_MS = 30 * 60 * 1000

// TikTok names the field of a refused event as data[<i>]…; the same index form is looked for in a partial
// success message (the format of a partial success answer is UNCONFIRMED).
const DATA_INDEXES = /\bdata\[(\d+)\]/g

type Envelope = { code: number; message: string; requestId?: string }

function readEnvelope(body: string): Envelope | undefined {
  const json = parseJsonObject(body)
  if (typeof json?.code !== 'number') return undefined
  return {
    code: json.code,
    message: typeof json.message === 'string' ? json.message : '',
    requestId: typeof json.request_id === 'string' ? json.request_id : undefined,
  }
}

function indexesIn(message: string, count: number): Set<number> {
  return new Set([...message.matchAll(DATA_INDEXES)].map((match) => Number(match[1])).filter((i) => i < count))
}

function describe(envelope: Envelope): string {
  const trace = envelope.requestId === undefined ? '' : ` request_id=${envelope.requestId}`
  return toReasonText(`${envelope.message} [code ${envelope.code}${trace}]`)
}

function classifyEnvelope(envelope: Envelope, response: HttpResponseSpec, events: readonly OutboxEvent[]): DeliveryOutcome[] {
  const detail = describe(envelope)
  const traceId = envelope.requestId === undefined ? {} : { traceId: envelope.requestId }
  if (envelope.code === OK) return outcomeForEach(events, { kind: 'delivered', ...traceId })
  if (envelope.code === PARTIAL_SUCCESS) {
    // Events the answer names failed for good; the rest were accepted. Without names all count as delivered.
    const failed = indexesIn(envelope.message, events.length)
    return events.map((event, i) =>
      failed.has(i)
        ? { eventId: event.eventId, kind: 'dead', reason: `invalid_event: ${detail}` }
        : { eventId: event.eventId, kind: 'delivered', ...traceId },
    )
  }
  if (envelope.code === RATE_LIMITED || response.status === 429) {
    const retryAfterMs = parseRetryAfterSeconds(response.headers)
    return outcomeForEach(events, { kind: 'retry', reason: `rate_limited: ${detail}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) })
  }
  if (envelope.code === AUTH_FAILED) {
    return outcomeForEach(events, { kind: 'retry', reason: `token_invalid: ${detail}`, retryAfterMs: TOKEN_RETRY_DELAY_MS })
  }
  if (envelope.code >= SERVER_ERROR_FROM || response.status >= 500) {
    return outcomeForEach(events, { kind: 'retry', reason: `server_error: ${detail}` })
  }
  // One bad event fails the whole batch (platforms.md 3.1): the named event is dead, the others retry.
  const [index] = envelope.code === INVALID_PARAMETER ? indexesIn(envelope.message, events.length) : []
  if (index !== undefined) return rejectEventAt(events, index, `invalid_event: ${detail}`)
  return outcomeForEach(events, { kind: 'dead', reason: `rejected: ${detail}` })
}

/**
 * TikTok's answer → one outcome per event (platforms.md 3.5). TikTok answers HTTP 200 for most logical
 * errors, so the envelope's `code` decides: 0 delivered (request_id as the trace id); 20001 partial
 * success (events named `data[i]` dead, the rest delivered); 40100 or HTTP 429 retried after Retry-After;
 * 40001 (token) retried after 30 minutes; 5xxxx or HTTP 5xx retried; 40002 naming `data[i]` kills event i
 * and retries the rest; anything else is dead. Without an envelope: 5xx/429 retry, other statuses dead.
 * @example classifyTiktokResponse({ kind: 'response', status: 200, headers: {}, body: '{"code":0}' }, events)[0]?.kind // 'delivered'
 */
export function classifyTiktokResponse(answer: HttpResponseSpec | NetworkFailure, events: readonly OutboxEvent[]): DeliveryOutcome[] {
  if (answer.kind === 'network_error') return outcomeForEach(events, { kind: 'retry', reason: `network_${answer.code}` })
  const envelope = readEnvelope(answer.body)
  if (envelope !== undefined) return classifyEnvelope(envelope, answer, events)
  const { status } = answer
  if (status === 429) {
    const retryAfterMs = parseRetryAfterSeconds(answer.headers)
    return outcomeForEach(events, { kind: 'retry', reason: 'rate_limited: http_429', ...(retryAfterMs === undefined ? {} : { retryAfterMs }) })
  }
  if (status >= 500) return outcomeForEach(events, { kind: 'retry', reason: `server_error: http_${status}` })
  // A 2xx without an envelope is not an acknowledgement TikTok gives; retry rather than claim delivery.
  if (status >= 200 && status < 300) return outcomeForEach(events, { kind: 'retry', reason: `unreadable_answer: http_${status}` })
  return outcomeForEach(events, { kind: 'dead', reason: `rejected: http_${status}` })
}
