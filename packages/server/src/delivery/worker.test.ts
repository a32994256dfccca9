import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DestinationId } from '../destinations/destination.js'
import { newRowFor, outboxEventFor } from '../outbox/outbox-store.contract.js'
import type { OutboxStore } from '../outbox/outbox-store.js'
import { createSqliteOutboxStore } from '../outbox/sqlite/sqlite-store.js'
import type { DeliveryReport } from './delivery-context.js'
import type { DeliveryLogger } from './delivery-logger.js'
import { fakeDestination, startFakePlatform, type FakePlatformServer } from './fixtures/fake-destination.js'
import { createHttpSender, type HttpSender } from './send.js'
import { createDeliveryWorker, type DeliveryWorkerOptions } from './worker.js'

const T0 = 1_750_000_000_000
const TOKEN = 'TEST_TOKEN_123'

let store: OutboxStore
let platform: FakePlatformServer
let sender: HttpSender
let now: number
let reports: DeliveryReport[]
let logged: string[]

beforeEach(async () => {
  store = createSqliteOutboxStore({ path: ':memory:' })
  platform = await startFakePlatform()
  sender = createHttpSender({ timeoutMs: 2000 })
  now = T0
  reports = []
  logged = []
})
afterEach(async () => {
  await sender.close()
  await platform.close()
  await store.close()
})

const logAt =
  (level: string) =>
  (fields: Record<string, unknown>, msg: string): void =>
    void logged.push(JSON.stringify({ level, fields, msg }))
const logger: DeliveryLogger = { debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error') }

function workerFor(overrides: Partial<DeliveryWorkerOptions> = {}, destination = fakeDestination('meta')) {
  return createDeliveryWorker({
    store,
    send: sender,
    destinations: [{ destination, config: { baseUrl: platform.baseUrl, path: destination.id, token: TOKEN } }],
    clock: { now: () => now },
    random: () => 0.5,
    logger,
    onOutcome: (report) => reports.push(report),
    ...overrides,
  })
}
const enqueue = (ids: string[], destination: DestinationId = 'meta') =>
  store.enqueue(ids.map((id) => newRowFor(id, { destination, nextAttemptAtMs: now })), now)
const rowOf = (id: string, destination: DestinationId = 'meta') => store.findRow(destination, 'Purchase', id)

describe('delivery worker: one pass', () => {
  it('delivers due rows in one request with the trace id the platform returned', async () => {
    await enqueue(['a', 'b', 'c'])
    await workerFor().drain()
    expect(platform.seen).toEqual([expect.objectContaining({ path: 'meta', ids: ['a', 'b', 'c'] })])
    expect(platform.seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(await rowOf('b')).toMatchObject({ status: 'delivered', traceId: 'trace-meta', attempts: 1 })
    expect(reports.map((r) => [r.eventId, r.kind])).toEqual([['a', 'delivered'], ['b', 'delivered'], ['c', 'delivered']])
  })

  it('splits due rows into requests of at most maxBatch events', async () => {
    await enqueue(['a', 'b', 'c', 'd', 'e'])
    await workerFor({}, fakeDestination('meta', { maxBatch: 2 })).drain()
    expect(platform.seen.map((r) => r.ids)).toEqual([['a', 'b'], ['c', 'd'], ['e']])
  })

  it('backs off a failing row with growing jittered delays', async () => {
    platform.reply('meta', { status: 503 })
    await enqueue(['a'])
    const worker = workerFor()
    const delays: number[] = []
    for (let i = 0; i < 4; i++) {
      await worker.drain()
      const row = await rowOf('a')
      delays.push((row?.nextAttemptAtMs ?? 0) - now)
      now = row?.nextAttemptAtMs ?? now
    }
    expect(delays).toEqual([500, 1000, 2000, 4000])
    expect(await rowOf('a')).toMatchObject({ status: 'pending', attempts: 4, lastError: 'http_503' })
  })

  it.each([
    ['delta seconds', '30', 30_000],
    ['an HTTP-date', new Date(T0 + 45_000).toUTCString(), 45_000],
  ])('waits at least the Retry-After given as %s', async (_form, header, expected) => {
    platform.reply('meta', { status: 429, headers: { 'Retry-After': header } })
    await enqueue(['a'])
    await workerFor().drain()
    expect(await rowOf('a')).toMatchObject({ status: 'pending', nextAttemptAtMs: T0 + expected, lastError: 'http_429' })
  })

  it('sends a row to dead with the last reason once maxAttempts sends failed', async () => {
    platform.reply('meta', { status: 500 })
    await enqueue(['a'])
    const worker = workerFor({ policy: { maxAttempts: 3 } })
    for (let i = 0; i < 5; i++) {
      await worker.drain()
      now += 60_000
    }
    expect(platform.seen).toHaveLength(3)
    expect(await rowOf('a')).toMatchObject({ status: 'dead', attempts: 3, lastError: 'http_500' })
    expect(reports.map((r) => r.kind)).toEqual(['retry', 'retry', 'dead'])
    expect(logged.some((line) => line.includes('"level":"error"'))).toBe(true)
  })

  it('sends events older than maxEventAgeMs to dead as too_old without a request', async () => {
    const week = 7 * 24 * 3600 * 1000
    await store.enqueue(
      [
        newRowFor('old', { event: outboxEventFor('old', { eventTime: (T0 - week - 1000) / 1000 }) }),
        newRowFor('fresh', { event: outboxEventFor('fresh', { eventTime: (T0 - week + 1000) / 1000 }) }),
      ],
      T0,
    )
    await workerFor({}, fakeDestination('meta', { maxEventAgeMs: week })).drain()
    expect(platform.seen.map((r) => r.ids)).toEqual([['fresh']])
    expect(await rowOf('old')).toMatchObject({ status: 'dead', lastError: 'too_old' })
  })

  it('records per-event outcomes of a partly rejected batch', async () => {
    platform.reply('meta', { status: 200, body: JSON.stringify({ rejected: ['b'], trace: 't-9' }) })
    await enqueue(['a', 'b', 'c'])
    await workerFor().drain()
    expect((await Promise.all(['a', 'b', 'c'].map((id) => rowOf(id)))).map((r) => [r?.status, r?.lastError ?? r?.traceId])).toEqual([
      ['delivered', 't-9'],
      ['dead', 'invalid_event'],
      ['delivered', 't-9'],
    ])
  })

  it('redacts the request secrets from stored reasons and logs', async () => {
    platform.reply('meta', (request) => ({ status: 401, body: `bad token ${request.headers.authorization}` }))
    await enqueue(['a'])
    await workerFor().drain()
    const row = await rowOf('a')
    expect(row).toMatchObject({ status: 'dead', lastError: 'http_401: bad token Bearer [redacted]' })
    expect(logged.join('\n')).not.toContain(TOKEN)
    expect(logged.join('\n')).toContain('[redacted]')
  })

  it('retries a row whose destination throws instead of stopping', async () => {
    const broken = fakeDestination('meta', {
      toRequest: () => {
        throw new Error('bug in toRequest')
      },
    })
    await enqueue(['a'])
    await workerFor({}, broken).drain()
    expect(await rowOf('a')).toMatchObject({ status: 'pending', lastError: 'internal_error: Error: bug in toRequest' })
  })

  it('re-claims a row whose worker died mid-send only once its lease expired', async () => {
    await enqueue(['a'])
    await store.claimDue('meta', now, 10, 60_000) // a worker claimed it, then the process died
    const worker = workerFor()
    now += 59_999
    await worker.drain()
    expect(platform.seen).toEqual([])
    now += 1
    await worker.drain()
    expect(await rowOf('a')).toMatchObject({ status: 'delivered', attempts: 2 })
  })

  it('leaves rows of destinations it does not serve alone', async () => {
    await enqueue(['a'], 'tiktok')
    await workerFor().drain()
    expect(platform.seen).toEqual([])
    expect(await rowOf('a', 'tiktok')).toMatchObject({ status: 'pending', attempts: 0 })
  })
})
