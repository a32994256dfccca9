import { describe, expect, it } from 'vitest'
import { useShopStack } from './fixtures.js'
import { fetchLedger } from './ledger.js'

type BeaconAnswer = { status: number; body: { error?: string; message?: string; issues?: Array<{ path: string }> } }

describe('a malformed beacon', () => {
  const fixture = useShopStack()

  it('gets a 4xx JSON error naming the problem, and nothing is delivered', async () => {
    const context = await fixture.browser.newContext()
    const page = await context.newPage()
    // A same-origin page that tracks nothing (the shop's 404). Not one of the relay's JSON answers: those
    // carry Content-Security-Policy default-src 'none', under which a script may not fetch at all.
    await page.goto(`${fixture.stack.shopUrl}/thanks/no-such-order`)

    const post = (body: string) =>
      page.evaluate(async (text): Promise<BeaconAnswer> => {
        const response = await fetch('/pairtrack/events', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: text,
        })
        return { status: response.status, body: await response.json() }
      }, body)

    const brokenJson = await post('{"event_name":"Purchase","event_id":"malformed-1"')
    expect(brokenJson.status).toBe(400)
    expect(brokenJson.body.error).toBe('invalid_json')

    const wrongType = await post(
      JSON.stringify({ event_name: 'Purchase', event_id: 'malformed-2', custom_data: { value: 'lots', currency: 'EUR' } }),
    )
    expect(wrongType.status).toBe(400)
    expect(wrongType.body.error).toBe('invalid_body')
    expect(wrongType.body.issues?.map((issue) => issue.path)).toContain('custom_data.value')

    const milliseconds = await post(
      JSON.stringify({ event_name: 'Purchase', event_id: 'malformed-3', event_time: Date.now() }),
    )
    expect(milliseconds.status).toBe(400)
    expect(milliseconds.body.message).toMatch(/seconds/)

    const huge = await post(
      JSON.stringify({ event_name: 'Lead', event_id: 'malformed-4', custom_data: { note: 'x'.repeat(70_000) } }),
    )
    expect(huge.status).toBe(413)
    expect(huge.body.error).toBe('body_too_large')

    // Whatever the relay still holds is delivered before the ledger is read.
    await fixture.stack.relay.flush()
    const ledger = await fetchLedger(fixture.stack.emulatorUrl)
    for (const platform of ['meta', 'ga4', 'tiktok'] as const) {
      expect(ledger[platform].received.filter((entry) => entry.channel === 'server')).toEqual([])
    }
    await context.close()
  })
})
