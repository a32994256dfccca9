import type { OutboxEvent } from '../../outbox/outbox-event.js'
import type { DeliveryOutcome, HttpResponseSpec, NetworkFailure } from '../destination.js'
import { outcomeForEach } from '../outcome-for-each.js'
import { parseRetryAfterSeconds } from '../retry-after-seconds.js'

/**
 * GA4's answer → one outcome per event. The Measurement Protocol answers 2xx whenever the request arrives,
 * even for a payload it drops, and Google says not to retry a non-2xx but to fix the request
 * (platforms.md 2.1, 11.6). So 2xx is delivered (only the testkit or /debug/mp/collect can tell more),
 * 429, 5xx and network failures are retried (they are not answers about the payload), and any other
 * status is dead. Response bodies are not copied into reasons: they carry nothing useful.
 * @example classifyGa4Response({ kind: 'response', status: 204, headers: {}, body: '' }, events)[0]?.kind // 'delivered'
 */
export function classifyGa4Response(answer: HttpResponseSpec | NetworkFailure, events: readonly OutboxEvent[]): DeliveryOutcome[] {
  if (answer.kind === 'network_error') return outcomeForEach(events, { kind: 'retry', reason: `network_${answer.code}` })
  const { status } = answer
  if (status >= 200 && status < 300) return outcomeForEach(events, { kind: 'delivered' })
  if (status === 429) {
    const retryAfterMs = parseRetryAfterSeconds(answer.headers)
    return outcomeForEach(events, { kind: 'retry', reason: 'rate_limited: http_429', ...(retryAfterMs === undefined ? {} : { retryAfterMs }) })
  }
  if (status >= 500) return outcomeForEach(events, { kind: 'retry', reason: `server_error: http_${status}` })
  return outcomeForEach(events, { kind: 'dead', reason: `rejected: http_${status}` })
}
