import { fullJitterDelay, type BackoffPolicy, type TrackEvent } from '@pairtrack/shared'
import type { Logger } from '../safely.js'
import { MAX_EVENTS_PER_BEACON } from './beacon-batch.js'
import type { QueueStorage } from './queue-storage.js'
import type { SendResult } from './send.js'

/** The injected timer and randomness of a retry queue. */
export type RetryQueueOptions = {
  /** @default setTimeout */
  setTimeout?: ((run: () => void, ms: number) => unknown) | undefined
  /** [0, 1), the backoff's jitter. @default Math.random */
  random?: (() => number) | undefined
}

/** Sends events and keeps those that could not be handed over until the relay takes them. Neither method rejects. */
export type RetryQueue = {
  /**
   * A first send (by `fetch`; by `sendBeacon` when `beacon`: the page is being hidden or left); events whose
   * send failed are kept, and a retry is scheduled.
   */
  send(events: TrackEvent[], beacon?: boolean): Promise<void>
  /** Re-sends what is kept, 50 events a request, until a send fails (then retries after a backoff) or all are out. */
  drain(): Promise<void>
}

/** Most events kept; the oldest are dropped first. */
export const QUEUE_MAX_EVENTS = 200
/** Events older than this (by `event_time`) are dropped: Meta refuses events older than 7 days (platforms.md 1.2). */
export const QUEUE_MAX_AGE_MS = 7 * 86_400_000
/** In-page retries: full jitter up to 5 s, doubling per failed attempt, capped at 10 min. */
export const QUEUE_BACKOFF: BackoffPolicy = { baseDelayMs: 5000, maxDelayMs: 600_000 }

/**
 * A retry queue over `storage` (IndexedDB, so it outlives the page). `deliver(events, beacon)` is the
 * tracker's send. A first send goes by `fetch` while the page is visible, so the relay's answer is read;
 * only one made as the page is hidden or left goes with `beacon` true and may end `beacon`: the browser
 * took it, and as a beacon has no response, that counts as handed over. Retries go with `beacon` false,
 * i.e. by `fetch`: a kept event stays until a send of it ends `fetch` (2xx) or `rejected` (4xx: no retry can help);
 * the relay deduplicates what arrives twice (same event name and id). Retries run after a full-jitter
 * backoff, and the tracker calls `drain` on page load, on `online` and when the page is hidden or left.
 * Bounded to 200 events and 7 days, oldest dropped first; the debug log says how many were dropped.
 * @example
 * const deliver = (events: TrackEvent[], beacon?: boolean) => send(url, toBeaconBody(events), navigator, beacon)
 * const queue = createRetryQueue(deliver, createQueueStorage(), Date.now, createLogger(options))
 * addEventListener('online', queue.drain)
 */
export function createRetryQueue(
  deliver: (events: TrackEvent[], beacon?: boolean) => Promise<SendResult>,
  storage: QueueStorage,
  now: () => number,
  log: Logger,
  { setTimeout: later = setTimeout, random }: RetryQueueOptions = {},
): RetryQueue {
  let attempt = 0
  let timer: unknown
  let draining: unknown

  // Applies `change` and then the bounds to the stored events; resolves to what is stored.
  const update = (change: (stored: TrackEvent[]) => TrackEvent[]) =>
    storage((stored) => {
      const changed = change(stored)
      // A corrupt entry (not an object, no event_time) compares false: dropped too.
      const kept = changed.filter((event) => event?.event_time! * 1000 > now() - QUEUE_MAX_AGE_MS).slice(-QUEUE_MAX_EVENTS)
      if (kept.length < changed.length) log('dropped', changed.length - kept.length)
      return kept
    })

  // One pending retry at a time, each after a longer full-jitter backoff.
  const retryLater = () =>
    (timer ??= later(() => {
      timer = undefined
      void drain()
    }, fullJitterDelay(attempt++, QUEUE_BACKOFF, random)))

  const drain = async () => {
    if (draining) return
    draining = 1
    for (let events = await update((stored) => stored), chunk; (chunk = events.slice(0, MAX_EVENTS_PER_BEACON))[0]; attempt = 0) {
      if ((await deliver(chunk)) == 'failed') {
        retryLater()
        break
      }
      // Sent: drop these from the queue (by name and id: the stored copies are clones).
      events = await update((stored) => stored.filter((event) => !chunk.some((sent) => sent.event_id == event.event_id && sent.event_name == event.event_name)))
    }
    draining = 0
  }

  return {
    send: async (events, beacon) => {
      if ((await deliver(events, beacon)) == 'failed') {
        await update((stored) => stored.concat(events))
        retryLater()
      }
    },
    drain,
  }
}
