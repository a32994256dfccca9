import { describe, expect, it } from 'vitest'
import { postJson, sha256, START_MS, useEmulator } from './emulator-fixture.js'

const NOW_S = Math.floor(START_MS / 1000)
const HOURS_MS = 60 * 60 * 1000

function serverEvent(eventName: string, eventId: string) {
  return {
    event_name: eventName,
    event_time: NOW_S,
    event_id: eventId,
    action_source: 'website',
    event_source_url: 'https://shop.test/',
    user_data: { client_user_agent: 'UA' },
    custom_data: { currency: 'EUR', value: 5 },
  }
}

describe('Meta pixel hits and dedup', () => {
  const fixture = useEmulator()
  const hit = (query: string) => fetch(`${fixture.emulator.url}/tr/?${query}`)
  const sendServer = (eventName: string, eventId: string) =>
    postJson(`${fixture.emulator.url}/v24.0/1234567890/events?access_token=t`, { data: [serverEvent(eventName, eventId)] })

  it('answers a GET hit with a 1×1 GIF and records it as the browser channel', async () => {
    const contents = encodeURIComponent(JSON.stringify([{ id: 'sku-1', quantity: 2 }]))
    const response = await hit(`id=1234567890&ev=Purchase&eid=evt-9&dl=https%3A%2F%2Fshop.test%2F&cd[value]=5&cd[currency]=EUR&cd[contents]=${contents}&fbp=fb.1.1700000000000.123`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/gif')
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 6).toString()).toBe('GIF89a')
    const [entry] = fixture.emulator.ledger().meta.received
    expect(entry).toMatchObject({ channel: 'browser', eventName: 'Purchase', eventId: 'evt-9', pixelId: '1234567890' })
    expect(entry?.payload).toMatchObject({
      dl: 'https://shop.test/',
      fbp: 'fb.1.1700000000000.123',
      cd: { value: '5', currency: 'EUR', contents: [{ id: 'sku-1', quantity: 2 }] },
    })
  })

  it('accepts /tr without the trailing slash and POSTed form hits (answered 204)', async () => {
    expect((await fetch(`${fixture.emulator.url}/tr?id=1&ev=PageView`)).status).toBe(200)
    const post = await fetch(`${fixture.emulator.url}/tr/`, { method: 'POST', body: new URLSearchParams({ id: '1', ev: 'Lead', eid: 'x' }) })
    expect(post.status).toBe(204)
    expect(fixture.emulator.ledger().meta.received.map((e) => e.eventName)).toEqual(['PageView', 'Lead'])
  })

  it('accepts hashed advanced matching and rejects a raw ud[em]', async () => {
    expect((await hit(`id=1&ev=PageView&ud[em]=${sha256('ada@example.org')}`)).status).toBe(200)
    expect((await hit('id=1&ev=PageView&ud[em]=ada%40example.org')).status).toBe(400)
    const ledger = fixture.emulator.ledger().meta
    expect(ledger.received).toHaveLength(1)
    expect(ledger.rejected[0]).toMatchObject({ channel: 'browser', status: 400 })
    expect(ledger.rejected[0]?.reason).toContain('ud[em]')
  })

  it.each([['id=1'], ['ev=PageView'], ['id=abc&ev=PageView']])('rejects a hit without a valid id and ev: %s', async (query) => {
    expect((await hit(query)).status).toBe(400)
    expect(fixture.emulator.ledger().meta.received).toEqual([])
  })

  it('counts a pixel hit and a server event with the same id and name as one conversion', async () => {
    await hit('id=1234567890&ev=Purchase&eid=order-1')
    fixture.clock.advance(5_000)
    expect((await sendServer('Purchase', 'order-1')).status).toBe(200)
    const { conversions, received } = fixture.emulator.ledger().meta
    expect(received).toHaveLength(2)
    expect(conversions).toEqual([
      { platform: 'meta', eventName: 'Purchase', key: '1234567890|Purchase|order-1', channels: ['browser', 'server'], firstChannel: 'browser', duplicates: 1 },
    ])
  })

  it('keeps events with the same id but different names apart', async () => {
    await hit('id=1234567890&ev=AddToCart&eid=same')
    await sendServer('Purchase', 'same')
    expect(fixture.emulator.ledger().meta.conversions.map((c) => c.eventName)).toEqual(['AddToCart', 'Purchase'])
  })

  it('keeps the same event id on different pixels apart', async () => {
    await hit('id=111&ev=Purchase&eid=same')
    await hit('id=222&ev=Purchase&eid=same')
    expect(fixture.emulator.ledger().meta.conversions).toHaveLength(2)
  })

  it('deduplicates server↔server retries and counts the duplicates', async () => {
    await sendServer('Purchase', 'retry-1')
    await sendServer('Purchase', 'retry-1')
    await sendServer('Purchase', 'retry-1')
    const [conversion] = fixture.emulator.ledger().meta.conversions
    expect(conversion).toMatchObject({ channels: ['server', 'server', 'server'], duplicates: 2, firstChannel: 'server' })
  })

  it('never deduplicates hits without an event id', async () => {
    await hit('id=1&ev=PageView')
    await hit('id=1&ev=PageView')
    const { conversions } = fixture.emulator.ledger().meta
    expect(conversions).toHaveLength(2)
    expect(new Set(conversions.map((c) => c.key)).size).toBe(2)
  })

  it('counts a duplicate arriving after 48 hours as a new conversion', async () => {
    await hit('id=1234567890&ev=Lead&eid=late')
    fixture.clock.advance(48 * HOURS_MS)
    await hit('id=1234567890&ev=Lead&eid=late')
    expect(fixture.emulator.ledger().meta.conversions).toHaveLength(1)
    fixture.clock.advance(1)
    await hit('id=1234567890&ev=Lead&eid=late')
    const { conversions } = fixture.emulator.ledger().meta
    expect(conversions.map((c) => c.channels.length)).toEqual([2, 1])
  })
})
