import type { OutboxEvent } from '../../outbox/outbox-event.js'

// FNV-1a, 32 bits: deterministic, no randomness (STYLE.md habit 7) and no crypto needed for an id that
// only has to be stable and well spread.
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/**
 * The GA4 `client_id` of an event: the browser's (`_ga` cookie, read by the relay), else one derived from
 * the event id. GA4 requires "two positive numbers joined by a period" (platforms.md 2.2, 11.7) and a
 * server-only event has no cookie; the derived id mirrors `_ga`'s `<random>.<first seen seconds>` with the
 * random half replaced by a hash of the event id, so a retry of the same event keeps the same id. Such an
 * event counts as a new user in GA4: there is no browser session to join it to.
 * @example toGa4ClientId({ eventId: 'e1', eventTime: 1700000000, userData: { ids: {} } } as OutboxEvent) // '<hash>.1700000000'
 */
export function toGa4ClientId(event: OutboxEvent): string {
  const cookie = event.userData.ids.ga_client_id
  if (cookie !== undefined && cookie !== '') return cookie
  return `${fnv1a32(event.eventId) || 1}.${event.eventTime}`
}
