// Ingest: POST /events of the relay (SQLite outbox, delivering to a platform stand-in) against a bare
// Express 5 route that parses the same JSON and answers 204. Same server process, same run; autocannon
// with 50 connections from its own process. Goal: ≥ 0.75 of the bare route's req/s, p99 ≤ 1.5×.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAutocannon, type LoadResult } from './autocannon.js'
import { BEACON_HEADERS, singleEventBeacon } from './beacon.js'
import { cpuMsOf, startNodeProcess } from './node-process.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
const CONNECTIONS = 50

const dir = mkdtempSync(join(tmpdir(), 'pairtrack-bench-ingest-'))
const sink = await startNodeProcess<{ url: string }>('packages/server/bench/platform-sink.ts')
const server = await startNodeProcess<{ port: number; pid: number }>('packages/server/bench/ingest-server.ts', {
  PLATFORM_URL: sink.ready.url,
  BENCH_STORE: `sqlite:${join(dir, 'ingest.db')}`,
})
// The same relay with delivery stopped (every platform down, the destination pause an hour): the ingest
// path alone, for reference.
const downSink = await startNodeProcess<{ url: string }>('packages/server/bench/platform-sink.ts', { SINK_DOWN: 'meta,ga4,tiktok' })
const ingestOnly = await startNodeProcess<{ port: number; pid: number }>('packages/server/bench/ingest-server.ts', {
  PLATFORM_URL: downSink.ready.url,
  BENCH_STORE: `sqlite:${join(dir, 'ingest-only.db')}`,
  BENCH_CONFIG: JSON.stringify({ destinationPause: { baseDelayMs: 3_600_000, maxDelayMs: 3_600_000 } }),
})
const base = `http://127.0.0.1:${server.ready.port}`
type Measured = LoadResult & { cpuUsPerRequest: number }
/** One autocannon run, with the server process's CPU time per request (less sensitive to other load on the machine). */
const load = async (path: string, durationS: number, target = server): Promise<Measured> => {
  const origin = `http://127.0.0.1:${target.ready.port}`
  const cpuBefore = cpuMsOf(target.ready.pid)
  const result = await runAutocannon({ url: `${origin}${path}`, body: singleEventBeacon(), headers: BEACON_HEADERS(origin), connections: CONNECTIONS, durationS })
  return { ...result, cpuUsPerRequest: ((cpuMsOf(target.ready.pid) - cpuBefore) * 1000) / result.requests }
}

const fmt = (r: Measured) =>
  `${Math.round(r.rps).toString().padStart(6)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  server CPU ${Math.round(r.cpuUsPerRequest)} µs/request`
try {
  await load('/bare/events', 3)
  await load('/pairtrack/events', 3)
  await load('/pairtrack/events', 3, ingestOnly)
  const rounds: Array<{ bare: Measured; relay: Measured; alone: Measured }> = []
  for (let round = 1; round <= ROUNDS; round++) {
    const bare = await load('/bare/events', SECONDS)
    const relay = await load('/pairtrack/events', SECONDS)
    const alone = await load('/pairtrack/events', SECONDS, ingestOnly)
    for (const [name, r] of [['bare', bare], ['relay', relay], ['relay without delivery', alone]] as const) {
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers and ${r.errors} errors`)
    }
    rounds.push({ bare, relay, alone })
    console.log(`round ${round}: bare  ${fmt(bare)}`)
    console.log(`round ${round}: relay ${fmt(relay)}  (${(relay.rps / bare.rps).toFixed(2)}× req/s, ${(relay.p99Ms / bare.p99Ms).toFixed(2)}× p99)`)
    console.log(`round ${round}: relay, delivery stopped ${fmt(alone)}`)
  }
  const mean = (pick: (r: { bare: Measured; relay: Measured; alone: Measured }) => number) => rounds.reduce((sum, r) => sum + pick(r), 0) / rounds.length
  const bareRps = mean((r) => r.bare.rps)
  const relayRps = mean((r) => r.relay.rps)
  const bareP99 = mean((r) => r.bare.p99Ms)
  const relayP99 = mean((r) => r.relay.p99Ms)
  const bareCpu = mean((r) => r.bare.cpuUsPerRequest)
  const relayCpu = mean((r) => r.relay.cpuUsPerRequest)
  console.log('')
  console.log(`| route (${CONNECTIONS} connections, ${SECONDS} s × ${ROUNDS}, interleaved) | req/s | p99 ms | server CPU µs/request |`)
  console.log('| --- | ---: | ---: | ---: |')
  console.log(`| bare Express 5 route, JSON.parse + 204 | ${Math.round(bareRps)} | ${bareP99.toFixed(1)} | ${Math.round(bareCpu)} |`)
  console.log(`| relay POST /events, SQLite outbox, 202 | ${Math.round(relayRps)} | ${relayP99.toFixed(1)} | ${Math.round(relayCpu)} |`)
  const alone = { rps: mean((r) => r.alone.rps), p99: mean((r) => r.alone.p99Ms), cpu: mean((r) => r.alone.cpuUsPerRequest) }
  console.log(`| relay with delivery stopped (all platforms down): the ingest path alone | ${Math.round(alone.rps)} | ${alone.p99.toFixed(1)} | ${Math.round(alone.cpu)} |`)
  console.log(
    `| relay / bare (goal: ≥ 0.75 req/s, ≤ 1.5 p99) | ${(relayRps / bareRps).toFixed(2)} | ${(relayP99 / bareP99).toFixed(2)} | ${(relayCpu / bareCpu).toFixed(2)} |`,
  )
} finally {
  await Promise.all([server.stop(), ingestOnly.stop()])
  await Promise.all([sink.stop(), downSink.stop()])
  rmSync(dir, { recursive: true, force: true })
}
