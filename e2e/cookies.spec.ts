import type { Cookie, Page, Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useShopStack } from './fixtures.js'
import { waitForLedger } from './ledger.js'

// An fbclid with characters a careless encoder would change (case, `-`, `_`, `~`, `!`).
const FBCLID = 'IwAR2e2E-cookie_Test~x!9'
const NINETY_DAYS_S = 90 * 86_400

type BeaconEvent = { event_name: string; user_data?: { fbp?: string; fbc?: string } }

/**
 * The events of the page's beacons to the relay (one event or an array per beacon), read as they pass
 * through a route that forwards them unchanged (a keepalive or beacon body is read reliably there).
 */
async function collectBeacons(page: Page): Promise<BeaconEvent[]> {
  const events: BeaconEvent[] = []
  await page.route('**/pairtrack/events', async (route: Route) => {
    const text = route.request().postDataBuffer()?.toString('utf8')
    if (text) {
      const body = JSON.parse(text) as BeaconEvent | BeaconEvent[]
      events.push(...(Array.isArray(body) ? body : [body]))
    }
    await route.continue()
  })
  return events
}

async function waitForBeacon(events: BeaconEvent[], name: string): Promise<BeaconEvent> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const found = events.find((event) => event?.event_name === name)
    if (found) return found
    if (Date.now() > deadline) throw new Error(`no ${name} beacon; saw ${events.map((event) => event.event_name).join(', ')}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const byName = (cookies: Cookie[], name: string) => cookies.find((cookie) => cookie.name === name)

describe('pairtrackCookies() in the shop: server-set _fbc/_fbp seen by Chromium and sent by the script', () => {
  const fixture = useShopStack()

  it('sets first-party _fbc (from the landing fbclid) and _fbp with 90-day server cookies that the beacons carry', async () => {
    const context = await fixture.browser.newContext()
    const page = await context.newPage()
    const beacons = await collectBeacons(page)
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))

    const before = Date.now()
    const landing = await page.goto(`${fixture.stack.shopUrl}/?fbclid=${encodeURIComponent(FBCLID)}`)
    const after = Date.now()
    // The cookies come from the page response itself, before any script ran.
    const setCookies = (await landing?.headerValue('set-cookie'))?.split('\n') ?? []
    expect(setCookies.map((header) => header.split('=')[0]).sort()).toEqual(['_fbc', '_fbp'])

    const viewContent = await waitForBeacon(beacons, 'ViewContent')
    const cookies = await context.cookies(fixture.stack.shopUrl)
    const fbc = byName(cookies, '_fbc')
    const fbp = byName(cookies, '_fbp')
    for (const cookie of [fbc, fbp]) {
      expect(cookie).toMatchObject({ domain: '127.0.0.1', path: '/', httpOnly: false, secure: false, sameSite: 'Lax' })
      // A 90-day expiry from the server (a script-written cookie would be capped at 7 days in Safari).
      expect(cookie?.expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) + NINETY_DAYS_S - 2)
      expect(cookie?.expires).toBeLessThanOrEqual(Math.ceil(after / 1000) + NINETY_DAYS_S + 2)
    }
    expect(setCookies.find((header) => header.startsWith('_fbc='))).toContain(`_fbc=${fbc?.value};`)
    expect(setCookies.find((header) => header.startsWith('_fbp='))).toContain(`_fbp=${fbp?.value};`)

    const fbcMatch = fbc?.value.match(/^fb\.1\.(\d{13})\.(.+)$/)
    expect(fbcMatch?.[2]).toBe(FBCLID)
    expect(Number(fbcMatch?.[1])).toBeGreaterThanOrEqual(before)
    expect(Number(fbcMatch?.[1])).toBeLessThanOrEqual(after)
    expect(fbp?.value).toMatch(/^fb\.1\.\d{13}\.\d+$/)
    expect(viewContent.user_data).toMatchObject({ fbc: fbc?.value, fbp: fbp?.value })

    // A later page without the fbclid: the same ids are refreshed by the server and beaconed again.
    await page.goto(`${fixture.stack.shopUrl}/checkout`)
    const checkout = await waitForBeacon(beacons, 'InitiateCheckout')
    expect(checkout.user_data).toMatchObject({ fbc: fbc?.value, fbp: fbp?.value })
    const later = await context.cookies(fixture.stack.shopUrl)
    expect(byName(later, '_fbc')?.value).toBe(fbc?.value)
    expect(byName(later, '_fbp')?.value).toBe(fbp?.value)

    // And the relay's server copy to Meta carries them unaltered.
    const ledger = await waitForLedger(fixture.stack.emulatorUrl, (l) =>
      l.meta.received.some((entry) => entry.channel === 'server' && entry.eventName === 'InitiateCheckout'),
    )
    const server = ledger.meta.received.find((entry) => entry.channel === 'server' && entry.eventName === 'InitiateCheckout')
    expect((server?.payload as { user_data: Record<string, unknown> }).user_data).toMatchObject({ fbc: fbc?.value, fbp: fbp?.value })
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('replaces a malformed _fbp and keeps the _fbc of the same click on a second landing', async () => {
    const context = await fixture.browser.newContext()
    const url = fixture.stack.shopUrl
    await context.addCookies([
      { name: '_fbp', value: 'fb.1.123.not-digits', url },
      { name: '_fbc', value: `fb.1.1700000000000.${FBCLID}`, url },
    ])
    const page = await context.newPage()
    const beacons = await collectBeacons(page)
    const landing = await page.goto(`${url}/?fbclid=${encodeURIComponent(FBCLID)}`)
    const viewContent = await waitForBeacon(beacons, 'ViewContent')
    const cookies = await context.cookies(url)
    // Both were re-set by the server response (the fbc unchanged, with a fresh expiry).
    const setCookies = (await landing?.headerValue('set-cookie'))?.split('\n') ?? []
    expect(setCookies.find((header) => header.startsWith('_fbc='))).toContain(`_fbc=fb.1.1700000000000.${FBCLID}; Max-Age=7776000;`)
    expect(setCookies.find((header) => header.startsWith('_fbp='))).toContain(`_fbp=${byName(cookies, '_fbp')?.value};`)
    expect(byName(cookies, '_fbc')?.value).toBe(`fb.1.1700000000000.${FBCLID}`)
    expect(byName(cookies, '_fbp')?.value).toMatch(/^fb\.1\.\d{13}\.\d+$/)
    expect(viewContent.user_data).toMatchObject({ fbc: `fb.1.1700000000000.${FBCLID}`, fbp: byName(cookies, '_fbp')?.value })
    await context.close()
  })
})
