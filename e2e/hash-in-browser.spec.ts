import { createHash } from 'node:crypto'
import type { Ledger } from '@pairtrack/testkit'
import { describe, expect, it } from 'vitest'
import { useShopStack } from './fixtures.js'
import { fetchLedger, waitForLedger } from './ledger.js'

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

// Distinctive values: none of them may appear in the beacon, only their per-platform hashes downstream.
const CANARY = {
  email: 'Canary.Hash.InBrowser@Gmail.com',
  phone: '020 7946 0173',
  first_name: 'Canaryfirstname',
  last_name: 'Canarylastname',
  street: '99 Canary Street',
}
const RAW = ['canary.hash.inbrowser@gmail.com', 'canaryhashinbrowser', '7946 0173', '79460173', 'canaryfirstname', 'canarylastname', 'canary street']
const EVENT_ID = 'hash-in-browser-e2e-1'

// A page of the shop that opts in: the add-on (with the phone default country) and the core script, in
// order, and a Lead tracked with the canary before either has loaded (the calls wait in the queue).
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>hashInBrowser</title>
<script>var f=window.pairtrack=function(){f.q.push([].slice.call(arguments))};f.q=[];
pairtrack('init',{relay:'/pairtrack',hashInBrowser:true,debug:true});
pairtrack('track','Lead',{value:5,currency:'EUR'},${JSON.stringify(CANARY)},{eventId:'${EVENT_ID}'});</script>
<script src="/pairtrack/pairtrack-hash.js" data-default-country="GB"></script>
<script src="/pairtrack/pairtrack.js"></script></head><body>hashInBrowser</body></html>`

const serverEntry = (ledger: Ledger, platform: 'meta' | 'ga4' | 'tiktok') =>
  ledger[platform].received.find(
    (entry) => entry.channel === 'server' && (platform === 'ga4' ? entry.eventName === 'generate_lead' : entry.eventId === EVENT_ID),
  )

describe('hashInBrowser: only hashes leave the page', () => {
  const fixture = useShopStack()

  it('beacons no raw canary value, and every platform receives the hashes it expects', async () => {
    const context = await fixture.browser.newContext()
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    // The shop's home page first: its pairtrackCookies() middleware sets _fbp and _ga for the origin.
    await page.goto(fixture.stack.shopUrl)
    const beacons: string[] = []
    page.on('request', (request) => {
      if (request.url().endsWith('/pairtrack/events') && request.method() === 'POST') beacons.push(request.postData() ?? '')
    })
    const pageUrl = `${fixture.stack.shopUrl.replace(/\/$/, '')}/hash-in-browser`
    await page.route(pageUrl, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: PAGE }))
    await page.goto(pageUrl)

    const ledger = await waitForLedger(fixture.stack.emulatorUrl, (l) => ['meta', 'ga4', 'tiktok'].every((p) => serverEntry(l, p as 'meta') !== undefined))
    await fixture.stack.relay.flush()

    // The beacon carried the Lead with hashes only.
    const leadBeacon = beacons.find((body) => body.includes(EVENT_ID))
    expect(leadBeacon).toBeDefined()
    for (const value of RAW) expect(leadBeacon?.toLowerCase()).not.toContain(value)
    expect(leadBeacon).toContain('hashed_user_data')

    const meta = (serverEntry(ledger, 'meta')?.payload as { user_data: Record<string, unknown> }).user_data
    expect(meta.em).toEqual([sha256('canary.hash.inbrowser@gmail.com')])
    expect(meta.ph).toEqual([sha256('442079460173')])
    expect(meta.fn).toEqual([sha256('canaryfirstname')])
    expect(meta.ln).toEqual([sha256('canarylastname')])
    expect(meta.fbp).toMatch(/^fb\.1\./)

    const ga4 = serverEntry(ledger, 'ga4')?.payload as { client_id: string; user_data: Record<string, unknown> }
    expect(ga4.user_data.sha256_email_address).toEqual([sha256('canaryhashinbrowser@gmail.com')])
    expect(ga4.user_data.sha256_phone_number).toEqual([sha256('+442079460173')])
    expect(ga4.user_data.address).toEqual([
      { sha256_first_name: sha256('canaryfirstname'), sha256_last_name: sha256('canarylastname'), sha256_street: sha256('99 canary street') },
    ])

    const tiktok = (serverEntry(ledger, 'tiktok')?.payload as { user: Record<string, unknown> }).user
    expect(tiktok.email).toEqual([sha256('canary.hash.inbrowser@gmail.com')])
    expect(tiktok.phone).toEqual([sha256('+442079460173')])
    expect(tiktok.first_name).toBe(sha256('canaryfirstname'))

    // Nothing the platforms received holds a raw canary value, and the emulator rejected nothing.
    const everything = JSON.stringify(await fetchLedger(fixture.stack.emulatorUrl)).toLowerCase()
    for (const value of RAW) expect(everything).not.toContain(value)
    for (const platform of ['meta', 'ga4', 'tiktok'] as const) expect(ledger[platform].rejected).toEqual([])
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
