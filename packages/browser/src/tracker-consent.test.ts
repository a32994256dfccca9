// The tracker under consent (issue 5): what fires and what is sent for each consent state.
import type { ConsentState, TrackEvent } from '@pairtrack/shared'
import { describe, expect, it, vi } from 'vitest'
import type { TrackerOptions } from './options.js'
import { createTracker } from './tracker.js'
import type { QueueStorage } from './transport/queue-storage.js'

const GRANTED: ConsentState = { ad_storage: 'granted', analytics_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }
const DENIED: ConsentState = { ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }

/**
 * A page with all three pixels; the relay answers `status` (202 by default) to each request, which is
 * recorded; `flush` runs the tick's batch and waits for the sends.
 */
function setup(options: TrackerOptions) {
  const sent: TrackEvent[][] = []
  let status = 202
  const scheduled: Array<() => void> = []
  const listeners: Record<string, () => void> = {}
  let stored: TrackEvent[] = []
  const storage: QueueStorage = async (change) => (stored = structuredClone(change(structuredClone(stored))))
  const record = async (blob: string) => {
    const body = JSON.parse(blob) as TrackEvent | TrackEvent[]
    sent.push(Array.isArray(body) ? body : [body])
  }
  const window = {
    location: { href: 'https://shop.example/product' },
    document: { cookie: '' },
    fbq: vi.fn(),
    gtag: vi.fn(),
    ttq: { track: vi.fn() },
    addEventListener: (type: string, listener: () => void) => void (listeners[type] = listener),
  }
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    await record(init.body as string)
    return { ok: status < 300, status }
  })
  const tracker = createTracker(
    { relay: '/pairtrack', ...options },
    {
      window,
      now: () => 1_700_000_000_000,
      transport: {
        sendBeacon: (_url, blob) => {
          void record(blob)
          return true
        },
        fetch,
      },
      storage,
      schedule: (run) => scheduled.push(run),
      setTimeout: () => 0,
      random: () => 0.5,
    },
  )
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
  const flush = async () => {
    scheduled.splice(0).forEach((run) => run())
    await settle()
    await settle()
    return sent.splice(0)
  }
  const pixelCalls = () => ({ meta: window.fbq.mock.calls.length, ga4: window.gtag.mock.calls.length, tiktok: window.ttq.track.mock.calls.length })
  return { tracker, flush, window, pixelCalls, listeners, fetch, failNext: (s: number) => (status = s), stored: () => stored, settle }
}

const names = (beacons: TrackEvent[][]) => beacons.flat().map((event) => event.event_name)

describe('createTracker under consent', () => {
  it("with defaultConsent 'denied', fires no pixel and sends nothing until consent is granted, then only later events", async () => {
    const { tracker, flush, pixelCalls } = setup({ defaultConsent: 'denied' })

    const droppedId = tracker.track('ViewContent')
    expect(droppedId).not.toBe('')
    expect(pixelCalls()).toEqual({ meta: 0, ga4: 0, tiktok: 0 })
    expect(await flush()).toEqual([])

    tracker.consent(GRANTED)
    tracker.track('AddToCart')

    const beacons = await flush()
    expect(names(beacons)).toEqual(['AddToCart'])
    expect(beacons[0]?.[0]?.consent).toEqual(GRANTED)
    expect(pixelCalls()).toEqual({ meta: 1, ga4: 1, tiktok: 1 })
  })

  it('with queueUntilConsent, holds what was tracked while denied and fires and sends it, same ids, on a grant', async () => {
    const { tracker, flush, window } = setup({ defaultConsent: 'denied', queueUntilConsent: true })

    const first = tracker.track('ViewContent', { value: 3, currency: 'EUR' })
    const second = tracker.track('AddToCart')
    expect(await flush()).toEqual([])
    expect(window.fbq).not.toHaveBeenCalled()

    tracker.consent(GRANTED)

    const beacons = await flush()
    expect(beacons.flat().map((event) => [event.event_name, event.event_id])).toEqual([
      ['ViewContent', first],
      ['AddToCart', second],
    ])
    expect(beacons.flat().every((event) => event.consent?.ad_storage == 'granted')).toBe(true)
    expect(window.fbq.mock.calls.map((call) => call[3])).toEqual([{ eventID: first }, { eventID: second }])
  })

  it('without queueUntilConsent, a grant sends nothing tracked before it', async () => {
    const { tracker, flush } = setup({ defaultConsent: 'denied' })
    tracker.track('ViewContent')
    tracker.consent(GRANTED)
    expect(await flush()).toEqual([])
  })

  it('with advertising denied and analytics granted, fires GA4 only and beacons the state for the relay', async () => {
    const { tracker, flush, pixelCalls } = setup({ defaultConsent: 'denied', consent: { analytics_storage: 'granted' } })

    tracker.track('Lead')

    const [event] = (await flush()).flat()
    expect(pixelCalls()).toEqual({ meta: 0, ga4: 1, tiktok: 0 })
    expect(event?.pixels).toEqual({ ga4: 'fired' })
    expect(event?.consent).toEqual({ ...DENIED, analytics_storage: 'granted' })
  })

  it('with analytics denied and advertising granted, fires Meta and TikTok but not GA4', async () => {
    const { tracker, flush, pixelCalls } = setup({ consent: { analytics_storage: 'denied' } })
    tracker.track('Lead')
    const [event] = (await flush()).flat()
    expect(pixelCalls()).toEqual({ meta: 1, ga4: 0, tiktok: 1 })
    expect(event?.pixels).toEqual({ meta: 'fired', tiktok: 'fired' })
  })

  it("with defaultConsent 'granted', states every signal granted; a partial update changes only what it names", async () => {
    const { tracker, flush } = setup({ defaultConsent: 'granted' })
    tracker.consent({ ad_personalization: 'denied', limited_data_use: true })
    tracker.track('Lead')
    expect((await flush())[0]?.[0]?.consent).toEqual({ ...GRANTED, ad_personalization: 'denied', limited_data_use: true })
  })

  it('on revocation, sends nothing more, retry queue included, until consent is granted again', async () => {
    const { tracker, flush, failNext, listeners, fetch, stored, settle } = setup({ defaultConsent: 'granted' })
    failNext(503)
    tracker.track('Lead')
    await flush()
    expect(stored().map((event) => event.event_name)).toEqual(['Lead'])
    fetch.mockClear()
    failNext(202)

    tracker.consent({ ad_storage: 'denied', analytics_storage: 'denied' })
    tracker.track('AddToCart')
    listeners.online?.()
    await settle()
    await settle()

    expect(await flush()).toEqual([])
    expect(fetch).not.toHaveBeenCalled()
    expect(stored().map((event) => event.event_name)).toEqual(['Lead'])

    tracker.consent({ analytics_storage: 'granted' })
    await settle()
    const beacons = await flush()
    // The kept event goes out with today's denials: the relay sends it to GA4 only.
    expect(names(beacons)).toEqual(['Lead'])
    expect(beacons[0]?.[0]?.consent).toEqual({ ...GRANTED, ad_storage: 'denied' })
  })

  it('revoked in the same tick as a track: the event is not sent while nothing is allowed', async () => {
    const { tracker, flush, stored } = setup({ defaultConsent: 'granted' })
    tracker.track('Lead')
    tracker.consent(DENIED)
    expect(await flush()).toEqual([])
    expect(stored().map((event) => event.event_name)).toEqual(['Lead'])
  })
})

describe('queueUntilConsent bounds', () => {
  it('holds at most 50 events (the first ones) while denied', async () => {
    const { tracker, flush } = setup({ defaultConsent: 'denied', queueUntilConsent: true })
    const ids = Array.from({ length: 51 }, () => tracker.track('ViewContent'))
    tracker.consent(GRANTED)
    const sent = (await flush()).flat().map((event) => event.event_id)
    expect(sent).toEqual(ids.slice(0, 50))
  })
})
