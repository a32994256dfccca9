import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { startEmulator, type Emulator, type LedgerEntry } from '@pairtrack/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import type { DestinationId } from '../src/destinations/destination.js'
import { countsOf, isSettled, outboxDir } from './helpers/outbox-file.js'
import { REPO_ROOT, TSX_NODE_ARGS } from './helpers/run-pairtrack.js'
import { TEST_IDS } from './helpers/start-relay.js'
import { waitUntil } from './helpers/wait-until.js'

const EVENTS = 5000
const EVENTS_PER_BEACON = 10
const POSTING_CONCURRENCY = 8
/** The Meta request (counting from 1) that the emulator holds forever: the relay is killed while it waits. */
const HELD_META_REQUEST = 3
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'

const files = outboxDir('crash')
const children = new Set<ChildProcess>()
afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
  files.remove()
})

type RelayProcess = { child: ChildProcess; url: string; exited: Promise<unknown> }

/** Starts helpers/relay-process.ts against the emulator and the outbox file; resolves once it listens. */
async function startRelayProcess(emulator: Emulator, store: string): Promise<RelayProcess> {
  const child = spawn(process.execPath, [...TSX_NODE_ARGS, 'packages/server/test/helpers/relay-process.ts'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PAIRTRACK_META_PIXEL_ID: TEST_IDS.metaPixelId,
      PAIRTRACK_META_ACCESS_TOKEN: TEST_IDS.metaToken,
      PAIRTRACK_META_ENDPOINT: emulator.url,
      PAIRTRACK_GA4_MEASUREMENT_ID: TEST_IDS.ga4MeasurementId,
      PAIRTRACK_GA4_API_SECRET: TEST_IDS.ga4Secret,
      PAIRTRACK_GA4_ENDPOINT: emulator.url,
      PAIRTRACK_TIKTOK_PIXEL_CODE: TEST_IDS.tiktokPixelCode,
      PAIRTRACK_TIKTOK_ACCESS_TOKEN: TEST_IDS.tiktokToken,
      PAIRTRACK_TIKTOK_ENDPOINT: emulator.url,
      PAIRTRACK_STORE: store,
      PAIRTRACK_LINGER_MS: '20',
      PAIRTRACK_LOG_LEVEL: 'silent',
      // A crashed relay's claims are sent again once their lease runs out: short here, so the test is quick.
      PAIRTRACK_TEST_CONFIG: JSON.stringify({
        deliveryTimeoutMs: 3000,
        leaseMs: 3500,
        retry: { baseDelayMs: 50, maxDelayMs: 500 },
        destinationPause: { baseDelayMs: 50, maxDelayMs: 500 },
        rateLimit: false,
      }),
    },
  })
  children.add(child)
  const exited = once(child, 'exit').then(() => children.delete(child))
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string]
  const { port } = JSON.parse(line) as { port: number }
  return { child, url: `http://127.0.0.1:${port}/pairtrack`, exited }
}

/** A beacon of Lead events; `lead_ref` is a custom parameter, so that GA4 arrivals (which carry no event id) can be told apart. */
const beacon = (index: number) =>
  Array.from({ length: EVENTS_PER_BEACON }, (_, i) => {
    const id = `crash-${index * EVENTS_PER_BEACON + i}`
    return {
      event_name: 'Lead',
      event_id: id,
      event_source_url: 'https://shop.example/contact',
      custom_data: { value: 5, currency: 'EUR', lead_ref: id },
      user_data: { email: `${id}@example.com`, ga_client_id: `${100 + (index % 7)}.1700000000` },
    }
  })

/** The event id an arrival carries: Meta and TikTok send it, GA4 only as our custom parameter. */
const arrivalId = (entry: LedgerEntry): string =>
  entry.eventId ?? String((entry.payload as { event: { params: { lead_ref?: unknown } } }).event.params.lead_ref)

describe('crash recovery', () => {
  it(`delivers every accepted event of a ${EVENTS}-event load to each platform after a SIGKILL mid-delivery, re-sending only what was in flight`, async () => {
    let metaRequests = 0
    let heldMeta: () => void = () => {}
    const metaHeld = new Promise<void>((resolve) => (heldMeta = resolve))
    // Every Meta request passes through `delay` (latency fault); the chosen one is never answered.
    const emulator = await startEmulator({
      delay: () => {
        metaRequests += 1
        if (metaRequests !== HELD_META_REQUEST) return Promise.resolve()
        heldMeta()
        return new Promise<void>(() => {})
      },
    })
    emulator.setFault('meta', { latencyMs: 1 })
    const store = files.url('crash.db')

    let relay = await startRelayProcess(emulator, store)
    let restarted: Promise<void> = Promise.resolve()
    const accepted = new Set<number>()
    let failedPosts = 0
    // Browser-like senders: a beacon that got no answer is sent again (to the restarted relay).
    const queue = Array.from({ length: EVENTS / EVENTS_PER_BEACON }, (_, i) => i)
    const post = async (): Promise<void> => {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
        for (;;) {
          await restarted
          const status = await fetch(`${relay.url}/events`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain;charset=UTF-8', origin: new URL(relay.url).origin, 'user-agent': UA },
            body: JSON.stringify(beacon(index)),
          }).then((response) => response.status, () => 0)
          if (status === 202) break
          expect(status, 'only a dead relay may leave a beacon unanswered').toBe(0)
          failedPosts += 1
        }
        accepted.add(index)
      }
    }
    const posting = Promise.all(Array.from({ length: POSTING_CONCURRENCY }, post))

    await metaHeld
    relay.child.kill('SIGKILL')
    const killedDuringIngest = accepted.size < EVENTS / EVENTS_PER_BEACON
    let inFlightAtKill: Awaited<ReturnType<typeof countsOf>> = {}
    restarted = (async () => {
      await relay.exited
      inFlightAtKill = await countsOf(store)
      relay = await startRelayProcess(emulator, store)
    })()
    await posting
    await waitUntil(() => isSettled(store), { what: 'every row delivered after the restart', timeoutMs: 40_000, everyMs: 100 })
    relay.child.kill('SIGTERM')
    await relay.exited

    expect(accepted.size * EVENTS_PER_BEACON).toBe(EVENTS)
    expect(await countsOf(store)).toEqual({ meta: { delivered: EVENTS }, ga4: { delivered: EVENTS }, tiktok: { delivered: EVENTS } })
    const ledger = emulator.ledger()
    const report: string[] = []
    for (const platform of ['meta', 'ga4', 'tiktok'] as const satisfies DestinationId[]) {
      const ids = ledger[platform].received.map(arrivalId)
      const unique = new Set(ids)
      const duplicates = ids.length - unique.size
      const inFlight = inFlightAtKill[platform]?.in_flight ?? 0
      expect(unique.size, `${platform}: every accepted event arrived`).toBe(EVENTS)
      expect(duplicates, `${platform}: only rows in flight at the kill may arrive twice`).toBeLessThanOrEqual(inFlight)
      expect(ledger[platform].rejected).toEqual([])
      report.push(`${platform}: ${duplicates} sent twice of ${inFlight} in flight at the kill`)
    }
    console.log(
      `crash test: ${EVENTS} events in ${EVENTS / EVENTS_PER_BEACON} beacons, killed ${killedDuringIngest ? 'during ingest' : 'after ingest'}; ` +
        `${failedPosts} posts got no answer and were sent again; ${report.join('; ')}`,
    )
    await emulator.close()
  })
})
