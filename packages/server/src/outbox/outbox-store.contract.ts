import { fromStoredHashedUserData } from '@pairtrack/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DestinationId } from '../destinations/destination.js'
import type { OutboxEvent } from './outbox-event.js'
import type { NewOutboxRow, OutboxStore } from './outbox-store.js'

const T0 = 1_750_000_000_000
const HASH = '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f'

/** A stored event as the pipeline would hand it over (hashed user data only). */
export function outboxEventFor(eventId: string, overrides: Partial<OutboxEvent> = {}): OutboxEvent {
  return {
    eventName: 'Purchase',
    eventId,
    eventTime: Math.floor(T0 / 1000),
    eventSourceUrl: 'https://shop.example/checkout',
    actionSource: 'website',
    customData: { value: 12.5, currency: 'EUR', contents: [{ id: 'sku-1', quantity: 2 }] },
    userData: fromStoredHashedUserData({ meta: { em: [HASH] }, ga4: {}, tiktok: {}, ids: { fbp: 'fb.1.1.2' } }),
    consent: { ad_storage: 'granted', ad_user_data: 'granted' },
    origin: 'browser',
    receivedAtMs: T0,
    ...overrides,
  }
}

/** A pending row due at `T0` unless said otherwise. */
export function newRowFor(eventId: string, overrides: Partial<NewOutboxRow> = {}): NewOutboxRow {
  return { destination: 'meta', status: 'pending', decision: 'granted', event: outboxEventFor(eventId), nextAttemptAtMs: T0, ...overrides }
}

/**
 * The behaviour every OutboxStore adapter must show (STYLE.md habit 8). `makeStore` returns a fresh,
 * empty store for each test; the suite closes it.
 * @example describeOutboxStore('sqlite', () => createSqliteOutboxStore({ path: tempFile() }))
 */
export function describeOutboxStore(name: string, makeStore: () => OutboxStore | Promise<OutboxStore>): void {
  describe(`OutboxStore contract: ${name}`, () => {
    let store: OutboxStore
    beforeEach(async () => {
      store = await makeStore()
    })
    afterEach(async () => {
      await store.close()
    })
    const statusOf = async (eventId: string, destination: DestinationId = 'meta') =>
      (await store.findRow(destination, 'Purchase', eventId))?.status

    describe('enqueue', () => {
      it('stores queued and suppressed rows and reads the event back unchanged', async () => {
        const results = await store.enqueue([newRowFor('a'), newRowFor('b', { status: 'suppressed', decision: 'consent_denied' })], T0)
        expect(results.map((r) => r.result)).toEqual(['queued', 'suppressed'])
        const row = await store.findRow('meta', 'Purchase', 'a')
        expect(row).toMatchObject({ status: 'pending', decision: 'granted', attempts: 0, nextAttemptAtMs: T0, createdAtMs: T0 })
        expect(row?.event).toEqual(outboxEventFor('a'))
        expect(await statusOf('b')).toBe('suppressed')
      })

      it('answers duplicate for a second arrival of the same key and leaves the first row as it was', async () => {
        await store.enqueue([newRowFor('a')], T0)
        const second = await store.enqueue([newRowFor('a', { decision: 'other', nextAttemptAtMs: T0 + 99 })], T0 + 5)
        expect(second).toEqual([{ destination: 'meta', eventName: 'Purchase', eventId: 'a', result: 'duplicate' }])
        expect(await store.findRow('meta', 'Purchase', 'a')).toMatchObject({ decision: 'granted', nextAttemptAtMs: T0, updatedAtMs: T0 })
      })

      it('keys on destination and event name as well as event id', async () => {
        const results = await store.enqueue(
          [newRowFor('a'), newRowFor('a', { destination: 'ga4' }), newRowFor('a', { event: outboxEventFor('a', { eventName: 'Lead' }) })],
          T0,
        )
        expect(results.map((r) => r.result)).toEqual(['queued', 'queued', 'queued'])
      })

      it('resolves many concurrent enqueues with one result per row, duplicates included', async () => {
        const calls = Array.from({ length: 120 }, (_, i) => store.enqueue([newRowFor(`e${i % 100}`)], T0))
        const results = (await Promise.all(calls)).map(([r]) => r?.result)
        expect(results.slice(0, 100)).toEqual(Array(100).fill('queued'))
        expect(results.slice(100)).toEqual(Array(20).fill('duplicate'))
        expect(await store.counts()).toEqual([{ destination: 'meta', status: 'pending', count: 100 }])
      })

      it('rejects only the caller whose write fails and commits the others of its tick', async () => {
        const poisoned = newRowFor('bad', { event: outboxEventFor('bad', { customData: { big: 1n } as never }) })
        const calls = [store.enqueue([newRowFor('a')], T0), store.enqueue([poisoned], T0), store.enqueue([newRowFor('c')], T0)]
        const settled = await Promise.allSettled(calls)
        expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
        expect([await statusOf('a'), await statusOf('bad'), await statusOf('c')]).toEqual(['pending', undefined, 'pending'])
      })

      it('writes rows enqueued just before close', async () => {
        const pending = store.enqueue([newRowFor('late')], T0)
        await store.close()
        await expect(pending).resolves.toEqual([expect.objectContaining({ result: 'queued' })])
        store = await makeStore()
      })
    })

    describe('claimDue and leases', () => {
      it('claims due pending rows of one destination, oldest first, up to the limit, counting an attempt', async () => {
        await store.enqueue(
          [
            newRowFor('late', { nextAttemptAtMs: T0 + 2 }),
            newRowFor('early', { nextAttemptAtMs: T0 + 1 }),
            newRowFor('future', { nextAttemptAtMs: T0 + 1000 }),
            newRowFor('other', { destination: 'tiktok' }),
            newRowFor('hidden', { status: 'suppressed', decision: 'consent_denied' }),
            newRowFor('third', { nextAttemptAtMs: T0 + 3 }),
          ],
          T0,
        )
        const claimed = await store.claimDue('meta', T0 + 10, 2, 60_000)
        expect(claimed.map((r) => [r.eventId, r.status, r.attempts])).toEqual([
          ['early', 'in_flight', 1],
          ['late', 'in_flight', 1],
        ])
        expect((await store.claimDue('meta', T0 + 10, 10, 60_000)).map((r) => r.eventId)).toEqual(['third'])
      })

      it('does not hand a leased row out again until its lease expires, then re-claims it', async () => {
        await store.enqueue([newRowFor('a')], T0)
        await store.claimDue('meta', T0, 10, 1000)
        expect(await store.claimDue('meta', T0 + 999, 10, 1000)).toEqual([])
        const again = await store.claimDue('meta', T0 + 1000, 10, 1000)
        expect(again.map((r) => [r.eventId, r.attempts])).toEqual([['a', 2]])
      })

      it('counts due rows up to a cap and reports when the next row becomes due', async () => {
        expect(await store.nextDueAtMs('meta')).toBeNull()
        await store.enqueue([newRowFor('a', { nextAttemptAtMs: T0 + 500 }), newRowFor('b'), newRowFor('c')], T0)
        expect(await store.countDue('meta', T0, 10)).toBe(2)
        expect(await store.countDue('meta', T0, 1)).toBe(1)
        expect(await store.nextDueAtMs('meta')).toBe(T0)
        await store.claimDue('meta', T0, 2, 200)
        expect(await store.nextDueAtMs('meta')).toBe(T0 + 200)
        expect(await store.nextDueAtMs('ga4')).toBeNull()
      })
    })

    describe('marks', () => {
      it('schedules a retry: pending again at the given time with the reason', async () => {
        await store.enqueue([newRowFor('a')], T0)
        const [row] = await store.claimDue('meta', T0, 1, 60_000)
        await store.markRetry(row!.id, T0 + 5000, 'http_503', T0 + 10)
        expect(await store.findRow('meta', 'Purchase', 'a')).toMatchObject({
          status: 'pending', nextAttemptAtMs: T0 + 5000, lastError: 'http_503', attempts: 1, updatedAtMs: T0 + 10,
        })
        expect(await store.claimDue('meta', T0 + 4999, 1, 60_000)).toEqual([])
        expect(await store.claimDue('meta', T0 + 5000, 1, 60_000)).toHaveLength(1)
      })

      it('records delivery with a trace id and death with a reason', async () => {
        await store.enqueue([newRowFor('a'), newRowFor('b'), newRowFor('c')], T0)
        const rows = await store.claimDue('meta', T0, 3, 60_000)
        await store.markDelivered([rows[0]!.id, rows[1]!.id], 'trace-1', T0 + 1)
        await store.markDead(rows[2]!.id, 'invalid_parameter', T0 + 1)
        expect(await store.findRow('meta', 'Purchase', 'b')).toMatchObject({ status: 'delivered', traceId: 'trace-1' })
        expect(await store.findRow('meta', 'Purchase', 'c')).toMatchObject({ status: 'dead', lastError: 'invalid_parameter' })
        expect(await store.nextDueAtMs('meta')).toBeNull()
      })

      it('records the outcomes of a batch together', async () => {
        await store.enqueue([newRowFor('a'), newRowFor('b'), newRowFor('c'), newRowFor('d')], T0)
        const [a, b, c, d] = await store.claimDue('meta', T0, 4, 60_000)
        await store.markDelivered([d!.id], null, T0 + 1)
        await store.recordOutcomes(
          [
            { id: a!.id, kind: 'delivered', traceId: 'trace-a' },
            { id: b!.id, kind: 'retry', nextAttemptAtMs: T0 + 500, reason: 'batch_rejected' },
            { id: c!.id, kind: 'dead', reason: 'invalid_event' },
            { id: d!.id, kind: 'dead', reason: 'late' },
          ],
          T0 + 2,
        )
        expect(await store.findRow('meta', 'Purchase', 'a')).toMatchObject({ status: 'delivered', traceId: 'trace-a', updatedAtMs: T0 + 2 })
        expect(await store.findRow('meta', 'Purchase', 'b')).toMatchObject({ status: 'pending', nextAttemptAtMs: T0 + 500, lastError: 'batch_rejected' })
        expect(await store.findRow('meta', 'Purchase', 'c')).toMatchObject({ status: 'dead', lastError: 'invalid_event' })
        expect(await store.findRow('meta', 'Purchase', 'd')).toMatchObject({ status: 'delivered', lastError: null })
      })

      it('releases claimed rows back to pending, due at once, keeping attempts and the last error', async () => {
        await store.enqueue([newRowFor('a'), newRowFor('b')], T0)
        const [a, b] = await store.claimDue('meta', T0, 2, 60_000)
        await store.markRetry(a!.id, T0 + 5, 'http_503', T0 + 1)
        const [again] = await store.claimDue('meta', T0 + 5, 1, 60_000)
        await store.markDelivered([b!.id], null, T0 + 6)
        await store.releaseClaims([again!.id, b!.id], T0 + 7)
        expect(await store.findRow('meta', 'Purchase', 'a')).toMatchObject({
          status: 'pending', attempts: 2, nextAttemptAtMs: T0 + 7, lastError: 'http_503', updatedAtMs: T0 + 7,
        })
        expect(await statusOf('b')).toBe('delivered')
        expect((await store.claimDue('meta', T0 + 7, 10, 60_000)).map((r) => r.eventId)).toEqual(['a'])
      })

      it('ignores a late mark on a row that is no longer in flight', async () => {
        await store.enqueue([newRowFor('a')], T0)
        const [row] = await store.claimDue('meta', T0, 1, 60_000)
        await store.markDelivered([row!.id], null, T0 + 1)
        await store.markRetry(row!.id, T0 + 10, 'timeout', T0 + 2)
        await store.markDead(row!.id, 'too_old', T0 + 2)
        expect(await statusOf('a')).toBe('delivered')
      })
    })

    describe('operations', () => {
      const makeDead = async (ids: string[], destination: DestinationId, atMs: number) => {
        await store.enqueue(ids.map((id) => newRowFor(id, { destination })), atMs)
        for (const row of await store.claimDue(destination, atMs, ids.length, 60_000)) await store.markDead(row.id, 'http_400', atMs)
      }

      it('counts rows per destination and status', async () => {
        await store.enqueue([newRowFor('a'), newRowFor('b'), newRowFor('c', { destination: 'ga4', status: 'suppressed' })], T0)
        await makeDead(['d'], 'tiktok', T0)
        expect(await store.counts()).toEqual([
          { destination: 'ga4', status: 'suppressed', count: 1 },
          { destination: 'meta', status: 'pending', count: 2 },
          { destination: 'tiktok', status: 'dead', count: 1 },
        ])
      })

      it('lists and replays dead rows filtered by destination and time', async () => {
        await makeDead(['old'], 'meta', T0)
        await makeDead(['new'], 'meta', T0 + 100)
        await makeDead(['elsewhere'], 'ga4', T0 + 100)
        expect((await store.listDead()).map((r) => r.eventId)).toEqual(['elsewhere', 'new', 'old'])
        expect((await store.listDead({ destination: 'meta', sinceMs: T0 + 50 })).map((r) => r.eventId)).toEqual(['new'])
        expect((await store.listDead({ limit: 1 })).map((r) => r.eventId)).toEqual(['elsewhere'])
        expect(await store.replayDead({ destination: 'meta', sinceMs: T0 + 50 }, T0 + 200)).toBe(1)
        expect(await store.findRow('meta', 'Purchase', 'new')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAtMs: T0 + 200 })
        expect(await statusOf('old')).toBe('dead')
      })

      it('purges finished rows older than the cutoff and never pending or in-flight ones', async () => {
        await makeDead(['dead'], 'meta', T0)
        await store.enqueue([newRowFor('flying'), newRowFor('kept-pending'), newRowFor('gone', { status: 'suppressed' })], T0)
        await store.claimDue('meta', T0, 1, 60_000)
        await store.enqueue([newRowFor('young', { status: 'suppressed' })], T0 + 1000)
        expect(await store.purgeOlderThan(T0 + 500)).toBe(2)
        expect([await statusOf('dead'), await statusOf('gone'), await statusOf('young')]).toEqual([undefined, undefined, 'suppressed'])
        expect((await store.counts()).reduce((sum, c) => sum + c.count, 0)).toBe(3)
      })

      it('purges in slices when given a limit', async () => {
        await store.enqueue(['a', 'b', 'c'].map((id) => newRowFor(id, { status: 'suppressed' })), T0)
        expect(await store.purgeOlderThan(T0 + 1, 2)).toBe(2)
        expect(await store.purgeOlderThan(T0 + 1, 2)).toBe(1)
        expect(await store.purgeOlderThan(T0 + 1, 2)).toBe(0)
      })
    })
  })
}
