// Memory: peak RSS of a relay process holding 100,000 pending events while Meta answers 503 (GA4 and
// TikTok keep delivering). The queue lives in the SQLite outbox, so memory stays flat however long the
// outage. Events arrive as beacons of 10 from autocannon (50 connections, its own process).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openOutboxStore } from '../src/outbox/index.js'
import { runAutocannon } from './autocannon.js'
import { BEACON_HEADERS, multiEventBeacon } from './beacon.js'
import { rssOf, startNodeProcess } from './node-process.js'

const EVENTS = Number(process.env.BENCH_MEMORY_EVENTS ?? 100_000)
const PER_BEACON = 10
const HOLD_SECONDS = Number(process.env.BENCH_MEMORY_HOLD_SECONDS ?? 15)

const dir = mkdtempSync(join(tmpdir(), 'pairtrack-bench-memory-'))
const storeUrl = `sqlite:${join(dir, 'memory.db')}`
const sink = await startNodeProcess<{ url: string }>('packages/server/bench/platform-sink.ts', { SINK_DOWN: 'meta' })
const relay = await startNodeProcess<{ port: number; pid: number }>('packages/server/bench/ingest-server.ts', {
  PLATFORM_URL: sink.ready.url,
  BENCH_STORE: storeUrl,
})
const pid = relay.ready.pid
const base = `http://127.0.0.1:${relay.ready.port}`

const countsOf = async () => {
  const opened = openOutboxStore(storeUrl, { mustExist: true })
  if (!opened.ok) throw new Error(opened.error.message)
  const counts = await opened.value.counts()
  await opened.value.close()
  const of = (destination: string, status: string) => counts.find((c) => c.destination === destination && c.status === status)?.count ?? 0
  return { metaPending: of('meta', 'pending') + of('meta', 'in_flight'), ga4: of('ga4', 'delivered'), tiktok: of('tiktok', 'delivered') }
}

try {
  const idle = rssOf(pid)
  const load = await runAutocannon({
    url: `${base}/pairtrack/events`,
    body: multiEventBeacon(PER_BEACON),
    headers: BEACON_HEADERS(base),
    connections: 50,
    amount: EVENTS / PER_BEACON,
  })
  if (load.non2xx > 0 || load.errors > 0) throw new Error(`${load.non2xx} non-2xx answers, ${load.errors} errors`)
  const afterIngest = rssOf(pid)
  // GA4 and TikTok drain while Meta stays down; then the outage goes on for HOLD_SECONDS more.
  let counts = await countsOf()
  while (counts.ga4 < EVENTS || counts.tiktok < EVENTS) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    counts = await countsOf()
  }
  let current = rssOf(pid)
  const holdUntil = Date.now() + HOLD_SECONDS * 1000
  while (Date.now() < holdUntil) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    current = rssOf(pid)
  }
  counts = await countsOf()
  const mib = (value: number) => value.toFixed(0)
  console.log(`| relay process, Meta down (503), ${EVENTS.toLocaleString('en')} events posted | RSS MiB |`)
  console.log('| --- | ---: |')
  console.log(`| idle, after start | ${mib(idle.rssMiB)} |`)
  console.log(`| right after ingest (${Math.round(load.rps * PER_BEACON)} events/s) | ${mib(afterIngest.rssMiB)} |`)
  console.log(`| ${HOLD_SECONDS} s later, ${counts.metaPending.toLocaleString('en')} Meta events pending, GA4 and TikTok delivered ${counts.ga4.toLocaleString('en')} / ${counts.tiktok.toLocaleString('en')} | ${mib(current.rssMiB)} |`)
  console.log(`| peak (VmHWM) over the whole run | ${mib(current.peakMiB)} |`)
  const bytes = ['memory.db', 'memory.db-wal'].map((f) => join(dir, f)).filter(existsSync).reduce((sum, f) => sum + statSync(f).size, 0)
  console.log(`\nThe outbox file (with its WAL) holds ${EVENTS.toLocaleString('en')} events × 3 destinations in ${(bytes / 2 ** 20).toFixed(0)} MiB.`)
} finally {
  await relay.stop()
  await sink.stop()
  rmSync(dir, { recursive: true, force: true })
}
