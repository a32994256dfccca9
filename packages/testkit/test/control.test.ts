import { describe, expect, it } from 'vitest'
import { startEmulator } from '../src/index.js'
import { postJson, START_MS, useEmulator } from './emulator-fixture.js'

const NOW_S = Math.floor(START_MS / 1000)
const metaEvent = (eventId: string) => ({
  event_name: 'Lead',
  event_time: NOW_S,
  event_id: eventId,
  action_source: 'website',
  event_source_url: 'https://shop.test/',
  user_data: { client_user_agent: 'UA' },
})
const tiktokEvent = (eventId: string) => ({ event: 'Lead', event_time: NOW_S, event_id: eventId, page: { url: 'https://shop.test/' } })

describe('ledger control routes', () => {
  const fixture = useEmulator()

  it('serves the ledger as JSON and empties it on DELETE', async () => {
    await fetch(`${fixture.emulator.url}/tr/?id=1&ev=PageView`)
    const before = (await (await fetch(`${fixture.emulator.url}/_emulator/ledger`)).json()) as { meta: { received: unknown[] } }
    expect(before.meta.received).toHaveLength(1)
    expect((await fetch(`${fixture.emulator.url}/_emulator/ledger`, { method: 'DELETE' })).status).toBe(204)
    expect(fixture.emulator.ledger().meta).toEqual({ received: [], rejected: [], conversions: [] })
  })

  it('resets through the API too, restarting dedup', async () => {
    await fetch(`${fixture.emulator.url}/tr/?id=1&ev=Lead&eid=a`)
    fixture.emulator.reset()
    await fetch(`${fixture.emulator.url}/tr/?id=1&ev=Lead&eid=a`)
    expect(fixture.emulator.ledger().meta.conversions).toEqual([
      { platform: 'meta', eventName: 'Lead', key: '1|Lead|a', channels: ['browser'], firstChannel: 'browser', duplicates: 0 },
    ])
  })

  it('renders an HTML page with a table per platform, escaping what was received', async () => {
    await fetch(`${fixture.emulator.url}/tr/?id=1&ev=${encodeURIComponent('<script>x</script>')}`)
    const response = await fetch(`${fixture.emulator.url}/_emulator`)
    expect(response.headers.get('content-type')).toContain('text/html')
    const html = await response.text()
    for (const platform of ['meta', 'ga4', 'tiktok']) expect(html).toContain(`<h2>${platform}</h2>`)
    expect(html).toContain('&#60;script&#62;x&#60;/script&#62;')
    expect(html).not.toContain('<script>x</script>')
  })

  it('hands out copies: changing a returned ledger does not change the emulator’s', async () => {
    await fetch(`${fixture.emulator.url}/tr/?id=1&ev=PageView`)
    fixture.emulator.ledger().meta.received.length = 0
    expect(fixture.emulator.ledger().meta.received).toHaveLength(1)
  })
})

describe('faults', () => {
  const fixture = useEmulator()
  const metaUrl = () => `${fixture.emulator.url}/v24.0/1234567890/events?access_token=t`
  const tiktokUrl = () => `${fixture.emulator.url}/open_api/v1.3/event/track/`
  const sendMeta = (...ids: string[]) => postJson(metaUrl(), { data: ids.map(metaEvent) })
  const sendTiktok = (...ids: string[]) =>
    postJson(tiktokUrl(), { event_source: 'web', event_source_id: 'C1', data: ids.map(tiktokEvent) }, { 'Access-Token': 't' })

  it('answers the next N requests with the fault status, then recovers', async () => {
    fixture.emulator.setFault('meta', { status: 503, remaining: 2 })
    const first = await sendMeta('a')
    expect(first.status).toBe(503)
    expect((first.json as { error: { is_transient: boolean; type: string } }).error).toMatchObject({ is_transient: true, type: 'OAuthException' })
    expect((await sendMeta('a')).status).toBe(503)
    expect((await sendMeta('a')).status).toBe(200)
    const ledger = fixture.emulator.ledger().meta
    expect(ledger.rejected.map((r) => r.status)).toEqual([503, 503])
    expect(ledger.received).toHaveLength(1)
  })

  it('keeps a fault without remaining until it is cleared', async () => {
    fixture.emulator.setFault('tiktok', { status: 500 })
    expect((await sendTiktok('a')).status).toBe(500)
    expect((await sendTiktok('a')).status).toBe(500)
    fixture.emulator.setFault('tiktok', null)
    expect((await sendTiktok('a')).status).toBe(200)
  })

  it('rate-limits with 429, Retry-After and the platform’s throttling code', async () => {
    fixture.emulator.setFault('meta', { rateLimit: { retryAfterSeconds: 30 } })
    fixture.emulator.setFault('tiktok', { rateLimit: { retryAfterSeconds: 7 } })
    const meta = await sendMeta('a')
    expect(meta.status).toBe(429)
    expect(meta.headers.get('retry-after')).toBe('30')
    expect((meta.json as { error: { code: number } }).error.code).toBe(17)
    const tiktok = await sendTiktok('a')
    expect(tiktok.status).toBe(429)
    expect(tiktok.headers.get('retry-after')).toBe('7')
    expect((tiktok.json as { code: number }).code).toBe(40100)
  })

  it('destroys the socket on reset', async () => {
    fixture.emulator.setFault('ga4', { reset: true, remaining: 1 })
    await expect(fetch(`${fixture.emulator.url}/mp/collect?measurement_id=G-1&api_secret=s`, { method: 'POST', body: '{}' })).rejects.toThrow()
    expect(fixture.emulator.ledger().ga4.rejected[0]).toMatchObject({ status: 0, reason: 'fault: connection reset' })
  })

  it('refuses a Meta batch naming the index of a rejected event id', async () => {
    fixture.emulator.setFault('meta', { rejectEventIds: ['bad'] })
    const { status, json } = await sendMeta('ok', 'bad')
    expect(status).toBe(400)
    expect((json as { error: { message: string } }).error.message).toContain("$['data'][1]['event_id']")
    expect(fixture.emulator.ledger().meta.received).toEqual([])
  })

  it('refuses a TikTok batch naming the index of a rejected event id', async () => {
    fixture.emulator.setFault('tiktok', { rejectEventIds: ['bad'] })
    const { json } = await sendTiktok('bad', 'ok')
    expect(json).toMatchObject({ code: 40002, message: expect.stringContaining('data[0].event_id') })
  })

  it('drops only the rejected GA4 events and still answers 204', async () => {
    fixture.emulator.setFault('ga4', { rejectEventIds: ['bad'] })
    const events = ['ok', 'bad'].map((id) => ({ name: 'generate_lead', params: { event_id: id } }))
    const { status } = await postJson(`${fixture.emulator.url}/mp/collect?measurement_id=G-1&api_secret=s`, { client_id: '1.2', events })
    expect(status).toBe(204)
    const ledger = fixture.emulator.ledger().ga4
    expect(ledger.received.map((e) => e.eventId)).toEqual(['ok'])
    expect(ledger.rejected).toHaveLength(1)
  })

  it('leaves pixel routes alone', async () => {
    fixture.emulator.setFault('meta', { status: 500 })
    expect((await fetch(`${fixture.emulator.url}/tr/?id=1&ev=PageView`)).status).toBe(200)
  })

  it('is set and cleared over HTTP, and refuses invalid faults and unknown platforms', async () => {
    const put = (platform: string, fault: unknown) =>
      fetch(`${fixture.emulator.url}/_emulator/faults/${platform}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) })
    expect((await put('meta', { status: 502 })).status).toBe(204)
    expect((await sendMeta('a')).status).toBe(502)
    expect((await fetch(`${fixture.emulator.url}/_emulator/faults/meta`, { method: 'DELETE' })).status).toBe(204)
    expect((await sendMeta('a')).status).toBe(200)
    expect((await put('meta', { status: 200 })).status).toBe(400)
    expect((await put('meta', { latency: 5 })).status).toBe(400)
    expect((await put('pinterest', { status: 500 })).status).toBe(404)
  })

  it('throws on an invalid fault passed to setFault', () => {
    expect(() => fixture.emulator.setFault('meta', { status: 99 })).toThrow()
  })
})

describe('latency fault', () => {
  it('waits the fault’s latency through the injected delay before answering', async () => {
    const delays: number[] = []
    const emulator = await startEmulator({ now: () => START_MS, delay: async (ms) => void delays.push(ms) })
    try {
      emulator.setFault('meta', { latencyMs: 1500, remaining: 1 })
      const url = `${emulator.url}/v24.0/1234567890/events?access_token=t`
      expect((await postJson(url, { data: [metaEvent('a')] })).status).toBe(200)
      expect((await postJson(url, { data: [metaEvent('b')] })).status).toBe(200)
      expect(delays).toEqual([1500])
    } finally {
      await emulator.close()
    }
  })
})
