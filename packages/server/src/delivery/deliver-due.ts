import type { OutboxRow } from '../outbox/outbox-store.js'
import { groupBatches } from './batch.js'
import { deliverBatch, type BatchResult } from './deliver-batch.js'
import type { DeliveryContext, DeliveryTarget } from './delivery-context.js'

/** What one pass did: rows claimed, batches sent, how many of those found the destination down. */
export type PassResult = { claimed: number; batches: number; failedBatches: number; retryAfterMs?: number }

/** Rows one pass claims: enough for `concurrency` full batches. */
export const claimLimitOf = (context: DeliveryContext, target: DeliveryTarget): number =>
  Math.max(1, target.destination.maxBatch) * context.concurrency

/**
 * One delivery pass for one destination: claim due rows, send rows older than the destination's
 * `maxEventAgeMs` straight to dead ('too_old'), group the rest into batches and deliver them,
 * `concurrency` requests at a time.
 * @example const pass = await deliverDue(context, { destination: meta, config })
 */
export async function deliverDue(context: DeliveryContext, target: DeliveryTarget): Promise<PassResult> {
  const { destination } = target
  const now = context.clock.now()
  const rows = await context.store.claimDue(destination.id, now, claimLimitOf(context, target), context.leaseMs)
  const fresh: OutboxRow[] = []
  for (const row of rows) {
    const ageMs = now - row.event.eventTime * 1000
    if (destination.maxEventAgeMs === undefined || ageMs <= destination.maxEventAgeMs) {
      fresh.push(row)
      continue
    }
    await context.store.markDead(row.id, 'too_old', now)
    context.onOutcome?.({
      destination: destination.id,
      eventName: row.eventName,
      eventId: row.eventId,
      kind: 'dead',
      reason: 'too_old',
      attempts: row.attempts,
      latencyMs: now - row.event.receivedAtMs,
    })
  }
  if (rows.length > fresh.length) {
    context.logger.warn({ destination: destination.id, events: rows.length - fresh.length }, 'events too old to send went dead')
  }
  const results = await mapConcurrently(groupBatches(fresh, destination), context.concurrency, (batch) =>
    deliverBatch(context, target, batch),
  )
  return summarize(rows.length, results)
}

function summarize(claimed: number, results: readonly BatchResult[]): PassResult {
  const asked = results.flatMap((r) => (r.retryAfterMs === undefined ? [] : [r.retryAfterMs]))
  const pass = { claimed, batches: results.length, failedBatches: results.filter((r) => r.failed).length }
  return asked.length === 0 ? pass : { ...pass, retryAfterMs: Math.max(...asked) }
}

async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const runner = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, runner))
  return results
}
