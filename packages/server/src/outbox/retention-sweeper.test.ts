import { describe, expect, it } from 'vitest'
import { newRowFor } from './outbox-store.contract.js'
import { createRetentionSweeper, type Every } from './retention-sweeper.js'
import { createSqliteOutboxStore } from './sqlite/sqlite-store.js'

const DAY = 24 * 60 * 60 * 1000
const T0 = 1_750_000_000_000

/** An Every the test fires by hand. */
function manualEvery() {
  const runs: Array<{ ms: number; run: () => void; cancelled: boolean }> = []
  const every: Every = (ms, run) => {
    const entry = { ms, run, cancelled: false }
    runs.push(entry)
    return () => void (entry.cancelled = true)
  }
  return { every, runs }
}

async function storeWithRows() {
  const store = createSqliteOutboxStore({ path: ':memory:' })
  await store.enqueue(['old-1', 'old-2', 'old-3'].map((id) => newRowFor(id, { status: 'suppressed' })), T0 - 31 * DAY)
  await store.enqueue([newRowFor('old-pending')], T0 - 40 * DAY)
  await store.enqueue([newRowFor('young', { status: 'suppressed' })], T0 - 29 * DAY)
  return store
}

describe('createRetentionSweeper', () => {
  it('sweeps at start, in slices, deleting only finished rows past the retention', async () => {
    const store = await storeWithRows()
    const reports: unknown[] = []
    const { every } = manualEvery()
    const sweeper = createRetentionSweeper({ store, retentionDays: 30, sliceSize: 2, now: () => T0, every, onSweep: (r) => reports.push(r) })
    sweeper.start()
    expect(await sweeper.sweep()).toBe(3)
    expect(reports).toEqual([{ purged: 3, cutoffMs: T0 - 30 * DAY }])
    expect(await store.findRow('meta', 'Purchase', 'old-pending')).toMatchObject({ status: 'pending' })
    expect(await store.findRow('meta', 'Purchase', 'young')).toMatchObject({ status: 'suppressed' })
    await sweeper.stop()
    await store.close()
  })

  it('sweeps again on each interval until stopped', async () => {
    const store = await storeWithRows()
    let now = T0
    const { every, runs } = manualEvery()
    const reports: Array<{ purged: number }> = []
    const sweeper = createRetentionSweeper({ store, retentionDays: 30, intervalMs: 1000, now: () => now, every, onSweep: (r) => reports.push(r) })
    sweeper.start()
    await sweeper.sweep()
    expect(runs.map((r) => r.ms)).toEqual([1000])
    now = T0 + 2 * DAY
    runs[0]!.run()
    await sweeper.sweep()
    expect(reports.map((r) => r.purged)).toEqual([3, 1])
    await sweeper.stop()
    expect(runs[0]!.cancelled).toBe(true)
    await store.close()
  })

  it('reports a failed sweep to onError instead of throwing', async () => {
    const errors: unknown[] = []
    const sweeper = createRetentionSweeper({
      store: { purgeOlderThan: () => Promise.reject(new Error('disk gone')) },
      retentionDays: 30,
      every: manualEvery().every,
      onError: (error) => errors.push(error),
    })
    sweeper.start()
    await sweeper.stop()
    expect(errors).toEqual([new Error('disk gone')])
  })
})
