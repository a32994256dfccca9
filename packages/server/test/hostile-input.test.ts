import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STATUS_OF } from '../src/http/error-response.js'
import type { IngestErrorCode } from '../src/index.js'
import { BROWSER_UA, startRelayHarness, type RelayHarness } from './helpers/start-relay.js'

const CORPUS = resolve(import.meta.dirname, 'fixtures/hostile')
type Expected = { status: number; error?: IngestErrorCode; note?: string }
const expected = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as Record<string, Expected>
const bodies = readdirSync(CORPUS).filter((name) => name.endsWith('.body')).map((name) => name.slice(0, -'.body'.length))
const CODES = new Set(Object.keys(STATUS_OF))

describe('hostile input against a running relay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pairtrack-hostile-'))
  const dbPath = join(dir, 'outbox.db')
  let harness: RelayHarness
  /** Event ids the relay answered 202 for: the only ones allowed into the outbox or out to a platform. */
  const acceptedIds = new Set<string>()
  /** Refusals seen, by code, to hold the counters to. */
  const refusals = new Map<string, number>()
  let rssBefore = 0
  let harnessClosed = false

  /** POSTs raw bytes as the browser would and checks the answer's shape whatever the body. */
  const post = async (body: Uint8Array | string): Promise<{ status: number; json: Record<string, unknown> }> => {
    const response = await fetch(`${harness.relayUrl}/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: new URL(harness.relayUrl).origin, 'user-agent': BROWSER_UA },
      body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
    })
    expect(response.status, 'never a 5xx').toBeLessThan(500)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const json = (await response.json()) as Record<string, unknown>
    if (response.status === 202) {
      for (const event of json.events as Array<{ event_id: string }>) acceptedIds.add(event.event_id)
    } else {
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(CODES.has(json.error as string), `known code ${String(json.error)}`).toBe(true)
      expect(STATUS_OF[json.error as IngestErrorCode]).toBe(response.status)
      expect(typeof json.message).toBe('string')
      refusals.set(json.error as string, (refusals.get(json.error as string) ?? 0) + 1)
    }
    return { status: response.status, json }
  }

  beforeAll(async () => {
    harness = await startRelayHarness({ config: { store: `sqlite:${dbPath}`, rateLimit: false } })
    rssBefore = process.memoryUsage().rss
  })

  afterAll(async () => {
    if (!harnessClosed) await harness?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('has an expected answer for every body in the corpus, and a body for every answer', () => {
    expect(bodies.sort()).toEqual(Object.keys(expected).sort())
    expect(bodies.length).toBeGreaterThan(60)
  })

  it.each(bodies)('answers the corpus case %s as expected.json says', async (name) => {
    const want = expected[name]!
    const answer = await post(readFileSync(join(CORPUS, `${name}.body`)))
    expect({ status: answer.status, error: answer.json.error }).toEqual({ status: want.status, error: want.error })
  })

  it('leaves every prototype alone', () => {
    for (const proto of [Object.prototype, Array.prototype, Function.prototype]) {
      expect((proto as Record<string, unknown>).polluted).toBeUndefined()
    }
  })

  it('answers every fuzzed body with 2xx or a JSON 4xx (fast-check)', async () => {
    let n = 0
    const validLead = () => ({ event_name: 'Lead', event_id: `fz-${++n}`, event_source_url: 'https://shop.example/p' })
    const fieldNames = ['event_name', 'event_id', 'event_time', 'event_source_url', 'action_source', 'custom_data', 'user_data', 'consent', 'pixels', 'token', 'surprise']
    const body = fc.oneof(
      fc.json({ maxDepth: 6 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.uint8Array({ maxLength: 400 }),
      // One field of a valid event replaced by any JSON value.
      fc.record({ key: fc.constantFrom(...fieldNames), value: fc.jsonValue({ maxDepth: 4 }) }).map(({ key, value }) => JSON.stringify({ ...validLead(), [key]: value })),
      // A custom property of any name and value.
      fc.record({ key: fc.string({ maxLength: 120 }), value: fc.jsonValue({ maxDepth: 3 }) }).map(({ key, value }) => JSON.stringify({ ...validLead(), custom_data: { [key]: value } })),
      // User data of any shape.
      fc.dictionary(fc.constantFrom('email', 'phone', 'city', 'zip', 'fbc', 'ttp', 'x'), fc.jsonValue({ maxDepth: 2 })).map((userData) => JSON.stringify({ ...validLead(), user_data: userData })),
      // Nesting of any depth, closed or not.
      fc.record({ depth: fc.integer({ min: 1, max: 3000 }), open: fc.constantFrom('[', '{"a":'), closed: fc.boolean() }).map(({ depth, open, closed }) =>
        open.repeat(depth) + '1' + (closed ? (open === '[' ? ']' : '}').repeat(depth) : ''),
      ),
      // A valid event's text cut anywhere.
      fc.nat({ max: 80 }).map((cut) => JSON.stringify(validLead()).slice(0, cut)),
    )
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        await post(text)
      }),
      { numRuns: 400 },
    )
  })

  it('stores and sends nothing from a refused body, counts every refusal by reason, stays up and bounded', async () => {
    expect((await fetch(`${harness.relayUrl}/health`)).status).toBe(200)
    const rssGrowth = process.memoryUsage().rss - rssBefore
    expect(rssGrowth, `RSS grew by ${Math.round(rssGrowth / 1e6)} MB`).toBeLessThan(300 * 1024 * 1024)

    const metrics = await harness.relay.metrics()
    for (const code of CODES) {
      const counted = Number(new RegExp(`pairtrack_beacon_rejections_total\\{reason="${code}"\\} (\\d+)`).exec(metrics)?.[1])
      expect(counted, code).toBe(refusals.get(code) ?? 0)
    }
    expect(refusals.get('invalid_body')).toBeGreaterThan(20)

    await harness.relay.flush()
    const ledger = harness.emulator.ledger()
    const sent = [...ledger.meta.received, ...ledger.tiktok.received].map((entry) => entry.eventId)
    expect(sent.length).toBeGreaterThan(0)
    for (const id of sent) expect(acceptedIds.has(id ?? ''), `sent ${id}`).toBe(true)

    await harness.close()
    harnessClosed = true
    const db = new Database(dbPath, { readonly: true })
    const stored = (db.prepare('SELECT DISTINCT event_id FROM outbox').all() as Array<{ event_id: string }>).map((row) => row.event_id)
    db.close()
    expect(stored).toContain('hostile-dup-ok')
    for (const id of stored) expect(acceptedIds.has(id), `stored ${id}`).toBe(true)
  })
})
