import type { TrackEvent } from '@pairtrack/shared'
import { describe, expect, it, vi } from 'vitest'
import type { QueueStorage } from './queue-storage.js'
import { createRetryQueue, QUEUE_BACKOFF, QUEUE_MAX_AGE_MS } from './retry-queue.js'
import type { SendResult } from './send.js'

const NOW = 1_700_000_000_000
const event = (id: string, ageMs = 0, name = 'Lead'): TrackEvent => ({
  event_name: name,
  event_id: id,
  event_time: Math.floor((NOW - ageMs) / 1000),
})

/** A storage that keeps what a real one would keep: clones, as IndexedDB hands back. */
function memoryStorage(initial: unknown[] = []) {
  let stored = structuredClone(initial) as TrackEvent[]
  const storage: QueueStorage = async (change) => (stored = structuredClone(change(structuredClone(stored))))
  return { storage, stored: () => stored }
}

/** A queue whose sends answer from `results` (then `fallback`), with recorded timers and logs. */
function setup(results: SendResult[] = [], initial: unknown[] = [], fallback: SendResult = 'fetch') {
  const { storage, stored } = memoryStorage(initial)
  const sent: Array<{ ids: string[]; beacon: boolean }> = []
  const deliver = vi.fn(async (events: TrackEvent[], beacon?: boolean) => {
    sent.push({ ids: events.map((e) => e.event_id), beacon: beacon === true })
    return results.shift() ?? fallback
  })
  const timers: Array<{ run: () => void; ms: number }> = []
  const log = vi.fn()
  const queue = createRetryQueue(deliver, storage, () => NOW, log, {
    setTimeout: (run, ms) => timers.push({ run, ms }),
    random: () => 0.5,
  })
  return { queue, sent, timers, stored, log, deliver }
}

const ids = (events: readonly TrackEvent[]) => events.map((e) => e.event_id)

describe('createRetryQueue', () => {
  it('makes a first send without the beacon flag (fetch, its answer read) unless told the page is going away', async () => {
    const { queue, sent, stored, timers } = setup(['fetch', 'beacon'])
    await queue.send([event('a')])
    await queue.send([event('b')], true)
    expect(sent).toEqual([
      { ids: ['a'], beacon: false },
      { ids: ['b'], beacon: true },
    ])
    expect(stored()).toEqual([])
    expect(timers).toEqual([])
  })

  it('keeps the events of a first send the relay answered 5xx to (failed), not only of a refused beacon', async () => {
    const { queue, stored, timers } = setup(['failed'])
    await queue.send([event('a')])
    expect(ids(stored())).toEqual(['a'])
    expect(timers).toHaveLength(1)
  })

  it('keeps events whose send failed and retries them by fetch after a full-jitter backoff', async () => {
    const { queue, sent, stored, timers } = setup(['failed'])
    await queue.send([event('a'), event('b')], true)

    expect(ids(stored())).toEqual(['a', 'b'])
    expect(timers.map((t) => t.ms)).toEqual([0.5 * QUEUE_BACKOFF.baseDelayMs])

    timers[0]!.run()
    await vi.waitFor(() => expect(stored()).toEqual([]))
    expect(sent).toEqual([
      { ids: ['a', 'b'], beacon: true },
      { ids: ['a', 'b'], beacon: false },
    ])
  })

  it('backs off longer after each failed retry, with one timer pending at a time', async () => {
    const { queue, timers } = setup(['failed', 'failed', 'failed'])
    await queue.send([event('a')])
    await queue.send([event('b')]) // a second failure while a retry is pending adds no timer
    expect(timers).toHaveLength(1)

    timers[0]!.run()
    await vi.waitFor(() => expect(timers).toHaveLength(2))
    expect(timers.map((t) => t.ms)).toEqual([2500, 5000])
  })

  it('keeps an event until the relay takes it, across drains', async () => {
    const { queue, stored } = setup(['failed'], [event('a')])
    await queue.drain()
    expect(ids(stored())).toEqual(['a'])
    await queue.drain()
    expect(stored()).toEqual([])
  })

  it('drops events the relay rejects (4xx): no retry can help', async () => {
    const { queue, stored, timers } = setup(['rejected'], [event('a')])
    await queue.drain()
    expect(stored()).toEqual([])
    expect(timers).toEqual([])
  })

  it('sends at most 50 events per request and stops at the first failure', async () => {
    const kept = Array.from({ length: 120 }, (_, i) => event(`e${i}`))
    const { queue, sent, stored } = setup(['fetch', 'failed'], kept)
    await queue.drain()
    expect(sent.map((s) => s.ids.length)).toEqual([50, 50])
    expect(ids(stored())).toEqual(ids(kept.slice(50)))
  })

  it('removes only the sent events, by name and id, keeping those added meanwhile', async () => {
    const { queue, stored, deliver } = setup([], [event('a')])
    deliver.mockImplementationOnce(async () => {
      // While the drain's request is out, a first send of another event with the same id fails.
      await queue.send([event('a', 0, 'Purchase')])
      return 'fetch'
    })
    deliver.mockResolvedValueOnce('failed') // that first send
    deliver.mockResolvedValueOnce('failed') // the drain's next round, with the Purchase
    await queue.drain()
    expect(stored().map((e) => [e.event_name, e.event_id])).toEqual([['Purchase', 'a']])
  })

  it('runs one drain at a time', async () => {
    const { queue, sent } = setup([], [event('a')])
    await Promise.all([queue.drain(), queue.drain()])
    expect(sent).toHaveLength(1)
  })

  it('keeps at most 200 events, drops the oldest first and counts the drops', async () => {
    const { queue, stored, log } = setup(['failed', 'failed'])
    await queue.send(Array.from({ length: 150 }, (_, i) => event(`a${i}`)))
    await queue.send(Array.from({ length: 100 }, (_, i) => event(`b${i}`)))

    expect(stored()).toHaveLength(200)
    expect(stored()[0]?.event_id).toBe('a50')
    expect(log).toHaveBeenCalledWith('dropped', 50)
  })

  it('drops events older than 7 days and corrupt entries', async () => {
    const old = event('old', QUEUE_MAX_AGE_MS + 1000)
    const { queue, sent, stored, log } = setup(['fetch'], [old, null, 42, { event_name: 'Lead' }, event('fresh', QUEUE_MAX_AGE_MS - 60_000)])
    await queue.drain()
    expect(sent).toEqual([{ ids: ['fresh'], beacon: false }])
    expect(stored()).toEqual([])
    expect(log).toHaveBeenCalledWith('dropped', 4)
  })
})
