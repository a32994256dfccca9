import type { LedgerEntry, Rejection } from '@pairtrack/testkit'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { RelayConfigInput } from '../src/index.js'
import { countsOf, isSettled, outboxDir, rowsOf } from './helpers/outbox-file.js'
import { postBeacon, startRelayHarness, type RelayHarness } from './helpers/start-relay.js'
import { waitUntil } from './helpers/wait-until.js'

const files = outboxDir('faults')
afterAll(() => files.remove())
let harness: RelayHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

/** Small delays so that a test sees several retries in well under a second. */
const FAST_RETRIES: Partial<RelayConfigInput> = {
  retry: { baseDelayMs: 20, maxDelayMs: 200 },
  destinationPause: { baseDelayMs: 50, maxDelayMs: 400 },
  shutdownDeadlineMs: 500,
}

let fileSeq = 0
async function start(config: Partial<RelayConfigInput> = {}): Promise<{ harness: RelayHarness; url: string }> {
  const url = files.url(`faults-${fileSeq++}.db`)
  harness = await startRelayHarness({ config: { ...FAST_RETRIES, store: url, ...config } })
  return { harness, url }
}

const purchase = (eventId: string, overrides: Record<string, unknown> = {}) => ({
  event_name: 'Purchase',
  event_id: eventId,
  event_source_url: 'https://shop.example/checkout',
  custom_data: { value: 10, currency: 'EUR', order_id: `order-${eventId}` },
  user_data: { email: `${eventId}@example.com`, ga_client_id: '123456789.1700000000' },
  ...overrides,
})

/** Beacons carry an open event (Purchase from a browser needs a signed token): Lead. */
const lead = (eventId: string) => ({
  event_name: 'Lead',
  event_id: eventId,
  event_source_url: 'https://shop.example/contact',
  custom_data: { value: 10, currency: 'EUR' },
  user_data: { email: `${eventId}@example.com`, ga_client_id: '123456789.1700000000' },
})

const idsOf = (entries: readonly LedgerEntry[]) => entries.map((entry) => entry.eventId).sort()
/** Event ids carried by a refused request's payload (Meta `data`, TikTok `data`). */
const payloadIds = (rejection: Rejection): string[] =>
  ((rejection.payload as { data?: Array<{ event_id?: string }> }).data ?? []).map((event) => event.event_id ?? '')

describe('outage: a destination answers 503 for a while, then recovers', () => {
  it('delivers every event once after recovery, spaces the retries by backoff, and never holds up the others', async () => {
    const { harness, url } = await start()
    harness.emulator.setFault('meta', { status: 503 })
    const ids = Array.from({ length: 20 }, (_, i) => `outage-${i}`)
    expect((await postBeacon(harness.relayUrl, ids.map(lead))).status).toBe(202)

    await waitUntil(() => harness.emulator.ledger().meta.rejected.length >= 4, { what: 'four refused attempts at Meta' })
    await waitUntil(async () => {
      const counts = await countsOf(url)
      return counts.ga4?.delivered === 20 && counts.tiktok?.delivered === 20
    }, { what: 'GA4 and TikTok delivered during the outage' })
    harness.emulator.setFault('meta', null)
    const recoveredAtMs = Date.now()
    await waitUntil(() => isSettled(url), { what: 'every row final' })

    const ledger = harness.emulator.ledger()
    expect(await countsOf(url)).toEqual({ meta: { delivered: 20 }, ga4: { delivered: 20 }, tiktok: { delivered: 20 } })
    expect(idsOf(ledger.meta.received)).toEqual([...ids].sort())
    expect(ledger.meta.conversions.every((conversion) => conversion.duplicates === 0)).toBe(true)
    // The other destinations got everything once, never refused, and before Meta came back.
    for (const platform of ['ga4', 'tiktok'] as const) {
      expect(ledger[platform].received).toHaveLength(20)
      expect(ledger[platform].rejected).toEqual([])
      expect(Math.max(...ledger[platform].received.map((entry) => entry.receivedAtMs))).toBeLessThan(recoveredAtMs)
    }
    // Meta was asked again no sooner than the destination's pause allowed: 50, 100, 200, 400, 400 … ms.
    const attempts = ledger.meta.rejected.map((rejection) => rejection.receivedAtMs)
    expect(ledger.meta.rejected.every((rejection) => rejection.status === 503)).toBe(true)
    attempts.slice(1).forEach((atMs, i) => {
      const pauseMs = Math.min(400, 50 * 2 ** i)
      expect(atMs - attempts[i]!, `gap after refused attempt ${i + 1}`).toBeGreaterThanOrEqual(pauseMs - 2)
    })
    const [first] = await rowsOf(url, 'meta', 'Lead', [ids[0]!])
    expect(first).toMatchObject({ status: 'delivered', attempts: attempts.length + 1, lastError: expect.stringMatching(/^server_error: /) })
  })
})

describe('each fault ends in the right state with its reason', () => {
  it('partial rejects: the refused events go dead with the platform message, the rest are delivered once', async () => {
    const { harness, url } = await start()
    const ids = Array.from({ length: 10 }, (_, i) => `partial-${i}`)
    for (const platform of ['meta', 'tiktok'] as const) harness.emulator.setFault(platform, { rejectEventIds: ['partial-3', 'partial-7'] })
    expect((await postBeacon(harness.relayUrl, ids.map(lead))).status).toBe(202)
    await waitUntil(() => isSettled(url), { what: 'every row final' })

    const refused = ['partial-3', 'partial-7']
    const accepted = ids.filter((id) => !refused.includes(id))
    const ledger = harness.emulator.ledger()
    for (const platform of ['meta', 'tiktok'] as const) {
      const rows = await rowsOf(url, platform, 'Lead', ids)
      expect(rows.filter((row) => row?.status === 'dead').map((row) => row?.eventId)).toEqual(refused)
      for (const row of rows.filter((r) => r?.status === 'dead')) {
        expect(row?.lastError).toMatch(/^invalid_event: .*rejected \(emulator fault rejectEventIds\)/)
      }
      expect(rows.filter((row) => row?.status === 'delivered')).toHaveLength(8)
      expect(idsOf(ledger[platform].received)).toEqual(accepted)
    }
    // GA4 never refuses part of a request (it answers 2xx and drops: platforms.md 11.6), and the other
    // destinations' refusals do not touch it.
    expect(await countsOf(url)).toMatchObject({ ga4: { delivered: 10 } })
    expect(ledger.ga4.received).toHaveLength(10)
  })

  it('429 with Retry-After: the row waits at least the time asked, then is delivered', async () => {
    const { harness, url } = await start()
    harness.emulator.setFault('meta', { rateLimit: { retryAfterSeconds: 1 }, remaining: 1 })
    expect((await postBeacon(harness.relayUrl, lead('limited'))).status).toBe(202)
    await waitUntil(() => isSettled(url), { what: 'every row final' })

    const ledger = harness.emulator.ledger()
    expect(ledger.meta.rejected).toMatchObject([{ status: 429 }])
    expect(payloadIds(ledger.meta.rejected[0]!)).toEqual(['limited'])
    expect(ledger.meta.received[0]!.receivedAtMs - ledger.meta.rejected[0]!.receivedAtMs).toBeGreaterThanOrEqual(1000)
    const [row] = await rowsOf(url, 'meta', 'Lead', ['limited'])
    expect(row).toMatchObject({ status: 'delivered', attempts: 2, lastError: expect.stringMatching(/^rate_limited: \(#17\) User request limit reached/) })
  })

  it('too old: an event past Meta 7 days and GA4 72 hours goes dead as too_old without being sent there', async () => {
    const { harness, url } = await start()
    const eightDaysAgo = Math.floor(Date.now() / 1000) - 8 * 24 * 60 * 60
    await harness.relay.track(purchase('stale', { event_time: eightDaysAgo, action_source: 'system_generated' }))
    await waitUntil(() => isSettled(url), { what: 'every row final' })

    const [meta] = await rowsOf(url, 'meta', 'Purchase', ['stale'])
    const [ga4] = await rowsOf(url, 'ga4', 'Purchase', ['stale'])
    const [tiktok] = await rowsOf(url, 'tiktok', 'Purchase', ['stale'])
    expect([meta, ga4].map((row) => [row?.status, row?.lastError])).toEqual([
      ['dead', 'too_old'],
      ['dead', 'too_old'],
    ])
    expect(tiktok?.status).toBe('delivered') // TikTok states no maximum age (platforms.md 12: UNCONFIRMED)
    const ledger = harness.emulator.ledger()
    expect([ledger.meta.received, ledger.meta.rejected, ledger.ga4.received, ledger.ga4.rejected]).toEqual([[], [], [], []])
  })

  it('a body the platform refuses: the event goes dead at once with the platform message, and is not retried', async () => {
    const { harness, url } = await start()
    const tomorrow = Math.floor(Date.now() / 1000) + 24 * 60 * 60
    await harness.relay.track(purchase('future', { event_time: tomorrow, action_source: 'system_generated' }))
    await waitUntil(() => isSettled(url), { what: 'every row final' })

    const [meta] = await rowsOf(url, 'meta', 'Purchase', ['future'])
    const [tiktok] = await rowsOf(url, 'tiktok', 'Purchase', ['future'])
    expect(meta).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: expect.stringMatching(/^invalid_event: The parameter \$\['data'\]\[0\]\['event_time'\] is in the future\. \[code 100\/2804004 fbtrace_id=\w+\]$/),
    })
    expect(tiktok).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringMatching(/^invalid_event: Invalid parameter: data\[0\]\.event_time is in the future/) })
    const ledger = harness.emulator.ledger()
    expect([ledger.meta.rejected.length, ledger.tiktok.rejected.length]).toEqual([1, 1])
  })
})
