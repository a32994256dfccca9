// Backlog: what a destination's delivery loop costs in store work when the outbox keeps many finished
// records (the 30-day retention) — claiming and recording new events, and the due count the loop runs
// while it lingers — with 0 and RETAINED delivered records of that destination in the file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { outboxEventFor } from '../src/outbox/outbox-store.contract.js'
import { createSqliteOutboxStore } from '../src/outbox/sqlite/sqlite-store.js'

const RETAINED = Number(process.env.BENCH_RETAINED ?? 100_000)
const NEW_EVENTS = 5_000
const dir = mkdtempSync(join(tmpdir(), 'pairtrack-bench-backlog-'))
const base = { ...outboxEventFor('x'), eventTime: Math.floor(Date.now() / 1000) }

const measure = async (retained: number) => {
  const store = createSqliteOutboxStore({ path: join(dir, `retained-${retained}.db`) })
  const now = Date.now()
  let next = 0
  const fill = async (count: number) => {
    for (let done = 0; done < count; done += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, count - done) }, () =>
          store.enqueue([{ destination: 'meta', status: 'pending', decision: 'granted', event: { ...base, eventId: `e${next++}` }, nextAttemptAtMs: 1 }], 1),
        ),
      )
    }
  }
  // Claims and records delivered until nothing is due; returns the rows handled.
  const deliverAll = async () => {
    let handled = 0
    for (let rows = await store.claimDue('meta', now, 1_000, 60_000); rows.length > 0; rows = await store.claimDue('meta', now, 1_000, 60_000)) {
      await store.recordOutcomes(rows.map((row) => ({ id: row.id, kind: 'delivered' as const, traceId: 'trace' })), now)
      handled += rows.length
    }
    return handled
  }
  await fill(retained)
  await deliverAll()
  await fill(NEW_EVENTS)
  const cpu = process.cpuUsage()
  const handled = await deliverAll()
  const used = process.cpuUsage(cpu)
  const countStart = process.hrtime.bigint()
  for (let i = 0; i < 100; i++) await store.countDue('meta', now, 1_000)
  const countMs = Number(process.hrtime.bigint() - countStart) / 1e6 / 100
  await store.close()
  return { usPerRow: (used.user + used.system) / handled, countMs }
}

try {
  const rows = [await measure(0), await measure(RETAINED)]
  console.log(`| Meta's delivery loop, SQLite outbox | 0 delivered records kept | ${RETAINED.toLocaleString('en')} delivered records kept |`)
  console.log('| --- | ---: | ---: |')
  console.log(`| claim + record delivered, ${NEW_EVENTS.toLocaleString('en')} new events, CPU µs/event | ${rows[0]!.usPerRow.toFixed(1)} | ${rows[1]!.usPerRow.toFixed(1)} |`)
  console.log(`| due count (run while lingering, at most every 50 ms), ms | ${rows[0]!.countMs.toFixed(2)} | ${rows[1]!.countMs.toFixed(2)} |`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
