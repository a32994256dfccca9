import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Browser } from 'happy-dom'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pixelSnippets, startEmulator, type Emulator } from '../src/index.js'
import { sha256 } from './emulator-fixture.js'

describe('stand-in pixel scripts', () => {
  let emulator: Emulator
  beforeEach(async () => {
    emulator = await startEmulator()
  })
  afterEach(async () => {
    await emulator.close()
  })

  it.each(['/meta/fbevents.js', '/en_US/fbevents.js', '/ga4/gtag.js?id=G-TEST1', '/gtag/js?id=G-TEST1', '/tiktok/events.js?sdkid=C1', '/i18n/pixel/events.js'])(
    'serves %s as JavaScript',
    async (path) => {
      const response = await fetch(`${emulator.url}${path}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toContain('text/javascript')
      expect(await response.text()).toContain('pairtrack emulator')
    },
  )
})

// A shop page served from its own origin, loading the standard snippets from the emulator, run in happy-dom
// (JavaScript and image loading enabled, so the stand-ins' hits really reach the emulator).
describe('stand-in pixel scripts in a page', () => {
  let emulator: Emulator
  let shop: Server
  let browser: Browser
  let shopUrl: string
  let pageScript = ''

  beforeEach(async () => {
    emulator = await startEmulator()
    const head = pixelSnippets({ emulatorUrl: emulator.url, meta: '1234567890', ga4: 'G-TEST1', tiktok: 'CPIXEL1' })
    shop = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html')
      res.end(`<!doctype html><html><head>${head}<script>${pageScript}</script></head><body>shop</body></html>`)
    })
    shop.listen(0, '127.0.0.1')
    await once(shop, 'listening')
    shopUrl = `http://localhost:${(shop.address() as AddressInfo).port}`
    browser = new Browser({
      settings: { enableJavaScriptEvaluation: true, enableImageFileLoading: true, suppressInsecureJavaScriptEnvironmentWarning: true },
    })
  })
  afterEach(async () => {
    await browser.close()
    shop.close()
    await emulator.close()
  })

  async function open(path: string) {
    const page = browser.newPage()
    await page.goto(`${shopUrl}${path}`)
    await page.waitUntilComplete()
    return page
  }

  it('sends page views and tracked events from all three pixels, with the event ids and cookies', async () => {
    // gtag() is declared by the snippet as a page-level function; happy-dom scopes each inline script, so
    // the page pushes to dataLayer directly (what gtag() does).
    pageScript = `
      fbq('track', 'Purchase', { value: 12.5, currency: 'EUR', content_ids: ['mug'] }, { eventID: 'order-1' });
      window.dataLayer.push(['event', 'purchase', { transaction_id: 'order-1', value: 12.5, currency: 'EUR' }]);
      ttq.track('Purchase', { value: 12.5, currency: 'EUR' }, { event_id: 'order-1' });`
    const page = await open('/checkout?fbclid=IwAR_click&ttclid=tt_click')
    await vi.waitFor(() => {
      const ledger = emulator.ledger()
      expect(ledger.meta.received).toHaveLength(2)
      expect(ledger.ga4.received).toHaveLength(2)
      expect(ledger.tiktok.received).toHaveLength(2)
    })
    const ledger = emulator.ledger()
    expect(ledger.meta.received.map((e) => [e.eventName, e.eventId, e.pixelId])).toEqual([
      ['PageView', null, '1234567890'],
      ['Purchase', 'order-1', '1234567890'],
    ])
    expect(ledger.meta.received[1]?.payload).toMatchObject({ cd: { value: '12.5', currency: 'EUR', content_ids: ['mug'] } })
    expect(ledger.ga4.received.map((e) => [e.eventName, e.transactionId])).toEqual([
      ['page_view', undefined],
      ['purchase', 'order-1'],
    ])
    expect(ledger.tiktok.received.map((e) => [e.eventName, e.eventId, e.pixelId])).toEqual([
      ['PageView', null, 'CPIXEL1'],
      ['Purchase', 'order-1', 'CPIXEL1'],
    ])
    expect(ledger.tiktok.received[1]?.payload).toMatchObject({ context: { ad: { callback: 'tt_click' } } })
    for (const platform of ['meta', 'ga4', 'tiktok'] as const) expect(ledger[platform].rejected).toEqual([])

    const cookies = Object.fromEntries(
      String(page.mainFrame.document.cookie).split('; ').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    )
    expect(cookies._fbp).toMatch(/^fb\.1\.\d{13}\.\d+$/)
    expect(cookies._fbc).toMatch(/^fb\.1\.\d{13}\.IwAR_click$/)
    expect(cookies._ga).toMatch(/^GA1\.1\.\d+\.\d{10}$/)
    expect(cookies._ga_TEST1).toMatch(/^GS2\.1\.s\d{10}\$o1/)
    expect(cookies._ttp).toMatch(/^[A-Za-z0-9]{27}$/)
    const metaHit = ledger.meta.received[1]?.payload as Record<string, unknown>
    expect(metaHit.fbp).toBe(cookies._fbp)
    expect(metaHit.fbc).toBe(cookies._fbc)
    expect((ledger.ga4.received[1]?.payload as Record<string, unknown>).cid).toBe(cookies._ga?.slice('GA1.1.'.length))
  })

  it('hashes advanced matching and identify() values in the page, as the real pixels do', async () => {
    pageScript = `
      fbq('init', '555', { em: ' Ada@Example.org ', ph: '+44 7700 900123' });
      fbq('trackSingle', '555', 'Lead', {}, { eventID: 'lead-1' });
      ttq.identify({ email: 'Ada@Example.org', phone_number: '+44 7700 900123' });
      ttq.track('Lead', {}, { event_id: 'lead-1' });`
    await open('/')
    await vi.waitFor(() => {
      expect(emulator.ledger().meta.received.some((e) => e.eventId === 'lead-1')).toBe(true)
      expect(emulator.ledger().tiktok.received.some((e) => e.eventId === 'lead-1')).toBe(true)
    })
    const ledger = emulator.ledger()
    const metaLead = ledger.meta.received.find((e) => e.eventId === 'lead-1')
    expect(metaLead?.pixelId).toBe('555')
    expect(metaLead?.payload).toMatchObject({ ud: { em: sha256('ada@example.org'), ph: sha256('447700900123') } })
    const tiktokLead = ledger.tiktok.received.find((e) => e.eventId === 'lead-1')
    expect(tiktokLead?.payload).toMatchObject({
      context: { user: { email: sha256('ada@example.org'), phone_number: sha256('+447700900123') } },
    })
    expect(JSON.stringify(ledger)).not.toContain('Ada@Example.org')
  })

  it('holds Meta and TikTok events while consent is revoked or held, and sends them on grant', async () => {
    pageScript = `
      fbq('consent', 'revoke');
      fbq('track', 'Lead', {}, { eventID: 'held-1' });
      ttq.holdConsent();
      ttq.track('Lead', {}, { event_id: 'held-1' });
      window.grantAll = function () { fbq('consent', 'grant'); ttq.grantConsent(); };`
    const page = await open('/')
    const window = page.mainFrame.window as unknown as { grantAll(): void }
    // The snippets' page views come before the revoke/hold, so they are sent; the Leads issued after are not.
    await vi.waitFor(() => {
      expect(emulator.ledger().meta.received.map((e) => e.eventName)).toEqual(['PageView'])
      expect(emulator.ledger().tiktok.received.map((e) => e.eventName)).toEqual(['PageView'])
    })
    await page.waitUntilComplete()
    expect(emulator.ledger().meta.received.map((e) => e.eventId)).not.toContain('held-1')
    expect(emulator.ledger().tiktok.received.map((e) => e.eventId)).not.toContain('held-1')
    window.grantAll()
    await vi.waitFor(() => {
      expect(emulator.ledger().meta.received.map((e) => e.eventId)).toContain('held-1')
      expect(emulator.ledger().tiktok.received.map((e) => e.eventId)).toContain('held-1')
    })
  })
})
