import type { TrackEvent } from '@pairtrack/shared'
import { describe, expect, it, vi } from 'vitest'
import { createBrowserHasher, hashUserDataInBrowser, installHashInBrowser } from './hash-in-browser.js'
import { addHashedEvent, NEVER_HASHED_KEYS } from './hash-in-browser-hook.js'
import { createTracker } from './tracker.js'

const sha256 = async (input: string) => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}
const CANARY = { email: 'Canary.Browser@Gmail.com', phone: '+44 20 7946 0958', first_name: 'Canaryfirst', street: '7 Canary Wharf' }
const RAW_VALUES = [...Object.values(CANARY), 'canary.browser@gmail.com', '442079460958', 'canaryfirst', 'canary']
const FBP = 'fb.1.1596403881668.1116446470'

// Polls with real timers: hashing and the recorded bodies settle over a few macrotasks.
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(done()).toBe(true)
}

/** A page with a recording transport; `flush` waits for the add-on's hashing, then sends the tick's beacon. */
function page(options: { hashInBrowser?: boolean; addOn?: boolean }) {
  const bodies: string[] = []
  const scheduled: Array<() => void> = []
  const window = { location: { href: 'https://shop.example/checkout' }, document: { cookie: `_fbp=${FBP}` } }
  if (options.addOn) installHashInBrowser({}, window)
  const warn = vi.fn()
  const tracker = createTracker(
    { relay: '/pairtrack', debug: true, ...(options.hashInBrowser !== undefined ? { hashInBrowser: options.hashInBrowser } : {}) },
    {
      window,
      now: () => 1_780_000_000_000,
      // Whichever way the tracker sends (sendBeacon, or fetch with keepalive), the body is recorded.
      transport: {
        sendBeacon: (_url, blob) => (bodies.push(blob), true),
        fetch: async (_url, init) => {
          const body: unknown = init.body
          bodies.push(String(body))
          return { ok: true, status: 202 }
        },
      },
      storage: async (change) => change([]),
      console: { warn },
      schedule: (run) => scheduled.push(run),
      setTimeout: () => undefined,
      random: () => 0.5,
    },
  )
  const flush = async () => {
    await until(() => scheduled.length > 0)
    scheduled.splice(0).forEach((run) => run())
    await until(() => bodies.length > 0)
    const body = bodies.splice(0)[0] ?? ''
    return { text: body, event: JSON.parse(body) as TrackEvent | TrackEvent[] }
  }
  return { tracker, flush, warn }
}
// user_data holds only the never-hashed ids (the tracker reads them from the page's cookies and URL).
const idsOnly = (event: TrackEvent) => Object.keys(event.user_data ?? {}).every((key) => (NEVER_HASHED_KEYS as readonly string[]).includes(key))
const first = (event: TrackEvent | TrackEvent[]): TrackEvent => (Array.isArray(event) ? (event[0] as TrackEvent) : event)

describe('hashInBrowser in the tracker', () => {
  it('beacons the add-on hashes, the never-hashed ids, and no raw PII', async () => {
    const { tracker, flush } = page({ hashInBrowser: true, addOn: true })
    tracker.track('Lead', {}, CANARY)
    const { text, event } = await flush()
    for (const raw of RAW_VALUES) expect(text.toLowerCase()).not.toContain(raw.toLowerCase())
    const sent = first(event)
    expect(idsOnly(sent)).toBe(true)
    expect(sent.user_data?.fbp).toBe(FBP)
    expect(sent.hashed_user_data?.meta?.em).toEqual([await sha256('canary.browser@gmail.com')])
    expect(sent.hashed_user_data?.meta?.ph).toEqual([await sha256('442079460958')])
    expect(sent.hashed_user_data?.ga4?.sha256_email_address).toEqual([await sha256('canarybrowser@gmail.com')])
    expect(sent.hashed_user_data?.ga4?.address).toEqual([{ sha256_first_name: await sha256('canaryfirst'), sha256_street: await sha256('7 canary wharf') }])
    expect(sent.hashed_user_data?.tiktok?.phone).toEqual([await sha256('+442079460958')])
  })

  it('drops the PII, keeps the ids and says so in debug when the add-on is missing', async () => {
    const { tracker, flush, warn } = page({ hashInBrowser: true })
    tracker.track('Lead', {}, CANARY)
    const { text, event } = await flush()
    for (const raw of RAW_VALUES) expect(text.toLowerCase()).not.toContain(raw.toLowerCase())
    expect(idsOnly(first(event))).toBe(true)
    expect(first(event).user_data?.fbp).toBe(FBP)
    expect(first(event).hashed_user_data).toBeUndefined()
    expect(warn).toHaveBeenCalledWith('[pairtrack]', expect.stringContaining('no hash add-on'))
  })

  it('sends user data as given without hashInBrowser, even with the add-on on the page', async () => {
    const { tracker, flush } = page({ addOn: true })
    tracker.track('Lead', {}, { email: CANARY.email })
    const { event } = await flush()
    expect(first(event).user_data).toMatchObject({ fbp: FBP, email: CANARY.email })
    expect(first(event).hashed_user_data).toBeUndefined()
  })
})

describe('addHashedEvent', () => {
  const event = (): TrackEvent => ({ event_name: 'Lead', event_id: 'e1', user_data: { email: 'a@example.org', ttclid: 'E.C.P.x' } })

  it('sends at once, without the add-on, an event with no PII to hash', () => {
    const add = vi.fn()
    addHashedEvent({ event_name: 'Lead', event_id: 'e1', user_data: { fbp: FBP } }, true, {}, () => undefined, add)
    expect(add).toHaveBeenCalledWith({ event_name: 'Lead', event_id: 'e1', user_data: { fbp: FBP } })
  })

  it('waits for the add-on before handing the event over', async () => {
    let release: (event: TrackEvent) => void = () => undefined
    const pairtrackHash = vi.fn(() => new Promise<TrackEvent>((resolve) => (release = resolve)))
    const add = vi.fn()
    addHashedEvent(event(), true, { pairtrackHash }, () => undefined, add)
    expect(add).not.toHaveBeenCalled()
    release({ event_name: 'Lead', event_id: 'e1', user_data: {} })
    await vi.waitFor(() => expect(add).toHaveBeenCalledWith({ event_name: 'Lead', event_id: 'e1', user_data: {} }))
  })
})

describe('createBrowserHasher', () => {
  it('drops the PII rather than sending it raw when hashing fails', async () => {
    const hasher = createBrowserHasher({ sha256: () => Promise.reject(new Error('no SubtleCrypto')) })
    expect(await hasher({ event_name: 'Lead', event_id: 'e1', user_data: { email: 'a@example.org', gclid: 'Cj0' } })).toEqual({
      event_name: 'Lead',
      event_id: 'e1',
      user_data: { gclid: 'Cj0' },
    })
  })

  it('reads a national phone with the default country, and drops it without one', async () => {
    expect((await hashUserDataInBrowser({ phone: '020 7946 0958' }, { defaultCountry: 'GB' })).tiktok?.phone).toEqual([await sha256('+442079460958')])
    expect(await hashUserDataInBrowser({ phone: '020 7946 0958' })).toEqual({})
  })

  it('leaves out the values platforms take in clear: only hashes leave the page', async () => {
    const hashed = await hashUserDataInBrowser({ city: 'London', state: 'England', zip: 'SW1Y 4JH', country: 'GB' })
    expect(JSON.stringify(hashed)).not.toMatch(/london|sw1y|"gb"/i)
    expect(hashed.meta?.ct).toEqual([await sha256('london')])
    expect(hashed.tiktok?.zip_code).toEqual([await sha256('sw1y4jh')][0])
  })
})
