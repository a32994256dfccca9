// Delivery: events per second from a SQLite outbox to the platform emulator (in its own process), with
// each platform's batching against one request per event, and the outbound requests each needed.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ParsedTrackEvent } from '@pairtrack/shared'
import { createDeliveryWorker, createHttpSender, deliveryTarget } from '../src/delivery/index.js'
import type { Destination } from '../src/destinations/destination.js'
import { destinations } from '../src/destinations/registry.js'
import { createSqliteOutboxStore } from '../src/outbox/index.js'
import { validateBeacon } from '../src/pipeline/ingest.js'
import { createPipeline } from '../src/pipeline/pipeline.js'
import { singleEventBeacon } from './beacon.js'
import { cpuMsOf, startNodeProcess } from './node-process.js'

const EVENTS = Number(process.env.BENCH_DELIVERY_EVENTS ?? 10_000)
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'

type Variant = { name: string; destination: Destination<unknown>; concurrency: number }

const { meta, ga4, tiktok } = destinations
const variants: Variant[] = [
  { name: 'Meta, batches of up to 1,000', destination: meta as Destination<unknown>, concurrency: 4 },
  { name: 'TikTok, batches of up to 1,000', destination: tiktok as Destination<unknown>, concurrency: 4 },
  { name: 'GA4, batches of up to 25 (one client id)', destination: ga4 as Destination<unknown>, concurrency: 4 },
  { name: 'Meta, one request per event, 4 in flight', destination: { ...meta, maxBatch: 1 } as Destination<unknown>, concurrency: 4 },
  { name: 'Meta, one request per event, 32 in flight', destination: { ...meta, maxBatch: 1 } as Destination<unknown>, concurrency: 32 },
]

const emulator = await startNodeProcess<{ url: string }>('packages/server/bench/emulator-process.ts')
const dir = mkdtempSync(join(tmpdir(), 'pairtrack-bench-delivery-'))
const configs = {
  meta: meta.configSchema.parse({ pixelId: '1234567890123456', accessToken: 'BENCH_TOKEN', endpoint: emulator.ready.url }),
  ga4: ga4.configSchema.parse({ measurementId: 'G-BENCH00001', apiSecret: 'BENCH_SECRET', endpoint: emulator.ready.url }),
  tiktok: tiktok.configSchema.parse({ pixelCode: 'CBENCHPIXEL0001', accessToken: 'BENCH_TOKEN', endpoint: emulator.ready.url }),
}

/** The benchmark beacon's event with a fresh id, validated like a real one. */
const eventFor = (id: string): ParsedTrackEvent => {
  const parsed = validateBeacon(JSON.parse(singleEventBeacon().replace('[<id>]', id)))
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.value[0]!
}

console.log(`| ${EVENTS} events, SQLite outbox → emulator | events/s | requests | events/request | relay CPU µs/event | emulator CPU µs/event |`)
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
try {
  for (const [index, variant] of variants.entries()) {
    if (process.env.BENCH_ONLY !== undefined && !process.env.BENCH_ONLY.split(',').includes(String(index))) continue
    const store = createSqliteOutboxStore({ path: join(dir, `delivery-${index}.db`) })
    const pipeline = createPipeline({ store, destinations: [variant.destination], defaultConsent: 'granted', now: Date.now })
    for (let from = 0; from < EVENTS; from += 50) {
      const events = Array.from({ length: Math.min(50, EVENTS - from) }, (_, i) => eventFor(`bench-${index}-${from + i}`))
      await pipeline.accept(events, 'browser', { ip: '203.0.113.9', userAgent: UA })
    }
    await fetch(`${emulator.ready.url}/_emulator/ledger`, { method: 'DELETE' })
    const sender = createHttpSender({ connectionsPerOrigin: Math.max(16, variant.concurrency) })
    let requests = 0
    const worker = createDeliveryWorker({
      store,
      send: sender,
      destinations: [deliveryTarget(variant.destination, configs[variant.destination.id])],
      concurrency: variant.concurrency,
      lingerMs: 0,
      onSend: () => void (requests += 1),
    })
    const started = performance.now()
    const cpuBefore = process.cpuUsage()
    const emulatorCpuBefore = cpuMsOf(emulator.child.pid!)
    await worker.drain()
    const seconds = (performance.now() - started) / 1000
    const { user, system } = process.cpuUsage(cpuBefore)
    const relayCpuUs = (user + system) / EVENTS
    const emulatorCpuUs = ((cpuMsOf(emulator.child.pid!) - emulatorCpuBefore) * 1000) / EVENTS
    const counts = await store.counts()
    const delivered = counts.find((c) => c.status === 'delivered')?.count ?? 0
    if (delivered !== EVENTS) throw new Error(`${variant.name}: ${delivered} of ${EVENTS} delivered (${JSON.stringify(counts)})`)
    console.log(
      `| ${variant.name} | ${Math.round(EVENTS / seconds)} | ${requests} | ${(EVENTS / requests).toFixed(0)} | ${relayCpuUs.toFixed(0)} | ${emulatorCpuUs.toFixed(0)} |`,
    )
    await sender.close()
    await store.close()
  }
} finally {
  await emulator.stop()
  rmSync(dir, { recursive: true, force: true })
}
