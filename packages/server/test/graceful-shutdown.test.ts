import { afterAll, describe, expect, it } from 'vitest'
import { holdingDelay } from './helpers/holding-delay.js'
import { waitUntil } from './helpers/wait-until.js'
import { countsOf, outboxDir, rowsOf } from './helpers/outbox-file.js'
import { closeHarnessesAfterEach, leadBeacon, postBeacon, startRelayHarness } from './helpers/start-relay.js'

const files = outboxDir('shutdown')
afterAll(() => files.remove())
const harnesses = closeHarnessesAfterEach()

describe('ingest while platforms hold their requests', () => {
  it('answers 202 for new beacons while every platform is holding a delivery request', async () => {
    const hold = holdingDelay()
    const harness = await startRelayHarness({ emulatorOptions: { delay: hold.delay }, config: { shutdownDeadlineMs: 0 } })
    harnesses.push(harness)
    for (const platform of ['meta', 'ga4', 'tiktok'] as const) harness.emulator.setFault(platform, { latencyMs: 5000 })
    expect((await postBeacon(harness.relayUrl, leadBeacon('first'))).status).toBe(202)
    await hold.waitForHeld(3) // one request per platform, none answered

    const started = performance.now()
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => postBeacon(harness.relayUrl, leadBeacon(`while-held-${i}`))))
    const elapsedMs = performance.now() - started
    console.log(`20 beacons answered in ${elapsedMs.toFixed(0)} ms while Meta, GA4 and TikTok held their requests`)
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202))
    // Still held: every 202 above came before any platform answered.
    const ledger = harness.emulator.ledger()
    expect([ledger.meta.received, ledger.ga4.received, ledger.tiktok.received]).toEqual([[], [], []])
  })
})

describe('graceful shutdown', () => {
  it.each(['main', 'worker'] as const)('leaves undelivered rows in the store when the deadline passes, and the next relay on the file delivers them once (outboxThread %s)', async (outboxThread) => {
    const url = files.url(`graceful-${outboxThread}.db`)
    const hold = holdingDelay()
    const first = await startRelayHarness({ emulatorOptions: { delay: hold.delay }, config: { store: url, shutdownDeadlineMs: 100, outboxThread } })
    harnesses.push(first)
    first.emulator.setFault('meta', { latencyMs: 5000, remaining: 1 })
    const ids = ['g-1', 'g-2', 'g-3']
    expect((await postBeacon(first.relayUrl, ids.map(leadBeacon))).status).toBe(202)
    await hold.waitForHeld(1) // Meta holds the batch: it is in flight
    await waitUntil(async () => {
      const counts = await countsOf(url)
      return counts.ga4?.delivered === 3 && counts.tiktok?.delivered === 3
    }, { what: 'GA4 and TikTok delivered' })

    await first.relay.close()
    expect((await rowsOf(url, 'meta', 'Lead', ids)).map((row) => [row?.status, row?.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
      ['pending', 1],
    ])
    expect(await countsOf(url)).toEqual({ meta: { pending: 3 }, ga4: { delivered: 3 }, tiktok: { delivered: 3 } })
    expect(first.emulator.ledger().meta.received).toEqual([])

    // The held request never gets answered; a new relay on the same file sends the rows at once.
    const second = await startRelayHarness({ emulator: first.emulator, config: { store: url, outboxThread } })
    harnesses.push(second)
    await second.relay.flush()
    expect(await countsOf(url)).toEqual({ meta: { delivered: 3 }, ga4: { delivered: 3 }, tiktok: { delivered: 3 } })
    const ledger = second.emulator.ledger()
    expect(ledger.meta.received.map((entry) => entry.eventId).sort()).toEqual(ids)
    expect([ledger.ga4.received.length, ledger.tiktok.received.length]).toEqual([3, 3])
  })
})
