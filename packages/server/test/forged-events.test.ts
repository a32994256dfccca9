import { afterEach, describe, expect, it } from 'vitest'
import { signEventToken } from '../src/pipeline/event-token.js'
import { BROWSER_UA, postBeacon, startRelayHarness, TEST_IDS, type RelayHarness, type RelayHarnessOptions } from './helpers/start-relay.js'

let harness: RelayHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const start = async (options: RelayHarnessOptions = {}) => (harness = await startRelayHarness(options))
const page = 'https://shop.example/thanks'
const purchase = (eventId: string, value = 24, token?: string) => ({
  event_name: 'Purchase',
  event_id: eventId,
  event_source_url: page,
  custom_data: { value, currency: 'EUR' },
  ...(token !== undefined ? { token } : {}),
})
const asBrowser = { headers: { 'user-agent': BROWSER_UA } }

/** Everything the three platforms received, server channel. */
const delivered = async (h: RelayHarness) => {
  await h.relay.flush()
  const ledger = h.emulator.ledger()
  return [...ledger.meta.received, ...ledger.ga4.received, ...ledger.tiktok.received]
}
const counter = async (h: RelayHarness, reason: string) =>
  Number(new RegExp(`pairtrack_beacon_rejections_total\\{reason="${reason}"\\} (\\d+)`).exec(await h.relay.metrics())?.[1])

describe('signed events from the browser', () => {
  it('delivers a Purchase that carries the token minted for it', async () => {
    const h = await start()
    const token = h.relay.sign({ eventId: 'ord-1', eventName: 'Purchase', value: 24, currency: 'eur', ttl: 600 })
    const answer = await postBeacon(h.relayUrl, purchase('ord-1', 24, token), asBrowser)
    expect(answer).toMatchObject({ status: 202, json: { accepted: 1 } })
    // Meta, GA4 and TikTok each get it once.
    expect((await delivered(h)).map((entry) => entry.platform).sort()).toEqual(['ga4', 'meta', 'tiktok'])
  })

  it.each([
    ['without a token', () => purchase('ord-2'), 'token_missing'],
    ['with the token of another value', () => purchase('ord-2', 10_000, harness!.relay.sign({ eventId: 'ord-2', eventName: 'Purchase', value: 24, currency: 'EUR' })), 'token_mismatch'],
    ['with the token of another order', () => purchase('ord-2', 24, harness!.relay.sign({ eventId: 'ord-1', eventName: 'Purchase', value: 24, currency: 'EUR' })), 'token_mismatch'],
    ['with a token signed by another key', () => purchase('ord-2', 24, signEventToken({ eventId: 'ord-2', eventName: 'Purchase', value: 24, currency: 'EUR' }, 'k'.repeat(32), Date.now())), 'token_invalid'],
    ['with an expired token', () => purchase('ord-2', 24, signEventToken({ eventId: 'ord-2', eventName: 'Purchase', value: 24, currency: 'EUR', ttl: 60 }, TEST_IDS.signingSecret, Date.now() - 120_000)), 'token_expired'],
  ])('refuses a Purchase %s with 403, sends nothing and counts it', async (_case, body, code) => {
    const h = await start()
    const answer = await postBeacon(h.relayUrl, body(), asBrowser)
    expect(answer).toMatchObject({ status: 403, json: { error: code, message: expect.any(String) } })
    expect(await delivered(h)).toEqual([])
    expect(await counter(h, code)).toBe(1)
  })

  it('verifies tokens of a secret being rotated out, and signs with the new one', async () => {
    const old = 'o'.repeat(40)
    const h = await start({ config: { signingSecret: 'n'.repeat(40), previousSigningSecrets: [old] } })
    const token = signEventToken({ eventId: 'ord-3', eventName: 'Purchase', value: 24, currency: 'EUR' }, old, Date.now())
    expect((await postBeacon(h.relayUrl, purchase('ord-3', 24, token), asBrowser)).status).toBe(202)
    expect(h.relay.sign({ eventId: 'x', eventName: 'Purchase' })).not.toBe(signEventToken({ eventId: 'x', eventName: 'Purchase' }, old, Date.now()))
  })

  it('takes relay.track() at its word: no token needed', async () => {
    const h = await start()
    const result = await h.relay.track({ ...purchase('srv-1'), action_source: 'system_generated' })
    expect(result.destinations.meta).toMatchObject({ status: 'queued' })
  })

  it('without signingSecret, refuses browser Purchases, warns once at start, and relay.sign() throws', async () => {
    const warnings: string[] = []
    const logger = { debug() {}, info() {}, error() {}, warn: (_fields: Record<string, unknown>, message: string) => void warnings.push(message) }
    const h = await start({ config: { signingSecret: undefined, logger } })
    expect(warnings.filter((message) => message.includes('no signingSecret'))).toHaveLength(1)
    expect((await postBeacon(h.relayUrl, purchase('ord-4'), asBrowser)).json.error).toBe('token_missing')
    expect(() => h.relay.sign({ eventId: 'ord-4', eventName: 'Purchase' })).toThrow(/signingSecret/)
  })
})

describe('event names and policies', () => {
  it('refuses a custom event name the site did not allow, and takes one it did', async () => {
    const h = await start({ config: { eventPolicies: { QuizDone: 'open' } } })
    const custom = (name: string) => ({ event_name: name, event_id: `${name}-1`, event_source_url: page })
    expect((await postBeacon(h.relayUrl, custom('FreeMoney'), asBrowser)).json).toMatchObject({ error: 'event_not_allowed' })
    expect((await postBeacon(h.relayUrl, custom('QuizDone'), asBrowser)).status).toBe(202)
  })

  it('refuses a server-only event from the browser and takes it from relay.track()', async () => {
    const h = await start({ config: { eventPolicies: { Lead: 'server-only' } } })
    const lead = { event_name: 'Lead', event_id: 'lead-1', event_source_url: page }
    expect(await postBeacon(h.relayUrl, lead, asBrowser)).toMatchObject({ status: 403, json: { error: 'server_only' } })
    expect(await delivered(h)).toEqual([])
    await h.relay.track({ ...lead, action_source: 'system_generated' })
    expect((await delivered(h)).length).toBeGreaterThan(0)
  })
})

describe('the bot filter', () => {
  const lead = { event_name: 'Lead', event_id: 'bot-1', event_source_url: page }

  it.each([
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36',
    'curl/8.5.0',
  ])('answers 202 to %s but stores and sends nothing, and says so', async (userAgent) => {
    const h = await start()
    const answer = await postBeacon(h.relayUrl, lead, { headers: { 'user-agent': userAgent } })
    expect(answer).toEqual({ status: 202, json: { accepted: 0, events: [], filtered: 'bot_filtered' }, headers: expect.anything() })
    expect(await delivered(h)).toEqual([])
    expect(await counter(h, 'bot_filtered')).toBe(1)
  })

  it('lets an allowed user agent through, or everyone when off', async () => {
    const headless = { headers: { 'user-agent': 'Mozilla/5.0 HeadlessChrome/126.0.0.0' } }
    let h = await start({ config: { botFilter: { allow: ['HeadlessChrome'] } } })
    expect((await postBeacon(h.relayUrl, lead, headless)).json.accepted).toBe(1)
    await h.close()
    h = harness = await startRelayHarness({ config: { botFilter: false } })
    expect((await postBeacon(h.relayUrl, lead, { headers: { 'user-agent': 'curl/8.5.0' } })).json.accepted).toBe(1)
  })
})
