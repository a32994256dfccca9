import { fullJitterDelay, type BackoffPolicy, type TrackEvent } from '@pairtrack/shared'
import type { Logger } from '../safely.js'
import type { QueueStorage } from './queue-storage.js'
import type { SendResult } from './send.js'

/** The injected clock, timer, randomness and logger of a retry queue. */
export type RetryQueueOptions = {
  /** Unix ms. @default Date.now */
  now?: () => number
  /** @default silent */
  log?: Logger
  /** @default setTimeout */
  setTimeout?: (run: () => void, ms: number) => unknown
  /** [0, 1), the backoff's jitter. @default Math.random */
  random?: () => number
}

/** Events a page could not hand over, kept until the relay takes them. Neither method rejects. */
export type RetryQueue = {
  /** Keeps events whose send failed, and schedules a retry. */
  add(events: readonly TrackEvent[]): Promise<void>
  /** Sends what is kept, 50 events a beacon, until a send fails (then retries after a backoff) or all are out. */
  drain(): Promise<void>
}

/** Most events kept; the oldest are dropped first. */
export const QUEUE_MAX_EVENTS = 200
/** Events older than this (by `event_time`) are dropped: Meta refuses events older than 7 days (platforms.md 1.2). */
export const QUEUE_MAX_AGE_MS = 7 * 86_400_000
/** In-page retries: full jitter up to 5 s, doubling per failed attempt, capped at 10 min. */
export const QUEUE_BACKOFF: BackoffPolicy = { baseDelayMs: 5000, maxDelayMs: 600_000 }
// The relay's limit of events per beacon (as in beacon-batch.ts).
const MAX_EVENTS_PER_BEACON = 50

// The relay's idempotency key is (destination, event name, event id): the same pair is the same event.
const keyOf = (event: TrackEvent) => `${event.event_name} ${event.event_id}`

/**
 * A retry queue over `storage` (IndexedDB, so it outlives the page). `deliver` is the tracker's send: an
 * event stays until a send of it ends `beacon` (the browser took it), `fetch` (the relay took it) or
 * `rejected` (no retry can help); the relay deduplicates what arrives twice. `add` schedules a retry after
 * a full-jitter backoff; the tracker also calls `drain` on page load and on `online`. Bounded to 200
 * events and 7 days, oldest dropped first; the debug log counts the drops.
 * @example
 * const queue = createRetryQueue((events) => send(url, toBeaconBody(events), pageTransport), createQueueStorage())
 * addEventListener('online', queue.drain)
 */
export function createRetryQueue(
  deliver: (events: TrackEvent[]) => Promise<SendResult>,
  storage: QueueStorage,
  { now = Date.now, log = () => {}, setTimeout: later = setTimeout, random }: RetryQueueOptions = {},
): RetryQueue {
  let dropped = 0
  let attempt = 0
  let timer: unknown
  let draining: unknown

  // Applies `change` and then the bounds to the stored events; resolves to what is stored.
  const update = (change: (stored: TrackEvent[]) => TrackEvent[]) =>
    storage.update((stored) => {
      const changed = change(stored)
      // A corrupt entry has no event_time, which compares false: dropped too.
      const kept = changed.filter((event) => event.event_time! * 1000 > now() - QUEUE_MAX_AGE_MS).slice(-QUEUE_MAX_EVENTS)
      if (kept.length < changed.length) log('queue dropped', (dropped += changed.length - kept.length))
      return kept
    })

  // One pending retry at a time, each after a longer full-jitter backoff.
  const retryLater = () =>
    (timer ??= later(() => {
      timer = undefined
      void drain()
    }, fullJitterDelay(attempt++, QUEUE_BACKOFF, random)))

  const drain = async (): Promise<void> => {
    if (draining) return
    draining = 1
    let events = await update((stored) => stored)
    while (events[0]) {
      const chunk = events.slice(0, MAX_EVENTS_PER_BEACON)
      const result = await deliver(chunk)
      log('queue', result)
      if (result == 'failed') {
        retryLater()
        break
      }
      const done = chunk.map(keyOf)
      events = await update((stored) => stored.filter((event) => !done.includes(keyOf(event))))
      attempt = 0
    }
    draining = 0
  }

  return {
    add: async (events) => {
      await update((stored) => [...stored, ...events])
      retryLater()
    },
    drain,
  }
}
