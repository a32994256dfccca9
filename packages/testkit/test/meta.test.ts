import { describe, expect, it } from 'vitest'
import { postJson, sha256, START_MS, useEmulator } from './emulator-fixture.js'

const NOW_S = Math.floor(START_MS / 1000)
const EMAIL_HASH = sha256('ada@example.org')

function purchase(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_name: 'Purchase',
    event_time: NOW_S - 60,
    event_id: 'evt-1',
    action_source: 'website',
    event_source_url: 'https://shop.test/checkout',
    user_data: { client_user_agent: 'Mozilla/5.0', client_ip_address: '203.0.113.7', em: [EMAIL_HASH] },
    custom_data: { currency: 'EUR', value: 12.5 },
    ...overrides,
  }
}

type MetaError = { error: { message: string; type: string; code: number; error_subcode?: number; is_transient: boolean; error_user_title: string; error_user_msg: string; fbtrace_id: string } }

describe('Meta Conversions API', () => {
  const fixture = useEmulator()
  const capiUrl = (token = 'any-token', pixel = '1234567890') =>
    `${fixture.emulator.url}/v24.0/${pixel}/events?access_token=${token}`

  it('accepts a valid website purchase and records it as the server channel', async () => {
    const event = purchase()
    const { status, json } = await postJson(capiUrl(), { data: [event], test_event_code: 'TEST123' })
    expect(status).toBe(200)
    expect(json).toEqual({ events_received: 1, messages: [], fbtrace_id: expect.any(String) })
    const [entry] = fixture.emulator.ledger().meta.received
    expect(entry).toEqual({
      platform: 'meta',
      channel: 'server',
      eventName: 'Purchase',
      eventId: 'evt-1',
      pixelId: '1234567890',
      receivedAtMs: START_MS,
      testEventCode: 'TEST123',
      payload: event,
    })
  })

  it('accepts form-encoded data=<json> like Meta’s curl examples', async () => {
    const body = new URLSearchParams({ data: JSON.stringify([purchase()]), access_token: 'tok' })
    const response = await fetch(`${fixture.emulator.url}/v25.0/1234567890/events`, { method: 'POST', body })
    expect(response.status).toBe(200)
    expect(fixture.emulator.ledger().meta.received).toHaveLength(1)
  })

  it('keeps a form-field token out of the ledger, even when the request is refused', async () => {
    const body = new URLSearchParams({ data: '[]', access_token: 'secret-token-123' })
    const response = await fetch(`${fixture.emulator.url}/v24.0/1234567890/events`, { method: 'POST', body })
    expect(response.status).toBe(400)
    expect(fixture.emulator.ledger().meta.rejected).toHaveLength(1)
    expect(JSON.stringify(fixture.emulator.ledger())).not.toContain('secret-token-123')
  })

  it('accepts hashes carrying a param-builder appendix and 5-segment fbc/fbp', async () => {
    const userData = {
      client_user_agent: 'UA',
      em: `${EMAIL_HASH}.AQQCAQIB`,
      ph: [sha256('16505551212'), sha256('447700900123')],
      external_id: 'customer-42',
      fbc: 'fb.1.1700000000000.IwAR2xyz.AQQCAQIB',
      fbp: 'fb.2.1750842798656.75452712527328085',
    }
    const { status } = await postJson(capiUrl(), { data: [purchase({ user_data: userData })] })
    expect(status).toBe(200)
  })

  it('rejects an unhashed email, naming the field Meta’s way, and stores nothing', async () => {
    const { status, json } = await postJson(capiUrl(), {
      data: [purchase({ user_data: { client_user_agent: 'UA', em: 'ada@example.org' } })],
    })
    expect(status).toBe(400)
    const { error } = json as MetaError
    expect(error).toMatchObject({ type: 'OAuthException', code: 100, error_subcode: 2804001, is_transient: false })
    expect(error.message).toContain("$['data'][0]['user_data']['em']")
    expect(error.error_user_msg).toContain("$['data'][0]['user_data']['em']")
    expect(error.message).not.toContain('ada@example.org')
    const ledger = fixture.emulator.ledger()
    expect(ledger.meta.received).toEqual([])
    expect(ledger.meta.rejected).toHaveLength(1)
    expect(ledger.meta.rejected[0]).toMatchObject({ channel: 'server', status: 400 })
  })

  it.each([
    ['uppercase hex', { em: EMAIL_HASH.toUpperCase() }],
    ['a 63-character digest', { ph: EMAIL_HASH.slice(1) }],
    ['a hash with text after it', { fn: `${EMAIL_HASH}@x` }],
    ['an empty array', { em: [] }],
  ])('rejects %s in a hashed user_data key', async (_case, fields) => {
    const { status } = await postJson(capiUrl(), { data: [purchase({ user_data: { client_user_agent: 'UA', ...fields } })] })
    expect(status).toBe(400)
  })

  it('rejects event_time in milliseconds', async () => {
    const { status, json } = await postJson(capiUrl(), { data: [purchase({ event_time: START_MS })] })
    expect(status).toBe(400)
    expect((json as MetaError).error.message).toContain("$['data'][0]['event_time']")
  })

  it('fails the whole batch when any event is older than 7 days', async () => {
    const old = purchase({ event_id: 'old', event_time: NOW_S - 7 * 86400 - 1 })
    const { status, json } = await postJson(capiUrl(), { data: [purchase(), old] })
    expect(status).toBe(400)
    expect((json as MetaError).error).toMatchObject({ code: 100, error_subcode: 2804003 })
    expect((json as MetaError).error.message).toContain("$['data'][1]['event_time']")
    expect(fixture.emulator.ledger().meta.received).toEqual([])
  })

  it('accepts an event exactly 7 days old', async () => {
    const { status } = await postJson(capiUrl(), { data: [purchase({ event_time: NOW_S - 7 * 86400 })] })
    expect(status).toBe(200)
  })

  it.each([
    ['event_name', { event_name: undefined }, "$['data'][0]['event_name']"],
    ['event_time', { event_time: undefined }, "$['data'][0]['event_time']"],
    ['action_source', { action_source: undefined }, "$['data'][0]['action_source']"],
    ['event_source_url', { event_source_url: undefined }, "$['data'][0]['event_source_url']"],
    ['user_data', { user_data: undefined }, "$['data'][0]['user_data']"],
    ['client_user_agent', { user_data: { em: EMAIL_HASH } }, "$['data'][0]['user_data']['client_user_agent']"],
    ['currency', { custom_data: { value: 3 } }, "$['data'][0]['custom_data']['currency']"],
    ['value', { custom_data: { currency: 'EUR' } }, "$['data'][0]['custom_data']['value']"],
  ])('rejects a website purchase without %s with subcode 2804019', async (_field, overrides, path) => {
    const { status, json } = await postJson(capiUrl(), { data: [purchase(overrides)] })
    expect(status).toBe(400)
    const { error } = json as MetaError
    expect(error.error_subcode).toBe(2804019)
    expect(error.message.startsWith(`The parameter ${path} `)).toBe(true)
    expect(error.message).toContain('is required')
  })

  it('accepts a non-website event without event_source_url or user agent', async () => {
    const event = purchase({ action_source: 'physical_store', event_source_url: undefined, user_data: { em: EMAIL_HASH } })
    const { status } = await postJson(capiUrl(), { data: [event] })
    expect(status).toBe(200)
  })

  it.each([
    ['an unknown action_source', { action_source: 'web' }],
    ['fbc with a seconds timestamp', { user_data: { client_user_agent: 'UA', fbc: 'fb.1.1700000000.IwAR' } }],
    ['fbc without the fb. prefix', { user_data: { client_user_agent: 'UA', fbc: 'xx.1.1700000000000.IwAR' } }],
    ['fbp with 3 segments', { user_data: { client_user_agent: 'UA', fbp: 'fb.1.1700000000000' } }],
    ['a non-IP client_ip_address', { user_data: { client_user_agent: 'UA', client_ip_address: 'localhost' } }],
    ['a currency that is not ISO 4217', { custom_data: { currency: 'EURO', value: 1 } }],
  ])('rejects %s', async (_case, overrides) => {
    const { status } = await postJson(capiUrl(), { data: [purchase(overrides)] })
    expect(status).toBe(400)
  })

  it.each([
    ['empty', []],
    ['over 1000 events', Array.from({ length: 1001 }, () => purchase())],
    ['not an array', { event_name: 'Purchase' }],
  ])('rejects a data array that is %s', async (_case, data) => {
    const { status, json } = await postJson(capiUrl(), { data })
    expect(status).toBe(400)
    expect((json as MetaError).error.message).toContain("$['data']")
  })

  it('rejects a non-numeric pixel id', async () => {
    const { status, json } = await postJson(capiUrl('tok', 'pixel-x'), { data: [purchase()] })
    expect(status).toBe(400)
    expect((json as MetaError).error.code).toBe(100)
  })

  it('rejects a request without a token with code 104', async () => {
    const response = await postJson(`${fixture.emulator.url}/v24.0/1234567890/events`, { data: [purchase()] })
    expect(response.status).toBe(400)
    expect((response.json as MetaError).error.code).toBe(104)
  })
})

describe('Meta Conversions API with configured credentials', () => {
  const fixture = useEmulator({ credentials: { meta: { accessToken: 'right-token' } } })

  it('rejects a wrong token with code 190 and never echoes it', async () => {
    const url = `${fixture.emulator.url}/v24.0/1234567890/events?access_token=wrong-token`
    const { status, json } = await postJson(url, { data: [purchase()] })
    expect(status).toBe(400)
    const { error } = json as MetaError
    expect(error).toMatchObject({ type: 'OAuthException', code: 190 })
    expect(JSON.stringify(json)).not.toContain('wrong-token')
    expect(fixture.emulator.ledger().meta.rejected).toHaveLength(1)
  })

  it('accepts the configured token', async () => {
    const url = `${fixture.emulator.url}/v24.0/1234567890/events?access_token=right-token`
    expect((await postJson(url, { data: [purchase()] })).status).toBe(200)
  })
})
