// Ingest: POST /events of the relay (SQLite outbox, delivering to a platform stand-in) against a bare
// Express 5 route that parses the same JSON and answers 204. Same server process, same run; autocannon
// with 50 connections from its own process. Goal: ≥ 0.75 of the bare route's req/s, p99 ≤ 1.5×.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
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
// The same relay with its outbox and delivery in a worker thread of their own (outboxThread: 'worker').
const inWorker = await startNodeProcess<{ port: number; pid: number }>('packages/server/bench/ingest-server.ts', {
  PLATFORM_URL: sink.ready.url,
  BENCH_STORE: `sqlite:${join(dir, 'in-worker.db')}`,
  BENCH_CONFIG: JSON.stringify({ outboxThread: 'worker' }),
})
type Measured = LoadResult & { cpuUsPerRequest: number; mainThreadUsPerRequest: number }
/** CPU time of one thread of a process (the main thread's id is the pid), in ms, from /proc (Linux). */
const threadCpuMsOf = (pid: number, tid = pid): number => {
  const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}
/**
 * One autocannon run, with the server process's CPU time per request (less sensitive to other load on the
 * machine), all threads, and its event-loop thread's alone (the outbox thread and libuv's are the rest).
 */
const load = async (path: string, durationS: number, target = server): Promise<Measured> => {
  const origin = `http://127.0.0.1:${target.ready.port}`
  const cpuBefore = cpuMsOf(target.ready.pid)
  const mainBefore = threadCpuMsOf(target.ready.pid)
  const result = await runAutocannon({ url: `${origin}${path}`, body: singleEventBeacon(), headers: BEACON_HEADERS(origin), connections: CONNECTIONS, durationS })
  return {
    ...result,
    cpuUsPerRequest: ((cpuMsOf(target.ready.pid) - cpuBefore) * 1000) / result.requests,
    mainThreadUsPerRequest: ((threadCpuMsOf(target.ready.pid) - mainBefore) * 1000) / result.requests,
  }
}

const fmt = (r: Measured) =>
  `${Math.round(r.rps).toString().padStart(6)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  server CPU ${Math.round(r.cpuUsPerRequest)} µs/request (event-loop thread ${Math.round(r.mainThreadUsPerRequest)})`
try {
  await load('/bare/events', 3)
  await load('/pairtrack/events', 3)
  await load('/pairtrack/events', 3, ingestOnly)
  await load('/pairtrack/events', 3, inWorker)
  type Round = { bare: Measured; relay: Measured; alone: Measured; worker: Measured }
  const rounds: Round[] = []
  for (let round = 1; round <= ROUNDS; round++) {
    const bare = await load('/bare/events', SECONDS)
    const relay = await load('/pairtrack/events', SECONDS)
    const alone = await load('/pairtrack/events', SECONDS, ingestOnly)
    const worker = await load('/pairtrack/events', SECONDS, inWorker)
    for (const [name, r] of [['bare', bare], ['relay', relay], ['relay without delivery', alone], ['relay, outbox thread', worker]] as const) {
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers and ${r.errors} errors`)
    }
    rounds.push({ bare, relay, alone, worker })
    console.log(`round ${round}: bare  ${fmt(bare)}`)
    console.log(`round ${round}: relay ${fmt(relay)}  (${(relay.rps / bare.rps).toFixed(2)}× req/s, ${(relay.p99Ms / bare.p99Ms).toFixed(2)}× p99)`)
    console.log(`round ${round}: relay, delivery stopped ${fmt(alone)}`)
    console.log(`round ${round}: relay, outbox thread ${fmt(worker)}  (${(worker.rps / bare.rps).toFixed(2)}× req/s, ${(worker.p99Ms / bare.p99Ms).toFixed(2)}× p99)`)
  }
  const mean = (pick: (r: Round) => number) => rounds.reduce((sum, r) => sum + pick(r), 0) / rounds.length
  const bareRps = mean((r) => r.bare.rps)
  const relayRps = mean((r) => r.relay.rps)
  const bareP99 = mean((r) => r.bare.p99Ms)
  const relayP99 = mean((r) => r.relay.p99Ms)
  const bareCpu = mean((r) => r.bare.cpuUsPerRequest)
  const relayCpu = mean((r) => r.relay.cpuUsPerRequest)
  console.log('')
  const row = (name: string, pick: (r: Round) => Measured) =>
    `| ${name} | ${Math.round(mean((r) => pick(r).rps))} | ${mean((r) => pick(r).p99Ms).toFixed(1)} | ${Math.round(mean((r) => pick(r).cpuUsPerRequest))} | ${Math.round(mean((r) => pick(r).mainThreadUsPerRequest))} |`
  console.log(`| route (${CONNECTIONS} connections, ${SECONDS} s × ${ROUNDS}, interleaved) | req/s | p99 ms | server CPU µs/request | of which the event-loop thread |`)
  console.log('| --- | ---: | ---: | ---: | ---: |')
  console.log(row('bare Express 5 route, JSON.parse + 204', (r) => r.bare))
  console.log(row('relay POST /events, SQLite outbox, 202 (delivering to 3 platforms meanwhile)', (r) => r.relay))
  console.log(row('relay with delivery stopped (all platforms down): the ingest path alone', (r) => r.alone))
  console.log(row("relay with the outbox and delivery in a worker thread (outboxThread: 'worker')", (r) => r.worker))
  console.log(
    `| relay / bare (goal: ≥ 0.75 req/s, ≤ 1.5 p99) | ${(relayRps / bareRps).toFixed(2)} | ${(relayP99 / bareP99).toFixed(2)} | ${(relayCpu / bareCpu).toFixed(2)} | |`,
  )
} finally {
  await Promise.all([server.stop(), ingestOnly.stop(), inWorker.stop()])
  await Promise.all([sink.stop(), downSink.stop()])
  rmSync(dir, { recursive: true, force: true })
}
