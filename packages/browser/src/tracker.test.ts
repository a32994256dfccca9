import type { TrackEvent } from '@pairtrack/shared'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TrackerOptions } from './options.js'
import { createTracker, type TrackerEnv } from './tracker.js'
import type { QueueStorage } from './transport/queue-storage.js'
import type { SendTransport } from './transport/send.js'

const NOW = 1_700_000_000_500
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** A storage like IndexedDB's (it hands back clones), shared by the "pages" of one test. */
function memoryStorage(initial: TrackEvent[] = []) {
  let stored = structuredClone(initial)
  const storage: QueueStorage = async (change) => (stored = structuredClone(change(structuredClone(stored))))
  return { storage, stored: () => stored }
}

/**
 * A page with all three pixels, a recording transport (by fetch or sendBeacon: `flush` returns both), a
 * manual flush of batched beacons, and recorded event listeners and retry timers.
 */
function setup(options: TrackerOptions = { relay: 'https://shop.example/pairtrack/' }, overrides: Partial<TrackerEnv> = {}) {
  const blobs: Array<{ url: string; blob: string }> = []
  const scheduled: Array<() => void> = []
  const listeners: Record<string, (event: { type: string }) => void> = {}
  const timers: Array<{ run: () => void; ms: number }> = []
  const window = {
    location: { href: 'https://shop.example/checkout?fbclid=IwAR1' },
    document: { cookie: '_fbp=fb.1.1596403881668.1116446470; _ga=GA1.1.111.222' },
    fbq: vi.fn(),
    gtag: vi.fn(),
    ttq: { track: vi.fn() },
    addEventListener: (type: string, listener: (event: { type: string }) => void) => {
      listeners[type] = listener
    },
  }
  const warn = vi.fn()
  const env: TrackerEnv = {
    window,
    now: () => NOW,
    transport: {
      sendBeacon: (url, blob) => {
        blobs.push({ url, blob })
        return true
      },
      fetch: async (url, init) => {
        blobs.push({ url, blob: init.body as string })
        return { ok: true, status: 202 }
      },
    },
    storage: memoryStorage().storage,
    console: { warn },
    schedule: (run) => scheduled.push(run),
    setTimeout: (run, ms) => timers.push({ run, ms }),
    random: () => 0.5,
    ...overrides,
  }
  const tracker = createTracker(options, env)
  const flush = async () => {
    scheduled.splice(0).forEach((run) => run())
    return Promise.all(blobs.splice(0).map(async ({ url, blob }) => ({ url, body: JSON.parse(blob) as unknown })))
  }
  return { tracker, window, flush, warn, listeners, timers }
}

/**
 * A transport whose fetch answers `statuses` in turn (then 202), recording bodies, and whose sendBeacon
 * would accept anything: while the page is visible it must not be used (a beacon's answer cannot be read).
 */
function fetchOnly(...statuses: Array<number | Error>) {
  const bodies: unknown[] = []
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    bodies.push(JSON.parse(init.body as string))
    const status = statuses.shift() ?? 202
    if (status instanceof Error) throw status
    return { ok: status < 300, status }
  })
  const sendBeacon = vi.fn(() => true)
  const transport: SendTransport = { sendBeacon, fetch }
  return { transport, fetch, sendBeacon, bodies }
}

const idsOf = (body: unknown) => (Array.isArray(body) ? body : [body]).map((event: { event_id: string }) => event.event_id)

describe('createTracker', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('beacons the tracked event with page ids, consent and what each pixel did', async () => {
    const { tracker, window, flush } = setup()
    tracker.consent({ ad_storage: 'granted', analytics_storage: 'denied' })
    tracker.consent({ ad_user_data: 'granted' })

    const id = tracker.track('Purchase', { value: 24, currency: 'EUR', order_id: 'A-17' }, { email: 'Jo@Example.com' })

    expect(id).toMatch(UUID)
    expect(await flush()).toEqual([
      {
        url: 'https://shop.example/pairtrack/events',
        body: {
          event_name: 'Purchase',
          event_id: id,
          event_time: 1_700_000_000,
          event_source_url: 'https://shop.example/checkout?fbclid=IwAR1',
          action_source: 'website',
          custom_data: { value: 24, currency: 'EUR', order_id: 'A-17' },
          user_data: {
            email: 'Jo@Example.com',
            fbp: 'fb.1.1596403881668.1116446470',
            fbc: 'fb.1.1700000000500.IwAR1',
            ga_client_id: '111.222',
          },
          consent: { ad_storage: 'granted', analytics_storage: 'denied', ad_user_data: 'granted' },
          // analytics_storage denied: the GA4 pixel is not fired (tracker-consent.test.ts)
          pixels: { meta: 'fired', tiktok: 'fired' },
        },
      },
    ])
    expect(window.fbq).toHaveBeenCalledWith('track', 'Purchase', expect.any(Object), { eventID: id })
  })

  it('uses the event id the caller gives, on the pixels and in the beacon', async () => {
    const { tracker, window, flush } = setup()
    expect(tracker.track('Lead', undefined, undefined, { eventId: 'order-17' })).toBe('order-17')
    expect(window.ttq.track).toHaveBeenCalledWith('Lead', {}, { event_id: 'order-17' })
    expect((await flush())[0]?.body).toMatchObject({ event_id: 'order-17' })
  })

  it('mints a fresh id when the given one would fail the relay schema', () => {
    const { tracker } = setup()
    expect(tracker.track('Lead', {}, {}, { eventId: 'has space' })).toMatch(UUID)
  })

  it('sends the events tracked in one tick as one array beacon', async () => {
    const { tracker, flush } = setup()
    const first = tracker.track('ViewContent')
    const second = tracker.track('AddToCart')

    const beacons = await flush()

    expect(beacons).toHaveLength(1)
    expect((beacons[0]?.body as Array<{ event_id: string }>).map((e) => e.event_id)).toEqual([first, second])
  })

  it('splits more than 50 events of one tick into several beacons', async () => {
    const { tracker, flush } = setup()
    for (let i = 0; i < 51; i++) tracker.track('ViewContent')
    const beacons = await flush()
    expect(beacons.map((b) => (Array.isArray(b.body) ? b.body.length : 1))).toEqual([50, 1])
  })

  it('drops user data keys and values the relay schema would reject', async () => {
    const { tracker, flush } = setup()
    tracker.track('Lead', {}, { email: ['a@b.co'], phone: 12345, favourite_colour: 'blue' } as never)
    const body = (await flush())[0]?.body as { user_data: Record<string, unknown> }
    expect(body.user_data.email).toEqual(['a@b.co'])
    expect(body.user_data).not.toHaveProperty('phone')
    expect(body.user_data).not.toHaveProperty('favourite_colour')
  })

  it('cuts a page URL longer than the relay accepts rather than dropping it (the relay requires one)', async () => {
    const { tracker, window, flush } = setup()
    window.location.href = `https://shop.example/?q=${'x'.repeat(3000)}`
    tracker.track('Lead')
    const body = (await flush())[0]?.body as { event_source_url: string }
    expect(body.event_source_url).toBe(window.location.href.slice(0, 2048))
  })

  it('writes no click-id cookie once ad_storage is denied', () => {
    const { tracker, window } = setup()
    const cookieBefore = window.document.cookie
    tracker.consent({ ad_storage: 'denied' })
    tracker.track('Lead')
    expect(window.document.cookie).toBe(cookieBefore)
  })

  it.each([
    ['a number', [42]],
    ['an empty name', ['']],
    ['a name the relay rejects', ['<script>']],
  ])('rejects %s without throwing, firing or sending, and returns an empty id', async (_, args) => {
    const { tracker, window, flush } = setup()
    expect((tracker.track as (...a: unknown[]) => string)(...args)).toBe('')
    expect(window.fbq).not.toHaveBeenCalled()
    expect(await flush()).toEqual([])
  })

  it('ignores custom data that is not an object', async () => {
    const { tracker, flush } = setup()
    tracker.track('Lead', 'cheap' as never)
    expect((await flush())[0]?.body).not.toHaveProperty('custom_data')
  })

  it('keeps a throwing pixel and a dead relay from the page, and keeps the event for a retry', async () => {
    const fetch = vi.fn(async (): Promise<{ ok: boolean; status: number }> => {
      throw new TypeError('Failed to fetch')
    })
    const sendBeacon = () => {
      throw new Error('no beacon')
    }
    const { storage, stored } = memoryStorage()
    const { tracker, window, flush, timers } = setup({ relay: '/pairtrack' }, { transport: { sendBeacon, fetch }, storage })
    window.fbq.mockImplementation(() => {
      throw new Error('fbq broke')
    })

    const id = tracker.track('Lead')

    expect(id).toMatch(UUID)
    await expect(flush()).resolves.toEqual([])
    await vi.waitFor(() => expect(stored().map((e) => e.event_id)).toEqual([id]))
    expect(stored()[0]?.pixels).toEqual({ meta: 'threw', ga4: 'fired', tiktok: 'fired' })
    expect(fetch).toHaveBeenCalledOnce()
    expect(timers).toHaveLength(1)
  })

  it('mints a UUID v4 from getRandomValues where crypto.randomUUID is missing (old browsers)', () => {
    const { getRandomValues } = globalThis.crypto
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) })
    const { tracker } = setup()
    expect(tracker.track('Lead')).toMatch(UUID)
  })

  it('keeps the event from the page when the relay answers garbage, and retries it', async () => {
    const garbage = vi.fn(async () => 'not a response' as unknown as { ok: boolean; status: number })
    const { storage, stored } = memoryStorage()
    const { tracker, flush } = setup(undefined, { transport: { sendBeacon: () => false, fetch: garbage }, storage })
    const id = tracker.track('Lead')
    await flush()
    await vi.waitFor(() => expect(stored().map((e) => e.event_id)).toEqual([id]))
  })

  it('keeps events tracked offline and sends them by fetch when the browser is back online', async () => {
    const { transport, bodies } = fetchOnly()
    const offline: SendTransport = { ...transport, onLine: false }
    const { storage, stored } = memoryStorage()
    const { tracker, flush, listeners } = setup(undefined, { transport: offline, storage })

    const id = tracker.track('Purchase', { value: 5, currency: 'EUR' })
    await flush()
    await vi.waitFor(() => expect(stored()).toHaveLength(1))
    expect(bodies).toEqual([])

    offline.onLine = true
    listeners.online?.({ type: 'online' })
    await vi.waitFor(() => expect(stored()).toEqual([]))
    expect(bodies.map(idsOf)).toEqual([[id]])
  })

  it('retries a beacon the relay answered 503 to after a backoff, until it is taken', async () => {
    const { transport, bodies, sendBeacon } = fetchOnly(503, 503)
    const { storage, stored } = memoryStorage()
    const { tracker, flush, timers } = setup(undefined, { transport, storage })

    const id = tracker.track('Lead')
    await flush()
    await vi.waitFor(() => expect(timers).toHaveLength(1))

    timers[0]!.run() // first retry: 503 again
    await vi.waitFor(() => expect(timers).toHaveLength(2))
    expect(timers.map((t) => t.ms)).toEqual([2500, 5000])
    expect(stored()).toHaveLength(1)

    timers[1]!.run() // second retry: 202
    await vi.waitFor(() => expect(stored()).toEqual([]))
    expect(bodies.map(idsOf)).toEqual([[id], [id], [id]])
    // The page was visible: a sendBeacon would have been accepted and the 503 never seen.
    expect(sendBeacon).not.toHaveBeenCalled()
  })

  it('keeps an event the relay answered 503 to while the page is visible, and sends it on the next page', async () => {
    const { storage, stored } = memoryStorage()
    const down = fetchOnly(503)
    const first = setup(undefined, { transport: down.transport, storage, setTimeout: () => 0 })
    const id = first.tracker.track('Purchase', { value: 5, currency: 'EUR' })
    await first.flush()
    await vi.waitFor(() => expect(stored().map((e) => e.event_id)).toEqual([id]))
    expect(down.sendBeacon).not.toHaveBeenCalled()

    const up = fetchOnly()
    setup(undefined, { transport: up.transport, storage }) // the next page load
    await vi.waitFor(() => expect(stored()).toEqual([]))
    expect(up.bodies.map(idsOf)).toEqual([[id]])
  })

  it('sends what earlier pages could not hand over as soon as it starts', async () => {
    const earlier: TrackEvent = { event_name: 'Lead', event_id: 'from-last-page', event_time: Math.floor(NOW / 1000) - 60 }
    const { storage, stored } = memoryStorage([earlier])
    const { transport, bodies } = fetchOnly()
    setup(undefined, { transport, storage })
    await vi.waitFor(() => expect(stored()).toEqual([]))
    expect(bodies).toEqual([earlier])
  })

  it.each([
    ['pagehide', false, 'sendBeacon'],
    ['visibilitychange', true, 'sendBeacon'],
    ['visibilitychange', false, 'fetch'],
    ['online', false, 'fetch'],
  ] as const)('sends the events of the tick at once on %s (hidden: %s), by %s', async (type, hidden, way) => {
    const sent: string[] = []
    const { tracker, window, listeners } = setup(undefined, {
      transport: {
        sendBeacon: () => sent.push('sendBeacon') > 0,
        fetch: async () => ({ ok: sent.push('fetch') > 0, status: 202 }),
      },
      schedule: () => {}, // the microtask that would flush never comes: the page is going away
    })
    tracker.track('Lead')
    expect(sent).toEqual([])
    Object.assign(window.document, { hidden })
    listeners[type]?.({ type })
    await vi.waitFor(() => expect(sent).toEqual([way]))
  })

  it('logs to the console only in debug mode, and never the user data', async () => {
    const quiet = setup()
    quiet.tracker.track('Lead', {}, { email: 'secret@example.com' })
    await quiet.flush()
    expect(quiet.warn).not.toHaveBeenCalled()

    const loud = setup({ relay: '/pairtrack', debug: true })
    loud.tracker.track('Lead', {}, { email: 'secret@example.com' })
    loud.tracker.track(42 as never)
    await loud.flush()
    expect(loud.warn).toHaveBeenCalled()
    expect(JSON.stringify(loud.warn.mock.calls)).not.toContain('secret@example.com')
  })
})
