import { describe, expect, it, vi } from 'vitest'
import { installPairtrack, relayFromScriptSrc, type PairtrackGlobal } from './install-pairtrack.js'
import { STUB } from './snippet.js'
import type { TrackerEnv } from './tracker.js'

type Page = { pairtrack?: PairtrackGlobal | undefined }

/** Runs the inline stub against a page object, as the browser runs it against window. */
function runStub(page: Page): void {
  new Function('window', STUB)(page)
}

function recordingEnv() {
  const sent: Array<{ url: string; blob: string }> = []
  const scheduled: Array<() => void> = []
  const fbq = vi.fn()
  const env: TrackerEnv = {
    window: { location: { href: 'https://shop.example/' }, document: { cookie: '' }, fbq },
    now: () => 1_700_000_000_000,
    transport: {
      sendBeacon: (url, blob) => sent.push({ url, blob }) > 0,
      // A visible page sends by fetch: recorded the same way.
      fetch: async (url, init) => ({ ok: sent.push({ url, blob: init.body as string }) > 0, status: 202 }),
    },
    schedule: (run) => scheduled.push(run),
  }
  const flush = async () => {
    scheduled.splice(0).forEach((run) => run())
    return Promise.all(sent.splice(0).map(async ({ url, blob }) => ({ url, body: JSON.parse(blob) as unknown })))
  }
  return { env, flush, fbq }
}

const asEvents = (body: unknown) => (Array.isArray(body) ? body : [body]) as Array<Record<string, unknown>>

describe('the inline stub', () => {
  it('queues calls and returns an event id for track calls before the script loads', () => {
    const page: Page = {}
    runStub(page)

    const id = page.pairtrack?.('track', 'Lead')
    page.pairtrack?.('consent', { ad_storage: 'granted' })

    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(page.pairtrack?.q).toEqual([
      ['track', 'Lead', undefined, undefined, { eventId: id }],
      ['consent', { ad_storage: 'granted' }],
    ])
  })

  it('keeps an event id the caller gives', () => {
    const page: Page = {}
    runStub(page)
    expect(page.pairtrack?.('track', 'Purchase', {}, {}, { eventId: 'order-17' })).toBe('order-17')
  })

  it('leaves an already loaded pairtrack alone', () => {
    const loaded = Object.assign(() => 'real', { loaded: true })
    const page: Page = { pairtrack: loaded }
    runStub(page)
    expect(page.pairtrack).toBe(loaded)
  })
})

describe('installPairtrack', () => {
  it('replays the queue in order, init first, with the ids the stub returned', async () => {
    const page: Page = {}
    runStub(page)
    const first = page.pairtrack?.('track', 'ViewContent', { content_ids: ['mug'] })
    page.pairtrack?.('consent', { ad_storage: 'granted' })
    const second = page.pairtrack?.('track', 'AddToCart')
    page.pairtrack?.('init', { relay: 'https://relay.example/t' })
    const { env, flush, fbq } = recordingEnv()

    installPairtrack(page, 'https://shop.example/pairtrack/pairtrack.js', env)

    const beacons = await flush()
    expect(beacons.map((b) => b.url)).toEqual(['https://relay.example/t/events'])
    const events = asEvents(beacons[0]?.body)
    expect(events.map((e) => [e.event_name, e.event_id])).toEqual([
      ['ViewContent', first],
      ['AddToCart', second],
    ])
    // consent queued between the two tracks applies to the second only
    expect(events.map((e) => e.consent)).toEqual([undefined, { ad_storage: 'granted' }])
    expect(fbq.mock.calls.map((call) => call[3])).toEqual([{ eventID: first }, { eventID: second }])
  })

  it('defaults the relay to the directory of the script and installs a working global', async () => {
    const page: Page = {}
    runStub(page)
    const { env, flush } = recordingEnv()

    installPairtrack(page, 'https://shop.example/pairtrack/pairtrack.js?v=3', env)
    const id = page.pairtrack?.('track', 'Lead')

    expect(page.pairtrack?.q).toBeUndefined()
    const beacons = await flush()
    expect(beacons).toEqual([{ url: 'https://shop.example/pairtrack/events', body: expect.objectContaining({ event_id: id }) }])
  })

  it('ignores an init after the tracker is running', async () => {
    const page: Page = {}
    const { env, flush } = recordingEnv()
    installPairtrack(page, undefined, env)

    page.pairtrack?.('track', 'Lead')
    page.pairtrack?.('init', { relay: 'https://elsewhere.example' })
    page.pairtrack?.('track', 'Lead')

    expect((await flush()).map((b) => b.url)).toEqual(['/pairtrack/events'])
  })

  it('applies queued consent options: nothing before the consent call, the held event after it', async () => {
    const page: Page = {}
    runStub(page)
    page.pairtrack?.('init', { defaultConsent: 'denied', queueUntilConsent: true })
    const held = page.pairtrack?.('track', 'ViewContent')
    const { env, flush, fbq } = recordingEnv()
    installPairtrack(page, 'https://shop.example/pairtrack/pairtrack.js', env)
    expect(await flush()).toEqual([])
    expect(fbq).not.toHaveBeenCalled()

    page.pairtrack?.('consent', { ad_storage: 'granted', analytics_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' })

    const events = asEvents((await flush())[0]?.body)
    expect(events.map((e) => [e.event_name, e.event_id])).toEqual([['ViewContent', held]])
    expect(fbq.mock.calls.map((call) => call[3])).toEqual([{ eventID: held }])
  })

  it('survives bad calls and a malformed queue without throwing', () => {
    const page: Page = { pairtrack: Object.assign(() => undefined, { q: [42, ['track', 42], ['nonsense']] }) }
    const { env } = recordingEnv()
    expect(() => installPairtrack(page, 'not a url', env)).not.toThrow()
    expect(page.pairtrack?.loaded).toBe(true)
    expect(() => page.pairtrack?.('explode', null)).not.toThrow()
  })

  it('does not install twice', () => {
    const page: Page = {}
    const { env } = recordingEnv()
    installPairtrack(page, undefined, env)
    const installed = page.pairtrack
    installPairtrack(page, undefined, env)
    expect(page.pairtrack).toBe(installed)
  })
})

describe('relayFromScriptSrc', () => {
  it.each([
    ['https://shop.example/pairtrack/pairtrack.js', 'https://shop.example/pairtrack'],
    ['https://shop.example/pairtrack/pairtrack.js?v=2#x', 'https://shop.example/pairtrack'],
    ['https://cdn.example/pairtrack.js', 'https://cdn.example'],
    [undefined, '/pairtrack'],
    ['', '/pairtrack'],
    ['not a url', '/pairtrack'],
  ])('%j → %j', (src, relay) => {
    expect(relayFromScriptSrc(src)).toBe(relay)
  })
})
