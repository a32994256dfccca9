import type { Ledger } from '@pairtrack/testkit'
import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import { buyOneMug } from './checkout.js'
import { useShopStack } from './fixtures.js'
import { fetchLedger, resetLedger, serverArrivals, waitForLedger } from './ledger.js'
import { routeRelay, type BeaconEvent } from './relay-route.js'

/** GA4's names of the shop's events (its server events carry no event id, so they are counted by name). */
const GA4_NAMES: Record<string, string> = {
  PageView: 'page_view',
  ViewContent: 'view_item',
  AddToCart: 'add_to_cart',
  InitiateCheckout: 'begin_checkout',
  Purchase: 'purchase',
  Lead: 'generate_lead',
}

type PairtrackWindow = { pairtrack(command: 'track', ...args: unknown[]): string }

/** The distinct events among `events` (a retried event appears once per attempt), by name and id. */
function distinct(events: readonly BeaconEvent[]): BeaconEvent[] {
  const seen = new Map(events.map((event) => [`${event.event_name}|${event.event_id}`, event]))
  return [...seen.values()]
}

const hasServerArrivals = (ledger: Ledger, events: readonly BeaconEvent[]) =>
  events.every((event) => (['meta', 'tiktok'] as const).every((platform) => serverArrivals(ledger, platform, event.event_id).length > 0))

/** Records page errors and the console errors that come from pairtrack (its script, or its words). */
function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && (/pairtrack/i.test(message.text()) || message.location().url.endsWith('/pairtrack.js'))) {
      errors.push(`console: ${message.text()}`)
    }
  })
  return errors
}

/** The event ids kept in the page's retry queue (idb-keyval's database, once the script has made it). */
function queuedIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    // Opening a database that does not exist yet would create it without the script's object store.
    if (!(await indexedDB.databases()).some((db) => db.name === 'keyval-store')) return []
    return new Promise<string[]>((resolve) => {
      const open = indexedDB.open('keyval-store')
      open.onerror = () => resolve([])
      open.onsuccess = () => {
        const db = open.result
        const get = db.transaction('keyval').objectStore('keyval').get('pairtrack:q:v1')
        get.onsuccess = () => {
          db.close()
          resolve(Array.isArray(get.result) ? get.result.map((event: { event_id: string }) => event.event_id) : [])
        }
      }
    })
  })
}

/** Polls the page's retry queue until `done` holds of the kept event ids. */
async function waitForQueue(page: Page, done: (ids: string[]) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000
  let ids = await queuedIds(page)
  while (!done(ids)) {
    if (Date.now() > deadline) throw new Error(`retry queue: ${what} not met in 10 s; it holds ${ids.join(', ')}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    ids = await queuedIds(page)
  }
}

describe('delivery from the page to the relay', () => {
  const fixture = useShopStack()

  beforeEach(async () => {
    // What an earlier test left in the relay is delivered, then forgotten: each test counts its own.
    await fixture.stack.relay.flush()
    await resetLedger(fixture.stack.emulatorUrl)
  })

  it('relay down while the user buys, back up on the next page: each event reaches each platform once', async () => {
    const { shopUrl, emulatorUrl } = fixture.stack
    const context = await fixture.browser.newContext()
    const relay = await routeRelay(context)
    const page = await context.newPage()
    const errors = watchErrors(page)

    // AddToCart is tracked as the form leaves the page: the relay's 503 comes back before the form's
    // answer does (a load balancer answers at once), so the page reads it and keeps the event. (A fetch
    // still unanswered when the page is gone cannot be retried: see the README.)
    await context.route('**/cart', async (route) => {
      await relay.waitForEvent('AddToCart')
      await route.continue()
    })
    relay.down = true
    const purchaseId = await buyOneMug(page, shopUrl)
    await relay.waitForEvent('Purchase', (event) => event.event_id === purchaseId)
    const whileDown = distinct(relay.events())
    expect(whileDown.map((event) => event.event_name)).toEqual(['ViewContent', 'AddToCart', 'InitiateCheckout', 'Purchase'])
    // The page was visible throughout: fetch, whose 503 answer the script reads (a beacon's it cannot).
    expect(relay.requests.every((request) => request.type === 'fetch' && request.outcome === 'answered 503')).toBe(true)
    // Nothing reached the relay, so only the server's own Purchase (relay.track()) can be there.
    await fixture.stack.relay.flush()
    const early = await fetchLedger(emulatorUrl)
    expect(whileDown.filter((event) => event.event_name !== 'Purchase' && serverArrivals(early, 'meta', event.event_id).length > 0)).toEqual([])
    // The thank-you page's beacon may still be on its way into the queue: wait until it is kept.
    await waitForQueue(page, (ids) => ids.includes(purchaseId), 'the Purchase is kept')

    relay.down = false
    await page.goto(shopUrl) // the next page load sends what is kept
    await waitForLedger(emulatorUrl, (ledger) => hasServerArrivals(ledger, distinct(relay.events())))
    await fixture.stack.relay.flush()
    const ledger = await fetchLedger(emulatorUrl)

    const all = distinct(relay.events())
    for (const event of all) {
      expect(serverArrivals(ledger, 'meta', event.event_id), `${event.event_name} at meta`).toHaveLength(1)
      expect(serverArrivals(ledger, 'tiktok', event.event_id), `${event.event_name} at tiktok`).toHaveLength(1)
    }
    const ga4Expected = all.map((event) => GA4_NAMES[event.event_name]).sort()
    const ga4Server = ledger.ga4.received.filter((entry) => entry.channel === 'server').map((entry) => entry.eventName)
    expect(ga4Server.sort()).toEqual(ga4Expected)
    // The Purchase: one server event per platform (the relay's and the page's copies are one), paired
    // with the pixel's, and counted once.
    for (const platform of ['meta', 'tiktok'] as const) {
      const purchases = ledger[platform].conversions.filter((conversion) => conversion.eventName === 'Purchase')
      expect(purchases).toHaveLength(1)
      expect([...purchases[0]!.channels].sort()).toEqual(['browser', 'server'])
    }
    expect(ledger.ga4.conversions.filter((conversion) => conversion.eventName === 'purchase')).toHaveLength(1)
    await waitForQueue(page, (ids) => ids.length === 0, 'empty')
    expect(errors).toEqual([])
    await context.close()
  })

  it('browser offline while tracking, then online: the event reaches each platform once', async () => {
    const { shopUrl, emulatorUrl } = fixture.stack
    const context = await fixture.browser.newContext()
    const relay = await routeRelay(context)
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(shopUrl)
    await relay.waitForEvent('ViewContent')

    await context.setOffline(true)
    const leadId = await page.evaluate(() => (window as unknown as PairtrackWindow).pairtrack('track', 'Lead', { content_name: 'offline' }))
    expect(leadId).toMatch(/^[0-9a-f-]{36}$/)
    await waitForQueue(page, (ids) => ids.includes(leadId), 'the Lead is kept')
    // Offline, the script tries nothing: no request carried the event.
    expect(relay.events().some((event) => event.event_id === leadId)).toBe(false)

    await context.setOffline(false)
    await waitForLedger(emulatorUrl, (ledger) => hasServerArrivals(ledger, [{ event_name: 'Lead', event_id: leadId }]))
    await fixture.stack.relay.flush()
    const ledger = await fetchLedger(emulatorUrl)
    expect(serverArrivals(ledger, 'meta', leadId)).toHaveLength(1)
    expect(serverArrivals(ledger, 'tiktok', leadId)).toHaveLength(1)
    expect(ledger.ga4.received.filter((entry) => entry.channel === 'server' && entry.eventName === 'generate_lead')).toHaveLength(1)
    await waitForQueue(page, (ids) => ids.length === 0, 'empty')
    expect(errors).toEqual([])
    await context.close()
  })

  it('an event tracked by a click that leaves the site still reaches the relay', async () => {
    const { shopUrl, emulatorUrl } = fixture.stack
    const context = await fixture.browser.newContext()
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(shopUrl)
    const away = `${emulatorUrl}/_emulator`
    // The id is the page's (options.eventId): once the page is gone, nothing of it can be asked.
    const leadId = `outbound-${Date.now()}`
    await page.evaluate(
      ({ away, leadId }) => {
        const link = document.createElement('a')
        link.id = 'leave'
        link.href = away
        link.textContent = 'Elsewhere'
        link.addEventListener('click', () => {
          ;(window as unknown as PairtrackWindow).pairtrack('track', 'Lead', { content_name: 'outbound link' }, {}, { eventId: leadId })
        })
        document.body.append(link)
      },
      { away, leadId },
    )

    await Promise.all([page.waitForURL(away), page.click('#leave')])

    // Another site: no later page of the shop sends it again, so it arrived from the page that left.
    await waitForLedger(emulatorUrl, (ledger) => hasServerArrivals(ledger, [{ event_name: 'Lead', event_id: leadId }]))
    await fixture.stack.relay.flush()
    const ledger = await fetchLedger(emulatorUrl)
    expect(serverArrivals(ledger, 'meta', leadId)).toHaveLength(1)
    expect(serverArrivals(ledger, 'tiktok', leadId)).toHaveLength(1)
    expect(errors).toEqual([])
    await context.close()
  })

  it('an fbclid landing: a later page sends Meta fbc = fb.1.<ms>.<fbclid>, the fbclid unchanged', async () => {
    const { shopUrl, emulatorUrl } = fixture.stack
    // Case, '-', '_', '~' and '!' must survive as they are (platforms.md 1.7: case-sensitive, never altered).
    const fbclid = 'IwZXh0bgNhZW0CMTAAAR2-Odd_Case~Click!Id9'
    const context = await fixture.browser.newContext()
    const relay = await routeRelay(context)
    const page = await context.newPage()
    const errors = watchErrors(page)

    const before = Date.now()
    await page.goto(`${shopUrl}/?fbclid=${encodeURIComponent(fbclid)}`)
    const after = Date.now()
    await Promise.all([page.waitForURL('**/checkout'), page.click('#add-to-cart')])
    expect(page.url()).not.toContain('fbclid')
    const checkout = await relay.waitForEvent('InitiateCheckout')

    const ledger = await waitForLedger(emulatorUrl, (l) => serverArrivals(l, 'meta', checkout.event_id).length > 0)
    const payload = serverArrivals(ledger, 'meta', checkout.event_id)[0]?.payload as { user_data?: { fbc?: unknown } }
    const fbc = payload.user_data?.fbc
    expect(fbc).toEqual(expect.stringMatching(/^fb\.1\.\d{13}\.[^.]+$/))
    const [, , creationMs, clickId] = String(fbc).split('.')
    expect(clickId).toBe(fbclid)
    // Milliseconds (not seconds), minted while the landing page loaded.
    expect(Number(creationMs)).toBeGreaterThanOrEqual(before)
    expect(Number(creationMs)).toBeLessThanOrEqual(after)
    expect(errors).toEqual([])
    await context.close()
  })
})
