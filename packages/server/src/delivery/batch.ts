import type { Destination } from '../destinations/destination.js'
import type { OutboxRow } from '../outbox/outbox-store.js'

/** What grouping needs from a destination. */
export type BatchRules = Pick<Destination<unknown>, 'maxBatch' | 'batchKey'>

/**
 * Splits claimed rows into request-sized batches: rows sharing `batchKey` (all rows when it is absent)
 * in claim order, at most `maxBatch` per batch. Batches come out in order of their first row.
 * @example groupBatches(rows, { maxBatch: 25, batchKey: (e) => e.userData.ids.ga_client_id ?? '' })
 */
export function groupBatches(rows: readonly OutboxRow[], rules: BatchRules): OutboxRow[][] {
  const maxBatch = Math.max(1, Math.floor(rules.maxBatch))
  const open = new Map<string, OutboxRow[]>()
  const batches: OutboxRow[][] = []
  for (const row of rows) {
    const key = rules.batchKey?.(row.event) ?? ''
    let batch = open.get(key)
    if (batch === undefined || batch.length >= maxBatch) {
      batch = []
      open.set(key, batch)
      batches.push(batch)
    }
    batch.push(row)
  }
  return batches
}
