import { describe, expect, it } from 'vitest'
import { postJson, sha256, START_MS, useEmulator } from './emulator-fixture.js'

const NOW_S = Math.floor(START_MS / 1000)
type Envelope = { code: number; message: string; request_id: string; data: Record<string, never> }

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event: 'Purchase',
    event_time: NOW_S - 30,
    event_id: 'evt-1',
    user: { email: [sha256('ada@example.org')], phone: sha256('+447700900123'), ip: '2001:db8::1', user_agent: 'UA', ttp: 'abc' },
    page: { url: 'https://shop.test/checkout' },
    properties: { value: 12.5, currency: 'EUR' },
    ...overrides,
  }
}

const body = (data: unknown[], extra: Record<string, unknown> = {}) => ({ event_source: 'web', event_source_id: 'CPIXEL1', data, ...extra })

describe('TikTok Events API', () => {
  const fixture = useEmulator()
  const track = (payload: unknown, headers: Record<string, string> = { 'Access-Token': 'tok' }) =>
    postJson(`${fixture.emulator.url}/open_api/v1.3/event/track/`, payload, headers)

  it('accepts a valid batch with code 0 and records each event as the server channel', async () => {
    const first = event()
    const { status, json } = await track(body([first, event({ event_id: 'evt-2', event: 'AddToCart' })], { test_event_code: 'TEST9' }))
    expect(status).toBe(200)
    expect(json).toEqual({ code: 0, message: 'OK', request_id: expect.any(String), data: {} })
    const { received } = fixture.emulator.ledger().tiktok
    expect(received).toHaveLength(2)
    expect(received[0]).toEqual({
      platform: 'tiktok',
      channel: 'server',
      eventName: 'Purchase',
      eventId: 'evt-1',
      pixelId: 'CPIXEL1',
      receivedAtMs: START_MS,
      testEventCode: 'TEST9',
      payload: first,
    })
  })

  it('rejects an unhashed email with HTTP 200, code 40002 naming the field, and fails the whole batch', async () => {
    const bad = event({ event_id: 'evt-2', user: { email: 'ada@example.org' } })
    const { status, json } = await track(body([event(), bad]))
    expect(status).toBe(200)
    const envelope = json as Envelope
    expect(envelope.code).toBe(40002)
    expect(envelope.message).toContain('data[1].user.email')
    expect(envelope.message).not.toContain('ada@example.org')
    const ledger = fixture.emulator.ledger().tiktok
    expect(ledger.received).toEqual([])
    expect(ledger.rejected[0]).toMatchObject({ channel: 'server', status: 200 })
  })

  it.each([
    ['event_time in milliseconds', { event_time: START_MS }, 'data[0].event_time'],
    ['no event_time', { event_time: undefined }, 'data[0].event_time'],
    ['no event name', { event: undefined }, 'data[0].event'],
    ['no page.url on a web event', { page: undefined }, 'data[0].page.url'],
    ['an unhashed external_id', { user: { external_id: 'customer-42' } }, 'data[0].user.external_id'],
    ['an unhashed zip_code', { user: { zip_code: 'SW1A 1AA' } }, 'data[0].user.zip_code'],
    ['an invalid ip', { user: { ip: 'nope' } }, 'data[0].user.ip'],
    ['limited_data_use as a string', { limited_data_use: 'true' }, 'data[0].limited_data_use'],
  ])('rejects %s', async (_case, overrides, field) => {
    const { json } = await track(body([event(overrides)]))
    expect((json as Envelope).code).toBe(40002)
    expect((json as Envelope).message).toContain(field)
  })

  it.each([
    ['no event_source_id', { event_source: 'web', data: [event()] }, 'event_source_id'],
    ['an unknown event_source', { event_source: 'website', event_source_id: 'C', data: [event()] }, 'event_source'],
    ['an empty data array', body([]), 'data'],
    ['over 1000 events', body(Array.from({ length: 1001 }, () => event())), 'data'],
  ])('rejects a request with %s', async (_case, payload, field) => {
    const { json } = await track(payload)
    expect((json as Envelope).code).toBe(40002)
    expect((json as Envelope).message).toContain(field)
  })

  it('rejects a missing Access-Token with code 40001', async () => {
    const { status, json } = await track(body([event()]), {})
    expect(status).toBe(200)
    expect((json as Envelope).code).toBe(40001)
  })

  it('counts a pixel event and an API event with the same name and id as one conversion', async () => {
    const pixel = await postJson(`${fixture.emulator.url}/api/v2/pixel`, {
      event: 'Purchase',
      event_id: 'order-1',
      context: { pixel: { code: 'CPIXEL1' }, page: { url: 'https://shop.test/' } },
      properties: { value: 12.5 },
    })
    expect(pixel.status).toBe(200)
    await track(body([event({ event_id: 'order-1' })]))
    await track(body([event({ event_id: 'order-1', event: 'AddToCart' })]))
    const { conversions } = fixture.emulator.ledger().tiktok
    expect(conversions.map((c) => [c.eventName, c.channels])).toEqual([
      ['Purchase', ['browser', 'server']],
      ['AddToCart', ['server']],
    ])
  })

  it('reads pixel hits sent as text/plain and rejects one without a pixel code or with a raw email', async () => {
    const hit = (payload: unknown) =>
      fetch(`${fixture.emulator.url}/api/v2/pixel`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(payload) })
    expect((await hit({ event: 'PageView', context: { pixel: { code: 'C1' } } })).status).toBe(200)
    expect((await hit({ event: 'PageView', context: {} })).status).toBe(400)
    expect((await hit({ event: 'PageView', context: { pixel: { code: 'C1' }, user: { email: 'ada@example.org' } } })).status).toBe(400)
    const ledger = fixture.emulator.ledger().tiktok
    expect(ledger.received.map((e) => [e.channel, e.eventName, e.eventId])).toEqual([['browser', 'PageView', null]])
    expect(ledger.rejected).toHaveLength(2)
  })
})

describe('TikTok Events API with a configured token', () => {
  const fixture = useEmulator({ credentials: { tiktok: { accessToken: 'right' } } })

  it('rejects a wrong Access-Token with code 40001 and accepts the right one', async () => {
    const url = `${fixture.emulator.url}/open_api/v1.3/event/track/`
    const wrong = await postJson(url, body([event()]), { 'Access-Token': 'wrong' })
    expect((wrong.json as Envelope).code).toBe(40001)
    const right = await postJson(url, body([event()]), { 'Access-Token': 'right' })
    expect((right.json as Envelope).code).toBe(0)
  })
})
