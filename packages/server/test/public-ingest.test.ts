import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { BROWSER_UA, postBeacon, startRelayHarness, type RelayHarness, type RelayHarnessOptions } from './helpers/start-relay.js'

let harness: RelayHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const start = async (options: RelayHarnessOptions = {}) => (harness = await startRelayHarness(options))
const lead = (id = 'lead-1') => ({ event_name: 'Lead', event_id: id, event_source_url: 'https://shop.example/' })
const post = (h: RelayHarness, body: unknown, init: Parameters<typeof postBeacon>[2] = {}) =>
  postBeacon(h.relayUrl, body, { ...init, headers: { 'user-agent': BROWSER_UA, ...init.headers } })

describe('origin allowlist', () => {
  it("accepts beacons from the relay's own host by default, and refuses other origins with no CORS grant", async () => {
    const h = await start()
    const own = await post(h, lead())
    expect(own.status).toBe(202)
    expect(own.headers.get('access-control-allow-origin')).toBe(new URL(h.relayUrl).origin)
    expect(own.headers.get('vary')).toMatch(/Origin/)
    const foreign = await post(h, lead('lead-2'), { origin: 'https://evil.example' })
    expect(foreign).toMatchObject({ status: 403, json: { error: 'origin_not_allowed' } })
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
    await h.relay.flush()
    expect(h.emulator.ledger().meta.received.map((entry) => entry.eventId)).toEqual(['lead-1'])
  })

  it('falls back to the Referer, and refuses a request that names neither', async () => {
    const h = await start()
    const referer = await post(h, lead(), { origin: null, headers: { referer: `${h.relayUrl}/../checkout?step=2` } })
    expect(referer.status).toBe(202)
    expect((await post(h, lead('lead-2'), { origin: null })).json).toMatchObject({ error: 'origin_not_allowed', message: expect.stringMatching(/no Origin or Referer/) })
    expect((await post(h, lead('lead-3'), { origin: 'null' })).status).toBe(403)
  })

  it('takes exactly the configured origins, granting CORS to each', async () => {
    const h = await start({ config: { allowedOrigins: ['https://shop.example', 'https://www.shop.example'] } })
    const listed = await post(h, lead(), { origin: 'https://www.shop.example' })
    expect(listed.status).toBe(202)
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://www.shop.example')
    expect((await post(h, lead('lead-2'))).status).toBe(403) // its own host is not on the list
    expect((await post(h, lead('lead-3'), { origin: 'http://shop.example' })).status).toBe(403)
  })

  it("takes anyone with '*'", async () => {
    const h = await start({ config: { allowedOrigins: '*' } })
    expect((await post(h, lead(), { origin: null })).status).toBe(202)
  })

  it('answers a CORS preflight for allowed origins only', async () => {
    const h = await start({ config: { allowedOrigins: ['https://shop.example'] } })
    const preflight = (origin: string) =>
      fetch(`${h.relayUrl}/events`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } })
    const allowed = await preflight('https://shop.example')
    expect(allowed.status).toBe(204)
    expect(Object.fromEntries(allowed.headers)).toMatchObject({
      'access-control-allow-origin': 'https://shop.example',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'Content-Type',
    })
    const refused = await preflight('https://evil.example')
    expect(refused.status).toBe(403)
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('rate limit', () => {
  it('answers 429 rate_limited with Retry-After once an IP passes the limit, and counts it', async () => {
    const h = await start({ config: { rateLimit: { windowMs: 60_000, max: 3 } } })
    const answers = []
    for (let i = 0; i < 5; i++) answers.push(await post(h, lead(`rl-${i}`)))
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 429, 429])
    expect(answers[3]!.json).toEqual({ error: 'rate_limited', message: expect.stringMatching(/too many/) })
    expect(Number(answers[3]!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(answers[3]!.headers.get('ratelimit-policy')).toBe('3;w=60')
    expect(await h.relay.metrics()).toContain('pairtrack_beacon_rejections_total{reason="rate_limited"} 2')
    await h.relay.flush()
    expect(h.emulator.ledger().meta.received).toHaveLength(3)
  })

  it('counts IPs apart behind a trusted proxy', async () => {
    const h = await start({ trustProxy: 'loopback', config: { rateLimit: { windowMs: 60_000, max: 1 } } })
    expect((await post(h, lead('a'), { headers: { 'x-forwarded-for': '203.0.113.1' } })).status).toBe(202)
    expect((await post(h, lead('b'), { headers: { 'x-forwarded-for': '203.0.113.2' } })).status).toBe(202)
    expect((await post(h, lead('c'), { headers: { 'x-forwarded-for': '203.0.113.1' } })).status).toBe(429)
  })

  it('can be turned off', async () => {
    const h = await start({ config: { rateLimit: false } })
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => post(h, lead(`off-${i}`)).then((answer) => answer.status)))
    expect(new Set(statuses)).toEqual(new Set([202]))
  })
})

describe('security headers', () => {
  const jsonHeaders = { 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" }

  it('puts nosniff and a deny-all CSP on JSON answers, no-store on errors and beacon answers, and no X-Powered-By', async () => {
    const h = await start()
    for (const answer of [await post(h, lead()), await post(h, '{"broken"'), await post(h, lead('x'), { origin: 'https://evil.example' })]) {
      expect(Object.fromEntries(answer.headers)).toMatchObject({ ...jsonHeaders, 'cache-control': 'no-store' })
      expect(answer.headers.get('x-powered-by')).toBeNull()
    }
    for (const path of ['/config.json', '/health']) {
      const response = await fetch(`${h.relayUrl}${path}`)
      expect(Object.fromEntries(response.headers)).toMatchObject(jsonHeaders)
      expect(response.headers.get('x-powered-by')).toBeNull()
    }
  })

  it('serves pairtrack.js with nosniff, a script type and a cross-origin resource policy', async () => {
    const h = await start()
    const response = await fetch(`${h.relayUrl}/pairtrack.js`)
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'cross-origin',
      'content-type': 'text/javascript; charset=utf-8',
    })
  })
})

describe('body limits', () => {
  it.each([
    ['bytes that are not UTF-8', Buffer.concat([Buffer.from('{"event_name":"Lead","event_id":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), {}, 400, 'invalid_json'],
    ['a charset other than UTF-8', JSON.stringify(lead()), { contentType: 'text/plain; charset=iso-8859-1' }, 415, 'unsupported_media_type'],
    ['a gzip body', gzipSync(JSON.stringify(lead())), { headers: { 'content-encoding': 'gzip' } }, 415, 'unsupported_media_type'],
    ['nesting 9 levels deep', JSON.stringify({ ...lead(), custom_data: { a: [[[[[[['x']]]]]]] } }), {}, 400, 'invalid_body'],
    ['a custom_data of 101 keys', { ...lead(), custom_data: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])) }, {}, 400, 'invalid_body'],
    ['a control character', { ...lead(), custom_data: { note: 'a\u0000b' } }, {}, 400, 'invalid_body'],
  ])('refuses %s', async (_case, body, init, status, code) => {
    const h = await start()
    const answer = await post(h, body, init)
    expect(answer).toMatchObject({ status, json: { error: code } })
    expect(await h.relay.metrics()).toContain(`pairtrack_beacon_rejections_total{reason="${code}"} 1`)
  })

  it('keeps UTF-8 text, a byte order mark and a charset=utf-8 parameter', async () => {
    const h = await start()
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ ...lead(), custom_data: { note: 'Grüße 😀' } }))])
    expect((await post(h, body, { contentType: 'application/json; charset=UTF-8' })).status).toBe(202)
  })
})

describe('GET /metrics', () => {
  it('is not served unless metricsRoute is on', async () => {
    let h = await start()
    expect((await fetch(`${h.relayUrl}/metrics`)).status).toBe(404)
    await h.close()
    h = harness = await startRelayHarness({ config: { metricsRoute: true } })
    await post(h, lead(), { origin: 'https://evil.example' })
    const response = await fetch(`${h.relayUrl}/metrics`)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await response.text()).toContain('pairtrack_beacon_rejections_total{reason="origin_not_allowed"} 1')
  })
})
