import { describe, expect, it } from 'vitest'
import { outboxEventFor } from '../outbox/outbox-store.contract.js'
import type { OutboxRow } from '../outbox/outbox-store.js'
import { groupBatches } from './batch.js'

const rowFor = (id: number, clientId: string): OutboxRow => ({
  id,
  destination: 'ga4',
  eventName: 'Purchase',
  eventId: `e${id}`,
  status: 'in_flight',
  decision: 'granted',
  attempts: 1,
  nextAttemptAtMs: 0,
  lastError: null,
  traceId: null,
  createdAtMs: 0,
  updatedAtMs: 0,
  event: outboxEventFor(`e${id}`, { userData: { ...outboxEventFor('x').userData, ids: { ga_client_id: clientId } } }),
})
const ids = (batches: OutboxRow[][]) => batches.map((batch) => batch.map((row) => row.id))
const byClient = (event: OutboxRow['event']) => event.userData.ids.ga_client_id ?? ''

describe('groupBatches', () => {
  it('cuts rows into batches of at most maxBatch, in claim order, without a batch key', () => {
    const rows = [1, 2, 3, 4, 5].map((id) => rowFor(id, 'c'))
    expect(ids(groupBatches(rows, { maxBatch: 2 }))).toEqual([[1, 2], [3, 4], [5]])
  })

  it('keeps rows of different keys apart and same keys together', () => {
    const rows = [rowFor(1, 'a'), rowFor(2, 'b'), rowFor(3, 'a'), rowFor(4, 'b'), rowFor(5, 'c')]
    expect(ids(groupBatches(rows, { maxBatch: 25, batchKey: byClient }))).toEqual([[1, 3], [2, 4], [5]])
  })

  it('caps a key group at maxBatch and opens another batch for the rest', () => {
    const rows = [rowFor(1, 'a'), rowFor(2, 'a'), rowFor(3, 'b'), rowFor(4, 'a')]
    expect(ids(groupBatches(rows, { maxBatch: 2, batchKey: byClient }))).toEqual([[1, 2], [3], [4]])
  })

  it('returns no batch for no rows', () => {
    expect(groupBatches([], { maxBatch: 10 })).toEqual([])
  })
})
