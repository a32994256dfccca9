import type { OutboxEvent } from '../../outbox/outbox-event.js'
import { toGa4Envelope } from './request.js'

/**
 * Events may share a Measurement Protocol request only if they share its request-level fields: the
 * client id first (an MP request belongs to one client), then user data, consent, IP and user agent,
 * which are request-level too (platforms.md 2.2). The key holds hashes and identifiers, never raw PII.
 * @example toGa4BatchKey(event).startsWith('1197596843.1673515099 ') // true
 */
export function toGa4BatchKey(event: OutboxEvent): string {
  const { client_id: clientId, ...rest } = toGa4Envelope(event)
  return `${String(clientId)} ${JSON.stringify(rest)}`
}
