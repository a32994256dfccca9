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
  for (const row of rows) context.claims.add(row.id)
  const fresh: OutboxRow[] = []
  const tooOld: OutboxRow[] = []
  for (const row of rows) {
    const ageMs = now - row.event.eventTime * 1000
    if (destination.maxEventAgeMs === undefined || ageMs <= destination.maxEventAgeMs) fresh.push(row)
    else tooOld.push(row)
  }
  if (tooOld.length > 0) {
    await context.store.recordOutcomes(tooOld.map((row) => ({ id: row.id, kind: 'dead', reason: 'too_old' })), now)
    for (const row of tooOld) {
      context.claims.delete(row.id)
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
  }
  if (rows.length > fresh.length) {
    context.logger.warn({ destination: destination.id, events: rows.length - fresh.length }, 'events too old to send went dead')
  }
  // Once stopping, batches not yet started stay claimed and stop() hands them back to the store.
  const results = await mapConcurrently(groupBatches(fresh, destination), context.concurrency, (batch) =>
    context.isStopping() ? Promise.resolve({ failed: false }) : deliverBatch(context, target, batch),
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
