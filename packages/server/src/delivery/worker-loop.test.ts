import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DestinationId } from '../destinations/destination.js'
import { newRowFor } from '../outbox/outbox-store.contract.js'
import type { OutboxStore } from '../outbox/outbox-store.js'
import { createSqliteOutboxStore } from '../outbox/sqlite/sqlite-store.js'
import type { DeliveryTarget } from './delivery-context.js'
import { fakeDestination, startFakePlatform, type FakePlatformServer } from './fixtures/fake-destination.js'
import type { Sleep } from './loop-gate.js'
import { createHttpSender, type HttpSender } from './send.js'
import { createDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from './worker.js'

let store: OutboxStore
let platform: FakePlatformServer
let sender: HttpSender
let workers: DeliveryWorker[]

beforeEach(async () => {
  store = createSqliteOutboxStore({ path: ':memory:' })
  platform = await startFakePlatform()
  sender = createHttpSender({ timeoutMs: 3000 })
  workers = []
})
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop({ deadlineMs: 0 })))
  await sender.close()
  await platform.close()
  await store.close()
})

const target = (id: DestinationId, overrides = {}): DeliveryTarget => ({
  destination: fakeDestination(id, overrides),
  config: { baseUrl: platform.baseUrl, path: id, token: 'TEST_TOKEN' },
})
function startWorker(options: Partial<DeliveryWorkerOptions> = {}): DeliveryWorker {
  const worker = createDeliveryWorker({ store, send: sender, destinations: [target('meta')], lingerMs: 0, ...options })
  workers.push(worker)
  worker.start()
  return worker
}
const enqueue = (ids: string[], destination: DestinationId = 'meta', atMs = Date.now()) =>
  store.enqueue(ids.map((id) => newRowFor(id, { destination, nextAttemptAtMs: atMs })), atMs)
const statusOf = async (id: string, destination: DestinationId = 'meta') => (await store.findRow(destination, 'Purchase', id))?.status

/** Polls real time: these tests run real loops against a real local server. */
async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
  const until = performance.now() + timeoutMs
  while (!(await check())) {
    if (performance.now() > until) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('delivery worker loops', () => {
  it('delivers the backlog on start and new events on wake', async () => {
    await enqueue(['backlog'])
    const worker = startWorker({ pollIntervalMs: 60_000 })
    await waitFor(async () => (await statusOf('backlog')) === 'delivered')
    await enqueue(['new'])
    worker.wake('meta')
    await waitFor(async () => (await statusOf('new')) === 'delivered', 1000)
  })

  it('keeps delivering to one destination while another does not answer', async () => {
    platform.reply('meta', 'hang')
    await enqueue(['stuck'], 'meta')
    await enqueue(['flowing'], 'tiktok')
    startWorker({ destinations: [target('meta'), target('tiktok')] })
    const started = performance.now()
    await waitFor(async () => (await statusOf('flowing', 'tiktok')) === 'delivered', 2000)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(await statusOf('stuck', 'meta')).toBe('in_flight')
  })

  it('waits up to lingerMs after a wake so that later events share the request', async () => {
    const worker = startWorker({ lingerMs: 300 })
    await new Promise((resolve) => setTimeout(resolve, 20)) // the idle loop is waiting
    await enqueue(['first'])
    worker.wake('meta')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(platform.seen).toEqual([])
    await enqueue(['second'])
    worker.wake('meta')
    await waitFor(() => platform.seen.length > 0)
    expect(platform.seen.map((r) => r.ids)).toEqual([['first', 'second']])
  })

  it('skips the linger when a full batch is already due', async () => {
    const worker = startWorker({ lingerMs: 10_000, destinations: [target('meta', { maxBatch: 2 })] })
    await new Promise((resolve) => setTimeout(resolve, 20))
    await enqueue(['a', 'b'])
    worker.wake('meta')
    await waitFor(() => platform.seen.length > 0, 1000)
    expect(platform.seen.map((r) => r.ids)).toEqual([['a', 'b']])
  })

  it('finishes a send in flight before stop resolves, within the deadline', async () => {
    platform.reply('meta', { status: 200, body: '{}', delayMs: 150 })
    await enqueue(['a'])
    const worker = startWorker()
    await waitFor(() => platform.seen.length === 1)
    await worker.stop({ deadlineMs: 2000 })
    expect(await statusOf('a')).toBe('delivered')
  })

  it('hands a row whose answer did not come back to the store at stop, and the next start sends it at once', async () => {
    platform.reply('meta', 'hang')
    await enqueue(['in-flight'])
    const first = startWorker({ leaseMs: 60_000 })
    await waitFor(() => platform.seen.length === 1)
    const stopping = performance.now()
    await first.stop({ deadlineMs: 50 })
    expect(performance.now() - stopping).toBeLessThan(1000)
    await enqueue(['after-stop'])
    first.wake('meta')
    expect(await store.findRow('meta', 'Purchase', 'in-flight')).toMatchObject({ status: 'pending', attempts: 1 })
    expect(await statusOf('after-stop')).toBe('pending')
    expect(platform.seen).toHaveLength(1)

    // The lease (60 s) has not run out: only the release lets the next worker send the row now.
    platform.reply('meta', { status: 200, body: '{}' })
    startWorker()
    await waitFor(async () => (await statusOf('in-flight')) === 'delivered' && (await statusOf('after-stop')) === 'delivered')
    expect((await store.findRow('meta', 'Purchase', 'in-flight'))?.attempts).toBe(2)
  })

  it('does not start batches of a pass once stop was called, and hands their rows back', async () => {
    platform.reply('meta', { status: 200, body: '{}', delayMs: 100 })
    await enqueue(['a', 'b', 'c'])
    const worker = startWorker({ concurrency: 1, destinations: [target('meta', { maxBatch: 1 })] })
    await waitFor(() => platform.seen.length === 1)
    await worker.stop({ deadlineMs: 2000 })
    expect(platform.seen.map((r) => r.ids)).toEqual([['a']])
    expect([await statusOf('a'), await statusOf('b'), await statusOf('c')]).toEqual(['delivered', 'pending', 'pending'])
  })
})

/**
 * Fake time for the loops: a sleep records what it was asked, then (after a short real delay, so the test
 * can act in between) moves the clock on by that much; a wake ends it without moving the clock.
 */
function fakeTime(startMs: number) {
  const time = { nowMs: startMs, sleeps: [] as number[] }
  const sleep: Sleep = (ms, signal) =>
    new Promise((resolve) => {
      time.sleeps.push(ms)
      if (signal.aborted) return resolve()
      const timer = setTimeout(() => ((time.nowMs += ms), resolve()), 20)
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
    })
  return { time, sleep, clock: { now: () => time.nowMs } }
}

describe('delivery worker pause (injected clock and sleep)', () => {
  // Every retry is due at once (random 0): only the destination pause spaces the requests.
  const failing = { random: () => 0, policy: { maxAttempts: 100 }, pollIntervalMs: 60_000 }

  it('pauses a destination that keeps failing, doubling the pause, instead of hammering it', async () => {
    const { time, sleep, clock } = fakeTime(1_000_000)
    const sentAt: number[] = []
    platform.reply('meta', () => (sentAt.push(time.nowMs), { status: 503 }))
    await enqueue(['a'], 'meta', time.nowMs)
    const worker = startWorker({ clock, sleep, ...failing })
    await waitFor(() => sentAt.length >= 5)
    await worker.stop({ deadlineMs: 1000 })
    expect(sentAt.slice(1, 5).map((at, i) => at - (sentAt[i] ?? 0))).toEqual([1000, 2000, 4000, 8000])
  })

  it('stops pausing once the destination answers again', async () => {
    const { time, sleep, clock } = fakeTime(1_000_000)
    let down = true
    platform.reply('meta', () => (down ? { status: 503 } : { status: 200, body: '{}' }))
    await enqueue(['a'], 'meta', time.nowMs)
    const worker = startWorker({ clock, sleep, ...failing })
    await waitFor(() => platform.seen.length >= 3)
    down = false
    await waitFor(async () => (await statusOf('a')) === 'delivered')
    time.sleeps.length = 0
    await enqueue(['b'], 'meta', time.nowMs)
    worker.wake('meta')
    await waitFor(async () => (await statusOf('b')) === 'delivered')
    expect(time.sleeps.filter((ms) => ms < 60_000)).toEqual([])
  })
})
