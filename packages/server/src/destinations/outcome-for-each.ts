import type { OutboxEvent } from '../outbox/outbox-event.js'
import type { DeliveryOutcome } from './destination.js'

type OutcomeOf<K extends DeliveryOutcome['kind']> = Omit<Extract<DeliveryOutcome, { kind: K }>, 'eventId'>

/** One outcome, without its event id. */
export type BatchOutcome = OutcomeOf<'delivered'> | OutcomeOf<'retry'> | OutcomeOf<'dead'>

/**
 * The same outcome for every event of a batch, in order.
 * @example outcomeForEach(events, { kind: 'retry', reason: 'network_timeout' })
 */
export function outcomeForEach(events: readonly OutboxEvent[], outcome: BatchOutcome): DeliveryOutcome[] {
  return events.map((event): DeliveryOutcome => ({ eventId: event.eventId, ...outcome }))
}

/**
 * A batch the platform refused because of one event: that event is dead, the others were not processed
 * and retry (Meta and TikTok reject a whole batch for one invalid event: platforms.md 1.2, 3.1).
 * @example rejectEventAt(events, 1, 'invalid_event: …') // [retry, dead, retry, …]
 */
export function rejectEventAt(events: readonly OutboxEvent[], index: number, deadReason: string): DeliveryOutcome[] {
  const culprit = events[index]?.eventId ?? ''
  const retryReason = `batch_rejected: event ${culprit} of the same request was invalid`
  return events.map((event, i) =>
    i === index
      ? { eventId: event.eventId, kind: 'dead', reason: deadReason }
      : { eventId: event.eventId, kind: 'retry', reason: retryReason },
  )
}
