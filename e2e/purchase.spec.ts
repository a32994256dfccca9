import { createHash } from 'node:crypto'
import type { Ledger } from '@pairtrack/testkit'
import { describe, expect, it } from 'vitest'
import { useShopStack } from './fixtures.js'
import { SHOPPER, buyOneMug } from './checkout.js'
import { fetchLedger, waitForLedger } from './ledger.js'

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

function purchaseEntries(ledger: Ledger, platform: 'meta' | 'tiktok', eventId: string) {
  return ledger[platform].received.filter((entry) => entry.eventName === 'Purchase' && entry.eventId === eventId)
}

describe('one purchase from the checkout page', () => {
  const fixture = useShopStack()

  it('reaches Meta, GA4 and TikTok from both browser and server, and each platform counts it once', async () => {
    const context = await fixture.browser.newContext()
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))

    const eventId = await buyOneMug(page, fixture.stack.shopUrl)
    const orderId = (await page.textContent('#order-id'))?.trim()

    await waitForLedger(fixture.stack.emulatorUrl, (ledger) =>
      (['meta', 'tiktok'] as const).every((platform) => {
        const channels = purchaseEntries(ledger, platform, eventId).map((entry) => entry.channel)
        return channels.includes('browser') && channels.includes('server')
      }) &&
      ledger.ga4.received.filter((entry) => entry.eventName === 'purchase').length >= 2,
    )
    // Anything still queued in the relay (a stray second server copy) is delivered before counting.
    await fixture.stack.relay.flush()
    const ledger = await fetchLedger(fixture.stack.emulatorUrl)

    for (const platform of ['meta', 'tiktok'] as const) {
      const entries = purchaseEntries(ledger, platform, eventId)
      expect(entries.map((entry) => entry.channel).sort()).toEqual(['browser', 'server'])
      const conversions = ledger[platform].conversions.filter((c) => c.eventName === 'Purchase')
      expect(conversions).toHaveLength(1)
      expect([...conversions[0]!.channels].sort()).toEqual(['browser', 'server'])
      expect(ledger[platform].rejected).toEqual([])
    }

    const ga4Purchases = ledger.ga4.received.filter((entry) => entry.eventName === 'purchase')
    expect(ga4Purchases.map((entry) => entry.transactionId)).toEqual([orderId, orderId])
    expect(ledger.ga4.conversions.filter((c) => c.eventName === 'purchase')).toHaveLength(1)

    // The server copy carries the shopper's identifiers, hashed as each platform wants them.
    const metaServer = purchaseEntries(ledger, 'meta', eventId).find((entry) => entry.channel === 'server')
    const metaUserData = (metaServer?.payload as { user_data: Record<string, unknown> }).user_data
    expect(metaUserData.em).toEqual([sha256('ada.lovelace+e2e@example.org')])
    expect(metaUserData.ph).toEqual([sha256('442079460958')])
    const tiktokServer = purchaseEntries(ledger, 'tiktok', eventId).find((entry) => entry.channel === 'server')
    const tiktokUser = (tiktokServer?.payload as { user: Record<string, unknown> }).user
    expect(tiktokUser.phone).toEqual([sha256('+442079460958')])

    // No raw PII anywhere in what the platforms received.
    const everything = JSON.stringify(ledger)
    for (const value of [SHOPPER.email, SHOPPER.email.toLowerCase(), '7946 0958', SHOPPER.last_name]) {
      expect(everything).not.toContain(value)
    }
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
