// Issue 5 in Chromium: consent gates the pixels and the beacon in the page, and the relay's decision per
// destination, end to end through the emulator. Each test opens the shop's product page with the consent
// set-up under test (the pixels' base code sends no page view of its own here: that code is the site's,
// outside pairtrack's gate) and reads what every platform received.
import type { RelayConfigInput } from '@pairtrack/server'
import type { Ledger, LedgerEntry } from '@pairtrack/testkit'
import type { BrowserContext, Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import { ALL_PURPOSES, encodeTcString, GOOGLE_VENDOR, STAND_IN_AD_VENDOR, tcDataOf } from '../packages/browser/test/tc-data.js'
import { useShopStack } from './fixtures.js'
import { fetchLedger, waitForLedger } from './ledger.js'

const GRANTED = { ad_storage: 'granted', analytics_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }
const PLATFORMS = ['meta', 'ga4', 'tiktok'] as const
// GA4's names of the standard events tracked here.
const GA4_NAMES: Record<string, string> = { ViewContent: 'view_item', AddToCart: 'add_to_cart', Lead: 'generate_lead', Contact: 'contact', Search: 'search' }

// TCF: Google Advertising Products is GVL vendor 755. Meta is not a TCF vendor; a CMP that lists it gives
// it an id of its own, which the site passes in data-tcf-vendors: the stand-in 1000 plays that id here.
const META_VENDOR = STAND_IN_AD_VENDOR

/** What a CMP answers for a real TC string with these consents: the string, and the consents it decodes to. */
const tcDataFor = (purposes: number[], vendors: number[]) => tcDataOf(encodeTcString(purposes, vendors), 'tcloaded')

/**
 * A CMP stub: `__tcfapi` answering every `addEventListener` with `tcData`, asynchronously as CMPs do, and
 * setting `window.cmpAnswered` once it has.
 */
const cmpStub = (tcData: unknown) =>
  `window.__tcfapi=function(command,version,callback){if(command==='addEventListener'&&version===2)setTimeout(function(){callback(${JSON.stringify(tcData)},true);window.cmpAnswered=true},0)};`

// The site's own consent record, read by the relay's resolveConsent hook: a cookie that denies advertising.
const SITE_COOKIE = 'site_consent'
const resolveConsent: NonNullable<RelayConfigInput['resolveConsent']> = (req) =>
  (req.headers.cookie ?? '').includes(`${SITE_COOKIE}=ads_denied`) ? { ad_storage: 'denied', ad_user_data: 'denied' } : undefined

type Window = { pairtrack?: ((...args: unknown[]) => unknown) & { loaded?: boolean }; gtag?: (...args: unknown[]) => void }

describe('consent, end to end', () => {
  const fixture = useShopStack({ relay: { resolveConsent }, pixelPageView: false })

  beforeEach(async () => {
    // What the previous test left in the relay is delivered, then forgotten.
    await fixture.stack?.relay.flush()
    fixture.stack?.emulator.reset()
  })

  /**
   * Opens the shop's product page (it tracks ViewContent on load) with the consent set-up under test, put
   * in place before any page script runs: the pairtrack stub already holding `init` options (the page's
   * own stub then steps aside and its `init` merges in), `setup` (a CMP stub, a Consent Mode default), and
   * the consent add-on's script tag when `addOn` is given. Resolves once pairtrack.js has taken over, and
   * records every request the page makes to the relay's /events and every pixel hit.
   */
  async function openPage(init: Record<string, unknown>, { setup = '', addOn, context }: { setup?: string; addOn?: Record<string, string>; context?: BrowserContext } = {}) {
    const ctx = context ?? (await fixture.browser.newContext())
    await ctx.addInitScript({
      content: `var f=window.pairtrack=function(){f.q.push([].slice.call(arguments))};f.q=[['init',${JSON.stringify(init)}]];
${setup}
${addOn ? `document.addEventListener('DOMContentLoaded',function(){var s=document.createElement('script');s.async=true;s.src='/pairtrack/pairtrack-consent.js';Object.assign(s.dataset,${JSON.stringify(addOn)});document.head.appendChild(s)});` : ''}`,
    })
    const page = await ctx.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    const beacons: string[] = []
    const pixelHits: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/pairtrack/events')) beacons.push(request.url())
      // The pixel scripts load from the emulator too; hits are everything else sent there.
      if (request.url().startsWith(fixture.stack.emulatorUrl) && !/\.js(\?|$)/.test(request.url())) pixelHits.push(request.url())
    })
    await page.goto(fixture.stack.shopUrl)
    await page.waitForFunction(() => (window as unknown as Window).pairtrack?.loaded === true)
    return { page, pageErrors, beacons, pixelHits, close: () => ctx.close() }
  }

  const track = (page: Page, name: string, eventId: string) =>
    page.evaluate(([n, id]) => (window as unknown as Window).pairtrack?.('track', n, { value: 1, currency: 'EUR' }, {}, { eventId: id }), [name, eventId] as const)
  // The add-on has listened and the CMP has answered it (the answer reaches the tracker synchronously).
  const cmpAnswered = (page: Page) => page.waitForFunction(() => (window as unknown as { cmpAnswered?: boolean }).cmpAnswered === true)
  const consent = (page: Page, state: Record<string, unknown>) =>
    page.evaluate((s) => (window as unknown as Window).pairtrack?.('consent', s), state)

  /** Entries of a platform for an event tracked by name (GA4 has no event id: its name stands for it). */
  const entriesOf = (ledger: Ledger, platform: (typeof PLATFORMS)[number], name: string, eventId: string): LedgerEntry[] =>
    ledger[platform].received.filter((entry) => (platform === 'ga4' ? entry.eventName === GA4_NAMES[name] : entry.eventId === eventId))
  const channels = (ledger: Ledger, platform: (typeof PLATFORMS)[number], name: string, eventId: string) =>
    entriesOf(ledger, platform, name, eventId).map((entry) => entry.channel).sort()
  /** Waits until each listed platform has both copies of the event, then lets the relay deliver the rest. */
  async function waitForBoth(name: string, eventId: string, platforms: readonly (typeof PLATFORMS)[number][] = PLATFORMS) {
    await waitForLedger(fixture.stack.emulatorUrl, (ledger) =>
      platforms.every((p) => channels(ledger, p, name, eventId).join() === 'browser,server'),
    )
    await fixture.stack.relay.flush()
    return fetchLedger(fixture.stack.emulatorUrl)
  }
  const total = (ledger: Ledger) => PLATFORMS.map((p) => ledger[p].received.length + ledger[p].rejected.length).reduce((a, b) => a + b)
  /** Asserts that nothing left the page and nothing reached any platform, then closes the page. */
  async function expectNothingSent(opened: Pick<Awaited<ReturnType<typeof openPage>>, 'page' | 'pageErrors' | 'beacons' | 'pixelHits' | 'close'>) {
    // Long enough for a batch, a beacon and a pixel hit to have left, had any been made.
    await opened.page.waitForTimeout(1000)
    await fixture.stack.relay.flush()

    expect(opened.beacons).toEqual([])
    expect(opened.pixelHits).toEqual([])
    expect(total(await fetchLedger(fixture.stack.emulatorUrl))).toBe(0)
    expect(opened.pageErrors).toEqual([])
    await opened.close()
  }

  it("denied by default: no pixel hit, no beacon, nothing at any platform", async () => {
    const opened = await openPage({ defaultConsent: 'denied' })

    await track(opened.page, 'Search', 'denied-1')
    await track(opened.page, 'AddToCart', 'denied-2')
    await expectNothingSent(opened)
  })

  it('granted after a denied start: only the events after the grant arrive', async () => {
    const { page, pageErrors, pixelHits, close } = await openPage({ defaultConsent: 'denied' })

    await track(page, 'Search', 'before-grant-1')
    await consent(page, GRANTED)
    await track(page, 'Lead', 'after-grant-1')

    const ledger = await waitForBoth('Lead', 'after-grant-1')
    for (const platform of PLATFORMS) {
      expect(channels(ledger, platform, 'Lead', 'after-grant-1')).toEqual(['browser', 'server'])
      expect(entriesOf(ledger, platform, 'Search', 'before-grant-1')).toEqual([])
    }
    expect(total(ledger)).toBe(6)
    // The page's own requests agree: pixel hits, after the grant only (the recorder does see them).
    expect(pixelHits.length).toBeGreaterThanOrEqual(3)
    expect(pageErrors).toEqual([])
    await close()
  })

  it('with queueUntilConsent: the events held while denied arrive on the grant, with their ids, then the later ones', async () => {
    const { page, pageErrors, pixelHits, close } = await openPage({ defaultConsent: 'denied', queueUntilConsent: true })

    await track(page, 'Search', 'queued-1')
    await page.waitForTimeout(300)
    expect(pixelHits).toEqual([])
    await consent(page, GRANTED)
    await track(page, 'Lead', 'after-queue-1')

    await waitForBoth('Search', 'queued-1')
    const ledger = await waitForBoth('Lead', 'after-queue-1')
    for (const platform of PLATFORMS) {
      expect(channels(ledger, platform, 'Search', 'queued-1')).toEqual(['browser', 'server'])
      expect(channels(ledger, platform, 'Lead', 'after-queue-1')).toEqual(['browser', 'server'])
    }
    expect(pageErrors).toEqual([])
    await close()
  })

  // The consent add-on's data-* attributes: the source, and the TCF advertising vendors.
  const tcfAddOn = { source: 'tcf', tcfVendors: String(META_VENDOR) }

  it('TCF CMP, everything granted: every platform gets both copies', async () => {
    const setup = cmpStub(tcDataFor(ALL_PURPOSES, [GOOGLE_VENDOR, META_VENDOR]))
    const { page, pageErrors, close } = await openPage({ defaultConsent: 'denied' }, { setup, addOn: tcfAddOn })
    await cmpAnswered(page)

    await track(page, 'Lead', 'tcf-all-1')

    const ledger = await waitForBoth('Lead', 'tcf-all-1')
    for (const platform of PLATFORMS) expect(channels(ledger, platform, 'Lead', 'tcf-all-1')).toEqual(['browser', 'server'])
    const metaServer = entriesOf(ledger, 'meta', 'Lead', 'tcf-all-1').find((entry) => entry.channel === 'server')
    expect(metaServer?.payload).toMatchObject({ data_processing_options: [] })
    expect(pageErrors).toEqual([])
    await close()
  })

  it('TCF CMP, purpose 1 denied: nothing anywhere', async () => {
    const setup = cmpStub(tcDataFor(ALL_PURPOSES.slice(1), [GOOGLE_VENDOR, META_VENDOR]))
    const opened = await openPage({ defaultConsent: 'denied' }, { setup, addOn: tcfAddOn })
    await cmpAnswered(opened.page)

    await track(opened.page, 'Lead', 'tcf-p1-1')
    await expectNothingSent(opened)
  })

  it('TCF CMP, the Meta vendor denied: advertising denied, so GA4 only (analytics), nothing at Meta or TikTok', async () => {
    const setup = cmpStub(tcDataFor(ALL_PURPOSES, [GOOGLE_VENDOR]))
    const { page, pageErrors, close } = await openPage({ defaultConsent: 'denied' }, { setup, addOn: tcfAddOn })
    await cmpAnswered(page)

    await track(page, 'Lead', 'tcf-vendor-1')

    const ledger = await waitForBoth('Lead', 'tcf-vendor-1', ['ga4'])
    expect(channels(ledger, 'ga4', 'Lead', 'tcf-vendor-1')).toEqual(['browser', 'server'])
    expect(ledger.meta.received).toEqual([])
    expect(ledger.tiktok.received).toEqual([])
    expect(pageErrors).toEqual([])
    await close()
  })

  it("Google Consent Mode on the page: the dataLayer's default denies, a later gtag update grants", async () => {
    const setup = `window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}
gtag('consent','default',{ad_storage:'denied',analytics_storage:'denied',ad_user_data:'denied',ad_personalization:'denied'});`
    const { page, pageErrors, close } = await openPage({}, { setup, addOn: { source: 'gcm' } })
    // The add-on has read the default once it wrapped dataLayer.push.
    await page.waitForFunction(() => (window as unknown as { dataLayer: unknown[] }).dataLayer.push !== Array.prototype.push)

    await track(page, 'Search', 'gcm-denied-1')
    await page.evaluate((state) => (window as unknown as Window).gtag?.('consent', 'update', state), GRANTED)
    await track(page, 'Lead', 'gcm-granted-1')

    const ledger = await waitForBoth('Lead', 'gcm-granted-1')
    for (const platform of PLATFORMS) expect(entriesOf(ledger, platform, 'Search', 'gcm-denied-1')).toEqual([])
    expect(pageErrors).toEqual([])
    await close()
  })

  it("the relay's resolveConsent hook wins over the browser: advertising denied by the site's cookie", async () => {
    const context = await fixture.browser.newContext()
    await context.addCookies([{ name: SITE_COOKIE, value: 'ads_denied', url: fixture.stack.shopUrl }])
    const { page, pageErrors, close } = await openPage({ consent: GRANTED }, { context })

    await track(page, 'Lead', 'resolved-1')

    // The browser had consent: every pixel fired. The relay's hook denied advertising: GA4 only from the server.
    const ledger = await waitForBoth('Lead', 'resolved-1', ['ga4'])
    await waitForLedger(fixture.stack.emulatorUrl, (l) => l.meta.received.length > 0 && l.tiktok.received.length > 0)
    const after = await fetchLedger(fixture.stack.emulatorUrl)
    expect(channels(ledger, 'ga4', 'Lead', 'resolved-1')).toEqual(['browser', 'server'])
    expect(channels(after, 'meta', 'Lead', 'resolved-1')).toEqual(['browser'])
    expect(channels(after, 'tiktok', 'Lead', 'resolved-1')).toEqual(['browser'])
    expect(pageErrors).toEqual([])
    await close()
  })

  it('limited data use: the Meta server event carries LDU, TikTok its flag', async () => {
    const { page, pageErrors, close } = await openPage({ consent: { ...GRANTED, limited_data_use: true } })

    await track(page, 'Lead', 'ldu-1')

    const ledger = await waitForBoth('Lead', 'ldu-1')
    const server = (platform: 'meta' | 'tiktok') => entriesOf(ledger, platform, 'Lead', 'ldu-1').find((entry) => entry.channel === 'server')?.payload
    expect(server('meta')).toMatchObject({ data_processing_options: ['LDU'], data_processing_options_country: 0, data_processing_options_state: 0 })
    expect(server('tiktok')).toMatchObject({ limited_data_use: true })
    expect(pageErrors).toEqual([])
    await close()
  })
})
