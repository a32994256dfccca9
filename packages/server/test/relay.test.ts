import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openOutboxStore, RelayInputError } from '../src/index.js'
import { postBeacon, startRelayHarness, TEST_IDS, type RelayHarness } from './helpers/start-relay.js'

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

const purchase = (eventId: string) => ({
  event_name: 'Purchase',
  event_id: eventId,
  event_source_url: 'https://shop.example/checkout',
  custom_data: { value: 24, currency: 'eur', order_id: `order-${eventId}` },
  user_data: {
    email: ' Ada.Lovelace@Gmail.com ',
    phone: '+44 20 7946 0958',
    ga_client_id: '123456789.1700000000',
    client_user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
  },
})

let harness: RelayHarness | undefined

/** The purchase as the thank-you page beacons it: with the token the site's server minted for it. */
const signedPurchase = (eventId: string) => ({
  ...purchase(eventId),
  token: harness!.relay.sign({ eventId, eventName: 'Purchase', value: 24, currency: 'EUR' }),
})

afterEach(async () => {
  await harness?.close()
  harness = undefined
})

describe('POST /events', () => {
  it('answers 202 and delivers the event to every platform with the hashed email and phone', async () => {
    harness = await startRelayHarness()
    const answer = await postBeacon(harness.relayUrl, signedPurchase('ev-1'))
    expect(answer.status).toBe(202)
    expect(answer.json).toMatchObject({ accepted: 1, events: [{ event_id: 'ev-1', event_name: 'Purchase' }] })
    await harness.relay.flush()

    const ledger = harness.emulator.ledger()
    const meta = ledger.meta.received.filter((entry) => entry.channel === 'server')
    expect(meta).toHaveLength(1)
    expect(meta[0]).toMatchObject({ eventName: 'Purchase', eventId: 'ev-1', pixelId: TEST_IDS.metaPixelId })
    const metaUserData = (meta[0]!.payload as { user_data: { em: string[]; ph: string[] } }).user_data
    expect(metaUserData.em).toEqual([sha256('ada.lovelace@gmail.com')])
    expect(metaUserData.ph).toEqual([sha256('442079460958')])

    const tiktok = ledger.tiktok.received.filter((entry) => entry.channel === 'server')
    expect(tiktok).toMatchObject([{ eventName: 'Purchase', eventId: 'ev-1' }])
    const ga4 = ledger.ga4.received.filter((entry) => entry.channel === 'server')
    expect(ga4).toMatchObject([{ eventName: 'purchase', transactionId: 'order-ev-1' }])
    expect(ledger.meta.rejected).toEqual([])
    expect(ledger.ga4.rejected).toEqual([])
    expect(ledger.tiktok.rejected).toEqual([])
  })

  it('takes the client IP from X-Forwarded-For only when the host app trusts the proxy', async () => {
    harness = await startRelayHarness({ trustProxy: 'loopback' })
    await postBeacon(harness.relayUrl, signedPurchase('ev-ip'), { headers: { 'x-forwarded-for': '203.0.113.9', 'user-agent': 'TestAgent/1.0 (X11; Linux x86_64)' } })
    await harness.relay.flush()
    const [event] = harness.emulator.ledger().meta.received
    expect((event!.payload as { user_data: Record<string, unknown> }).user_data).toMatchObject({
      client_ip_address: '203.0.113.9',
      client_user_agent: 'TestAgent/1.0 (X11; Linux x86_64)',
    })
  })

  it('ignores X-Forwarded-For when the host app does not trust proxies', async () => {
    harness = await startRelayHarness()
    await postBeacon(harness.relayUrl, signedPurchase('ev-noproxy'), { headers: { 'x-forwarded-for': '203.0.113.9' } })
    await harness.relay.flush()
    const [event] = harness.emulator.ledger().meta.received
    expect((event!.payload as { user_data: Record<string, unknown> }).user_data.client_ip_address).toBe('127.0.0.1')
  })

  it('accepts an array of events in one beacon', async () => {
    harness = await startRelayHarness()
    const answer = await postBeacon(harness.relayUrl, [signedPurchase('ev-a'), { event_name: 'AddToCart', event_id: 'ev-b', event_source_url: 'https://shop.example/' }], {
      contentType: 'application/json',
    })
    expect(answer.status).toBe(202)
    expect(answer.json.accepted).toBe(2)
    await harness.relay.flush()
    expect(harness.emulator.ledger().meta.received.map((entry) => entry.eventId).sort()).toEqual(['ev-a', 'ev-b'])
  })

  it('answers before the platforms do', async () => {
    harness = await startRelayHarness({ config: { lingerMs: 0 } })
    harness.emulator.setFault('meta', { latencyMs: 3000 })
    const answer = await postBeacon(harness.relayUrl, signedPurchase('ev-slow'))
    expect(answer.status).toBe(202)
    // The 202 came while Meta was still holding the request: nothing has been recorded there yet.
    expect(harness.emulator.ledger().meta.received).toEqual([])
  })

  it.each([
    ['not JSON', '{"event_name": ', 400, 'invalid_json'],
    ['an empty body', '', 400, 'invalid_json'],
    ['a wrong type', { event_name: 'Purchase', event_id: 'x', custom_data: { value: 'ten' } }, 400, 'invalid_body'],
    ['milliseconds', { event_name: 'Purchase', event_id: 'x', event_time: Date.now() }, 400, 'invalid_body'],
    ['an unknown field', { event_name: 'Purchase', event_id: 'x', surprise: 1 }, 400, 'invalid_body'],
    ['too many events', Array.from({ length: 51 }, (_, i) => ({ event_name: 'Lead', event_id: `e${i}` })), 400, 'invalid_body'],
    ['a body over 64 KB', { event_name: 'Lead', event_id: 'big', custom_data: { note: 'x'.repeat(70_000) } }, 413, 'body_too_large'],
  ])('refuses %s with a JSON 4xx and sends nothing', async (_case, body, status, code) => {
    harness = await startRelayHarness()
    const answer = await postBeacon(harness.relayUrl, body)
    expect(answer.status).toBe(status)
    expect(answer.json.error).toBe(code)
    expect(typeof answer.json.message).toBe('string')
    await harness.relay.flush()
    const ledger = harness.emulator.ledger()
    expect([...ledger.meta.received, ...ledger.ga4.received, ...ledger.tiktok.received]).toEqual([])
  })

  it('names the field at fault without echoing its value', async () => {
    harness = await startRelayHarness()
    const answer = await postBeacon(harness.relayUrl, { event_name: 'Purchase', event_id: 'x', custom_data: { value: 'secret-ten' } })
    expect(answer.json.issues).toEqual([expect.objectContaining({ path: 'custom_data.value' })])
    expect(JSON.stringify(answer.json)).not.toContain('secret-ten')
  })

  it('refuses a beacon without its page URL', async () => {
    harness = await startRelayHarness()
    const answer = await postBeacon(harness.relayUrl, { event_name: 'Lead', event_id: 'no-url' })
    expect(answer).toMatchObject({ status: 400, json: { error: 'invalid_body', issues: [{ path: 'event_source_url' }] } })
  })

  it('refuses a content type that is not JSON or text with 415', async () => {
    harness = await startRelayHarness()
    const answer = await postBeacon(harness.relayUrl, purchase('ev-form'), { contentType: 'application/x-www-form-urlencoded' })
    expect(answer.status).toBe(415)
    expect(answer.json.error).toBe('unsupported_media_type')
  })

  it('drops __proto__ keys instead of letting them reach an object prototype', async () => {
    harness = await startRelayHarness()
    const answer = await postBeacon(harness.relayUrl, '{"event_name":"Lead","event_id":"p1","event_source_url":"https://shop.example/","custom_data":{"__proto__":{"polluted":true}}}')
    expect(answer.status).toBe(202)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('relay.track()', () => {
  it('resolves with what happens per destination, and a second arrival is a duplicate that is not re-sent', async () => {
    harness = await startRelayHarness()
    const first = await harness.relay.track(purchase('ev-srv'))
    expect(first).toMatchObject({
      eventId: 'ev-srv',
      eventName: 'Purchase',
      destinations: { meta: { status: 'queued' }, ga4: { status: 'queued' }, tiktok: { status: 'queued' } },
    })
    const again = await harness.relay.track(purchase('ev-srv'))
    expect(again.destinations).toMatchObject({ meta: { status: 'duplicate' }, ga4: { status: 'duplicate' }, tiktok: { status: 'duplicate' } })
    await harness.relay.flush()
    const ledger = harness.emulator.ledger()
    expect(ledger.meta.received).toHaveLength(1)
    expect(ledger.tiktok.received).toHaveLength(1)
    expect(ledger.ga4.received).toHaveLength(1)
  })

  it('rejects an invalid event with the error a beacon would get', async () => {
    harness = await startRelayHarness()
    const rejection = await harness.relay.track({ event_name: 'Purchase', event_id: 'x', event_time: Date.now() }).catch((e: unknown) => e)
    expect(rejection).toBeInstanceOf(RelayInputError)
    expect(rejection).toMatchObject({ code: 'invalid_body', issues: [{ path: 'event_time', message: expect.stringMatching(/seconds/) }] })
  })

  it('skips advertising destinations when ad consent is denied, and says why', async () => {
    harness = await startRelayHarness()
    const result = await harness.relay.track({ ...purchase('ev-denied'), consent: { ad_storage: 'denied' } })
    expect(result.destinations.meta).toMatchObject({ status: 'skipped', reason: 'consent_denied:ad_storage' })
    expect(result.destinations.tiktok).toMatchObject({ status: 'skipped' })
    expect(result.destinations.ga4).toMatchObject({ status: 'queued' })
    await harness.relay.flush()
    const ledger = harness.emulator.ledger()
    expect(ledger.meta.received).toEqual([])
    expect(ledger.tiktok.received).toEqual([])
    expect(ledger.ga4.received).toHaveLength(1)
  })

  it('refuses a website event without page URL or user agent, naming both, and accepts it as system_generated', async () => {
    harness = await startRelayHarness()
    const bare = { event_name: 'Purchase', event_id: 'webhook-1', custom_data: { value: 5, currency: 'EUR' }, user_data: { email: 'a@b.co' } }
    const rejection = await harness.relay.track(bare).catch((e: unknown) => e)
    expect(rejection).toMatchObject({
      code: 'invalid_body',
      issues: [{ path: 'event_source_url' }, { path: 'user_data.client_user_agent' }],
    })
    const accepted = await harness.relay.track({ ...bare, action_source: 'system_generated' })
    expect(accepted.destinations.meta).toMatchObject({ status: 'queued' })
  })

  it('returns a match quality estimate per destination and keeps it with the record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pairtrack-mq-'))
    harness = await startRelayHarness({ config: { store: `sqlite:${join(dir, 'outbox.db')}` } })
    const rich = await harness.relay.track({ ...purchase('mq-rich'), user_data: { ...purchase('mq-rich').user_data, fbc: 'fb.1.1700000000000.AbCd' } })
    const poor = await harness.relay.track({
      ...purchase('mq-poor'),
      user_data: { client_user_agent: 'Mozilla/5.0 (X11; Linux x86_64)' },
    })
    const richMeta = rich.destinations.meta!.matchQuality
    const poorMeta = poor.destinations.meta!.matchQuality
    expect(richMeta.score).toBeGreaterThan(poorMeta.score)
    expect(richMeta.score).toBeLessThanOrEqual(10)
    expect(richMeta.missing).not.toContain('email')
    expect(poorMeta.missing).toEqual(expect.arrayContaining(['email', 'phone', 'fbc']))
    await harness.relay.close()
    const opened = openOutboxStore(`sqlite:${join(dir, 'outbox.db')}`)
    if (!opened.ok) throw new Error(opened.error.message)
    const row = await opened.value.findRow('meta', 'Purchase', 'mq-rich')
    expect(row?.event.matchQuality?.meta).toEqual(richMeta)
    await opened.value.close()
  })

  it('refuses new events once closing', async () => {
    harness = await startRelayHarness()
    await harness.relay.close()
    await expect(harness.relay.track(purchase('late'))).rejects.toMatchObject({ code: 'relay_closing' })
  })
})

describe('GET routes', () => {
  it('serves only public ids in /config.json, never a token', async () => {
    harness = await startRelayHarness()
    const response = await fetch(`${harness.relayUrl}/config.json`)
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({
      meta: { pixelId: TEST_IDS.metaPixelId },
      ga4: { measurementId: TEST_IDS.ga4MeasurementId },
      tiktok: { pixelCode: TEST_IDS.tiktokPixelCode },
    })
    for (const secret of [TEST_IDS.metaToken, TEST_IDS.ga4Secret, TEST_IDS.tiktokToken]) expect(text).not.toContain(secret)
  })

  it('reports health', async () => {
    harness = await startRelayHarness()
    const response = await fetch(`${harness.relayUrl}/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', store: 'ok', destinations: ['meta', 'ga4', 'tiktok'] })
  })

  it('serves the built browser script', async () => {
    harness = await startRelayHarness()
    const response = await fetch(`${harness.relayUrl}/pairtrack.js`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/javascript/)
    expect(await response.text()).toMatch(/pairtrack/)
  })

  it('serves the hashInBrowser add-on beside it', async () => {
    harness = await startRelayHarness()
    const response = await fetch(`${harness.relayUrl}/pairtrack-hash.js`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/javascript/)
    expect(await response.text()).toMatch(/pairtrackHash/)
  })

  it('serves the consent add-on beside it (the Consent Mode and TCF readers)', async () => {
    harness = await startRelayHarness()
    const response = await fetch(`${harness.relayUrl}/pairtrack-consent.js`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/javascript/)
    const script = await response.text()
    expect(script).toMatch(/__tcfapi/)
    expect(script).toMatch(/dataLayer/)
  })
})
