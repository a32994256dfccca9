import { describe, expect, it } from 'vitest'
import { useShopStack } from './fixtures.js'
import { buyOneMug } from './checkout.js'
import { fetchLedger, waitForLedger } from './ledger.js'

describe('pixel scripts blocked by an ad blocker', () => {
  const fixture = useShopStack()

  it('still delivers the server events, and each platform counts the purchase once', async () => {
    const context = await fixture.browser.newContext()
    const blocked: string[] = []
    // Everything the pixels would load or send is aborted, as an ad blocker does.
    await context.route(`${fixture.stack.emulatorUrl}/**`, async (route) => {
      blocked.push(new URL(route.request().url()).pathname)
      await route.abort('blockedbyclient')
    })
    const page = await context.newPage()
    const pageErrors: string[] = []
    const consoleErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error' && /pairtrack/i.test(message.text())) consoleErrors.push(message.text())
    })

    const eventId = await buyOneMug(page, fixture.stack.shopUrl)

    await waitForLedger(fixture.stack.emulatorUrl, (ledger) =>
      (['meta', 'tiktok'] as const).every((platform) =>
        ledger[platform].received.some((e) => e.eventName === 'Purchase' && e.eventId === eventId),
      ) && ledger.ga4.received.some((e) => e.eventName === 'purchase'),
    )
    // Whatever the relay still holds is delivered before the ledger is read.
    await fixture.stack.relay.flush()
    const ledger = await fetchLedger(fixture.stack.emulatorUrl)

    expect(blocked.some((path) => path.endsWith('fbevents.js'))).toBe(true)
    for (const platform of ['meta', 'ga4', 'tiktok'] as const) {
      expect(ledger[platform].received.every((entry) => entry.channel === 'server')).toBe(true)
    }
    for (const platform of ['meta', 'tiktok'] as const) {
      const purchases = ledger[platform].conversions.filter((c) => c.eventName === 'Purchase')
      expect(purchases).toHaveLength(1)
      expect(purchases[0]!.channels).toEqual(['server'])
    }
    expect(ledger.ga4.conversions.filter((c) => c.eventName === 'purchase')).toHaveLength(1)
    expect(pageErrors).toEqual([])
    expect(consoleErrors).toEqual([])
    await context.close()
  })
})
