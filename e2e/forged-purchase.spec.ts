import type { Ledger } from '@pairtrack/testkit'
import { describe, expect, it } from 'vitest'
import { buyOneMug } from './checkout.js'
import { useShopStack } from './fixtures.js'
import { fetchLedger, waitForLedger } from './ledger.js'

type Answer = { status: number; body: { error?: string } }

const purchasesIn = (ledger: Ledger, platform: 'meta' | 'tiktok') =>
  ledger[platform].received.filter((entry) => entry.eventName === 'Purchase')

describe('a purchase posted by hand', () => {
  const fixture = useShopStack()

  it('is refused with 403 while the signed purchase from the thank-you page goes through, and each platform counts the real value once', async () => {
    const context = await fixture.browser.newContext()
    const page = await context.newPage()
    const beaconStatuses: number[] = []
    page.on('response', (response) => {
      if (response.url().endsWith('/pairtrack/events') && response.request().method() === 'POST') beaconStatuses.push(response.status())
    })
    // The thank-you page's own beacon: the signed Purchase (sendBeacon hides its body from the test, not its answer).
    const thankYouBeacon = page.waitForResponse((response) => response.url().endsWith('/pairtrack/events') && page.url().includes('/thanks/'))

    const eventId = await buyOneMug(page, fixture.stack.shopUrl)
    expect((await thankYouBeacon).status()).toBe(202)
    // Every beacon the shop's own pages sent was accepted.
    expect(beaconStatuses.length).toBeGreaterThanOrEqual(3)
    expect(beaconStatuses.every((status) => status === 202)).toBe(true)

    // What the page knows, an attacker knows: read the signed call from the thank-you page's script.
    const script = await page.evaluate(() => [...document.scripts].map((s) => s.text).join('\n'))
    const call = /pairtrack\('track', 'Purchase', (\{.*?\}), \{\}, \{ eventId: "([^"]+)", token: "([^"]+)" \}\)/.exec(script)
    expect(call, 'the thank-you page tracks a signed Purchase').not.toBeNull()
    const [, customDataJson, pageEventId, token] = call as unknown as [string, string, string, string]
    const customData = JSON.parse(customDataJson) as { value: number; currency: string }
    expect(pageEventId).toBe(eventId)
    expect(customData.value).toBeGreaterThan(0)

    const post = (event: Record<string, unknown>) =>
      page.evaluate(async (body): Promise<Answer> => {
        const response = await fetch('/pairtrack/events', { method: 'POST', headers: { 'content-type': 'text/plain' }, body })
        return { status: response.status, body: await response.json() }
      }, JSON.stringify({ event_name: 'Purchase', event_source_url: page.url(), action_source: 'website', ...event }))

    // The real token on a raised value, no token at all, and a token of one's own making.
    const raised = await post({ event_id: eventId, token, custom_data: { ...customData, value: 10_000 } })
    expect(raised).toEqual({ status: 403, body: expect.objectContaining({ error: 'token_mismatch' }) })
    const unsigned = await post({ event_id: 'forged-1', custom_data: { ...customData, value: 10_000 } })
    expect(unsigned).toEqual({ status: 403, body: expect.objectContaining({ error: 'token_missing' }) })
    const madeUp = `pt1.${Buffer.from('["Purchase","forged-2",10000,"EUR",9999999999]').toString('base64url')}.${'A'.repeat(43)}`
    const selfSigned = await post({ event_id: 'forged-2', token: madeUp, custom_data: { ...customData, value: 10_000 } })
    expect(selfSigned).toEqual({ status: 403, body: expect.objectContaining({ error: 'token_invalid' }) })

    await waitForLedger(fixture.stack.emulatorUrl, (ledger) =>
      (['meta', 'tiktok'] as const).every((platform) => purchasesIn(ledger, platform).some((entry) => entry.channel === 'server')),
    )
    await fixture.stack.relay.flush()
    const ledger = await fetchLedger(fixture.stack.emulatorUrl)
    for (const platform of ['meta', 'tiktok'] as const) {
      expect(ledger[platform].conversions.filter((c) => c.eventName === 'Purchase')).toHaveLength(1)
      expect(purchasesIn(ledger, platform).every((entry) => entry.eventId === eventId)).toBe(true)
    }
    const metaServer = purchasesIn(ledger, 'meta').find((entry) => entry.channel === 'server')
    expect((metaServer?.payload as { custom_data: { value: number } }).custom_data.value).toBe(customData.value)
    expect(ledger.ga4.conversions.filter((c) => c.eventName === 'purchase')).toHaveLength(1)
    // The forged value as a value (timestamps may contain the digits 10000 by chance).
    expect(JSON.stringify(ledger)).not.toMatch(/forged-|"value":"?10000\b|"epn\.value":"10000"/)

    const metrics = await fixture.stack.relay.metrics()
    for (const reason of ['token_mismatch', 'token_missing', 'token_invalid']) {
      expect(metrics).toContain(`pairtrack_beacon_rejections_total{reason="${reason}"} 1`)
    }
    await context.close()
  })
})
