import type { Ledger } from '@pairtrack/testkit'
import { describe, expect, it } from 'vitest'
import { useShopStack } from './fixtures.js'
import { buyOneMug } from './checkout.js'
import { fetchLedger, serverArrivals, waitForLedger } from './ledger.js'
import { routeRelay } from './relay-route.js'

describe('pixel scripts blocked by an ad blocker', () => {
  const fixture = useShopStack()

  it('still delivers the server events, and each platform counts the purchase once', async () => {
    const context = await fixture.browser.newContext()
    const relay = await routeRelay(context)
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
    // pairtrack's own errors: from its script, or naming it (the browser's "blocked" lines name the pixels' URLs).
    page.on('console', (message) => {
      if (message.type() === 'error' && (/pairtrack/i.test(message.text()) || message.location().url.includes('/pairtrack'))) {
        consoleErrors.push(message.text())
      }
    })

    const eventId = await buyOneMug(page, fixture.stack.shopUrl)

    // Every event the page beaconed (ViewContent, AddToCart, InitiateCheckout, Purchase) has a server copy.
    await relay.waitForEvent('Purchase', (event) => event.event_id === eventId)
    const beaconed = [...new Map(relay.events().map((event) => [event.event_id, event])).values()]
    expect(beaconed.map((event) => event.event_name)).toEqual(['ViewContent', 'AddToCart', 'InitiateCheckout', 'Purchase'])
    const hasServerCopies = (ledger: Ledger) =>
      (['meta', 'tiktok'] as const).every((platform) =>
        beaconed.every((event) => serverArrivals(ledger, platform, event.event_id).length > 0),
      )
    await waitForLedger(fixture.stack.emulatorUrl, (ledger) => hasServerCopies(ledger) && ledger.ga4.received.some((e) => e.eventName === 'purchase'))
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
    // Each conversion of each platform counted once: one server copy per event, nothing to deduplicate.
    for (const platform of ['meta', 'tiktok'] as const) {
      for (const event of beaconed) {
        expect(serverArrivals(ledger, platform, event.event_id), `${event.event_name} at ${platform}`).toHaveLength(1)
      }
      expect(ledger[platform].conversions.map((c) => c.eventName).sort()).toEqual(beaconed.map((event) => event.event_name).sort())
    }
    for (const platform of ['meta', 'ga4', 'tiktok'] as const) {
      expect(ledger[platform].conversions.filter((c) => c.duplicates > 0)).toEqual([])
    }
    // The relay was up: every request from the page reached it.
    expect(relay.requests.map((request) => request.outcome)).not.toContain('answered 503')
    expect(pageErrors).toEqual([])
    expect(consoleErrors).toEqual([])
    await context.close()
  })
})
