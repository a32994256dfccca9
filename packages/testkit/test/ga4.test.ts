import { describe, expect, it } from 'vitest'
import { postJson, sha256, START_MS, useEmulator } from './emulator-fixture.js'

const CLIENT_ID = '1197596843.1673515099'
type Debug = { validationMessages: Array<{ fieldPath: string; description: string; validationCode: string }> }

function payload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    client_id: CLIENT_ID,
    timestamp_micros: START_MS * 1000,
    user_data: { sha256_email_address: [sha256('ada@example.org')], address: [{ sha256_first_name: sha256('ada'), country: 'GB' }] },
    consent: { ad_user_data: 'GRANTED', ad_personalization: 'DENIED' },
    events: [{ name: 'purchase', params: { transaction_id: 'T-1', value: 12.5, currency: 'EUR', items: [{ item_id: 'mug' }] } }],
    ...overrides,
  }
}

describe('GA4 Measurement Protocol', () => {
  const fixture = useEmulator()
  const mpUrl = (query = 'measurement_id=G-TEST1&api_secret=secret') => `${fixture.emulator.url}/mp/collect?${query}`
  const debug = async (body: unknown) =>
    (await postJson(`${fixture.emulator.url}/debug/mp/collect?measurement_id=G-TEST1`, body)).json as Debug

  it('answers 204 and records each event with its transaction id and the request’s client id', async () => {
    const body = payload()
    const { status, json } = await postJson(mpUrl(), body)
    expect(status).toBe(204)
    expect(json).toBeNull()
    const [entry] = fixture.emulator.ledger().ga4.received
    expect(entry).toMatchObject({ platform: 'ga4', channel: 'server', eventName: 'purchase', transactionId: 'T-1', pixelId: 'G-TEST1', eventId: null })
    expect(entry?.payload).toMatchObject({ client_id: CLIENT_ID, event: (body.events as unknown[])[0] })
  })

  it('answers 2xx to a UUID client id but drops it as rejected, and the validator names it', async () => {
    const body = payload({ client_id: '4c8f3f4e-8a4b-4a8e-9d1e-3f0c2b7d9e11' })
    expect((await postJson(mpUrl(), body)).status).toBe(204)
    const ledger = fixture.emulator.ledger().ga4
    expect(ledger.received).toEqual([])
    expect(ledger.conversions).toEqual([])
    expect(ledger.rejected[0]).toMatchObject({ channel: 'server', status: 204 })
    expect(ledger.rejected[0]?.reason).toContain('client_id')
    expect((await debug(body)).validationMessages).toEqual([
      { fieldPath: 'client_id', description: expect.stringContaining('two positive numbers'), validationCode: 'VALUE_INVALID' },
    ])
  })

  it('validates a good payload with no messages and stores nothing', async () => {
    expect(await debug(payload())).toEqual({ validationMessages: [] })
    expect(fixture.emulator.ledger().ga4).toEqual({ received: [], rejected: [], conversions: [] })
  })

  it('validates a hashed street in the address (sha256_street, platforms.md 2.3)', async () => {
    const address = [{ sha256_first_name: sha256('ada'), sha256_street: sha256('1 main st'), postal_code: 'sw1a 1aa', country: 'GB' }]
    expect(await debug(payload({ user_data: { sha256_email_address: [sha256('ada@example.org')], address } }))).toEqual({ validationMessages: [] })
  })

  it.each([
    ['a missing client_id', { client_id: undefined }, 'client_id', 'VALUE_REQUIRED'],
    ['no events', { events: [] }, 'events', 'VALUE_REQUIRED'],
    ['26 events', { events: Array.from({ length: 26 }, () => ({ name: 'x' })) }, 'events', 'EXCEEDED_MAX_ENTITIES'],
    ['a name starting with _', { events: [{ name: '_badEventName' }] }, 'events[0].name', 'NAME_INVALID'],
    ['a reserved event name', { events: [{ name: 'session_start' }] }, 'events[0].name', 'NAME_RESERVED'],
    ['a 41-character name', { events: [{ name: 'a'.repeat(41) }] }, 'events[0].name', 'VALUE_OUT_OF_BOUNDS'],
    ['26 params', { events: [{ name: 'x', params: Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`p${i}`, i])) }] }, 'events[0].params', 'EXCEEDED_MAX_ENTITIES'],
    ['a reserved param prefix', { events: [{ name: 'x', params: { google_x: 1 } }] }, 'events[0].params.google_x', 'NAME_RESERVED'],
    ['a param value over 100 chars', { events: [{ name: 'x', params: { note: 'n'.repeat(101) } }] }, 'events[0].params.note', 'VALUE_OUT_OF_BOUNDS'],
    ['timestamp_micros in milliseconds', { timestamp_micros: START_MS }, 'timestamp_micros', 'VALUE_INVALID'],
    ['timestamp_micros over 72 h old', { timestamp_micros: (START_MS - 72 * 3600_000 - 1000) * 1000 }, 'timestamp_micros', 'VALUE_OUT_OF_BOUNDS'],
    ['an event timestamp in seconds', { events: [{ name: 'x', timestamp_micros: Math.floor(START_MS / 1000) }] }, 'events[0].timestamp_micros', 'VALUE_INVALID'],
    ['an unhashed email', { user_data: { sha256_email_address: 'ada@example.org' } }, 'user_data.sha256_email_address', 'VALUE_INVALID'],
    ['four phone hashes', { user_data: { sha256_phone_number: Array(4).fill(sha256('+1')) } }, 'user_data.sha256_phone_number', 'EXCEEDED_MAX_ENTITIES'],
    ['an unhashed first name', { user_data: { address: { sha256_first_name: 'Ada' } } }, 'user_data.address[0].sha256_first_name', 'VALUE_INVALID'],
    ['an unhashed street', { user_data: { address: [{ sha256_street: '1 Main St' }] } }, 'user_data.address[0].sha256_street', 'VALUE_INVALID'],
    ['consent "yes"', { consent: { ad_user_data: 'yes' } }, 'consent.ad_user_data', 'VALUE_INVALID'],
    ['a reserved user property', { user_properties: { first_visit_time: { value: '1' } } }, 'user_properties.first_visit_time', 'NAME_RESERVED'],
  ])('reports %s', async (_case, overrides, fieldPath, validationCode) => {
    const { validationMessages } = await debug(payload(overrides))
    expect(validationMessages).toContainEqual({ fieldPath, description: expect.any(String), validationCode })
  })

  it('accepts a timestamp exactly 72 h old', async () => {
    expect((await debug(payload({ timestamp_micros: (START_MS - 72 * 3600_000) * 1000 }))).validationMessages).toEqual([])
  })

  it('reports an unparseable body', async () => {
    const { validationMessages } = await debug('{not json')
    expect(validationMessages[0]?.validationCode).toBe('VALUE_INVALID')
  })

  it('drops a payload without api_secret', async () => {
    expect((await postJson(mpUrl('measurement_id=G-TEST1'), payload())).status).toBe(204)
    expect(fixture.emulator.ledger().ga4.received).toEqual([])
    expect(fixture.emulator.ledger().ga4.rejected[0]?.reason).toContain('api_secret')
  })

  it('counts purchases with the same transaction id as one conversion, browser or server', async () => {
    await fetch(`${fixture.emulator.url}/g/collect?v=2&tid=G-TEST1&cid=${CLIENT_ID}&en=purchase&ep.transaction_id=T-1&epn.value=12.5`)
    await postJson(mpUrl(), payload())
    await postJson(mpUrl(), payload({ events: [{ name: 'purchase', params: { transaction_id: 'T-2' } }] }))
    const { conversions } = fixture.emulator.ledger().ga4
    expect(conversions.map((c) => [c.key, c.channels])).toEqual([
      ['G-TEST1|purchase|T-1', ['browser', 'server']],
      ['G-TEST1|purchase|T-2', ['server']],
    ])
  })

  it('collapses every purchase with an empty transaction id, like GA4', async () => {
    const emptyId = { events: [{ name: 'purchase', params: { transaction_id: '' } }] }
    await postJson(mpUrl(), payload(emptyId))
    await postJson(mpUrl(), payload(emptyId))
    expect(fixture.emulator.ledger().ga4.conversions).toHaveLength(1)
  })

  it('never deduplicates other events, even with identical params', async () => {
    const lead = { events: [{ name: 'generate_lead', params: { event_id: 'same', transaction_id: 'T-1' } }] }
    await postJson(mpUrl(), payload(lead))
    await postJson(mpUrl(), payload(lead))
    const { conversions, received } = fixture.emulator.ledger().ga4
    expect(received.map((e) => e.eventId)).toEqual(['same', 'same'])
    expect(conversions).toHaveLength(2)
  })
})

describe('GA4 Measurement Protocol with a configured api_secret', () => {
  const fixture = useEmulator({ credentials: { ga4: { apiSecret: 'right' } } })

  it('answers 2xx to a wrong api_secret but drops the events', async () => {
    const wrong = await postJson(`${fixture.emulator.url}/mp/collect?measurement_id=G-TEST1&api_secret=wrong`, payload())
    expect(wrong.status).toBe(204)
    expect(fixture.emulator.ledger().ga4.received).toEqual([])
    expect(fixture.emulator.ledger().ga4.rejected).toHaveLength(1)
    await postJson(`${fixture.emulator.url}/mp/collect?measurement_id=G-TEST1&api_secret=right`, payload())
    expect(fixture.emulator.ledger().ga4.received).toHaveLength(1)
  })
})

describe('GA4 gtag hits (/g/collect)', () => {
  const fixture = useEmulator()

  it('records a GET hit with its ep.* params and answers 204', async () => {
    const response = await fetch(`${fixture.emulator.url}/g/collect?v=2&tid=G-TEST1&cid=${CLIENT_ID}&en=page_view&dl=https%3A%2F%2Fshop.test%2F&ep.event_id=e-7`)
    expect(response.status).toBe(204)
    const [entry] = fixture.emulator.ledger().ga4.received
    expect(entry).toMatchObject({ channel: 'browser', eventName: 'page_view', eventId: 'e-7', pixelId: 'G-TEST1' })
    expect(entry?.payload).toMatchObject({ cid: CLIENT_ID, dl: 'https://shop.test/' })
  })

  it('splits a POST body into one hit per line over the URL’s shared params', async () => {
    const response = await fetch(`${fixture.emulator.url}/g/collect?v=2&tid=G-TEST1&cid=${CLIENT_ID}`, {
      method: 'POST',
      body: 'en=view_item&ep.item=mug\nen=add_to_cart&epn.value=3',
    })
    expect(response.status).toBe(204)
    expect(fixture.emulator.ledger().ga4.received.map((e) => e.eventName)).toEqual(['view_item', 'add_to_cart'])
  })

  it.each([
    ['a UUID cid', `v=2&tid=G-TEST1&cid=4c8f3f4e-8a4b&en=page_view`],
    ['v=1', `v=1&tid=G-TEST1&cid=${CLIENT_ID}&en=page_view`],
    ['no tid', `v=2&cid=${CLIENT_ID}&en=page_view`],
    ['no en', `v=2&tid=G-TEST1&cid=${CLIENT_ID}`],
  ])('answers 204 to a hit with %s but records it as rejected', async (_case, query) => {
    expect((await fetch(`${fixture.emulator.url}/g/collect?${query}`)).status).toBe(204)
    const ledger = fixture.emulator.ledger().ga4
    expect(ledger.received).toEqual([])
    expect(ledger.rejected[0]).toMatchObject({ channel: 'browser', status: 204 })
  })
})
