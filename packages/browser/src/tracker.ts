import { newEventId, type ConsentState, type CustomData, type RawUserData, type TrackEvent } from '@pairtrack/shared'
import { allowedPurposes, mergeConsent, withDenials } from './consent/merge-consent.js'
import { addHashedEvent } from './hash-in-browser-hook.js'
import { DEFAULT_RELAY, type TrackOptions, type Tracker, type TrackerOptions } from './options.js'
import { readPageIds, type PageHost } from './page-ids.js'
import { firePixels, type PixelHost } from './pixels/index.js'
import { createLogger, safely } from './safely.js'
import { MAX_EVENTS_PER_BEACON, createBeaconBatch, toBeaconBody } from './transport/beacon-batch.js'
import { createQueueStorage, type QueueStorage } from './transport/queue-storage.js'
import { createRetryQueue } from './transport/retry-queue.js'
import { send, type SendTransport } from './transport/send.js'
import { USER_DATA_KEYS } from './user-data-keys.js'

/** The page a tracker runs in: `window`, or a plain object in tests (without events, none are listened to). */
export type TrackerHost = PageHost &
  PixelHost & {
    /** `document.hidden`: true while the page is hidden (then a send goes by sendBeacon). */
    document: { hidden?: boolean }
    addEventListener?(type: string, listener: (event?: { type: string }) => void): void
  }

/** Time, randomness, the page, the network, storage and the console: the page's own by default, injected in tests. */
export type TrackerEnv = {
  window?: TrackerHost
  now?: () => number
  /** [0, 1), for minted ids and backoff jitter. @default Math.random */
  random?: () => number
  /** @default navigator */
  transport?: SendTransport
  /** The retry queue's storage. @default IndexedDB, else memory */
  storage?: QueueStorage
  /** Schedules the retry queue's next attempt. @default setTimeout */
  setTimeout?: (run: () => void, ms: number) => unknown
  console?: Pick<Console, 'warn'>
  /** Runs a batch flush; @default queueMicrotask */
  schedule?: (run: () => void) => void
}

// The relay's TrackEventSchema rules, checked here so that one bad call cannot fail a whole batched beacon.
const EVENT_NAME = /^[A-Za-z][\w -]{0,99}$/
const EVENT_ID = /^[!-~]{1,128}$/
const MAX_URL = 2048

const isText = (value: unknown, pattern: RegExp): value is string => typeof value == 'string' && pattern.test(value)

// Only the schema's keys, with string or string[] values: the relay's user_data schema is strict.
function pickUserData(userData: unknown): RawUserData {
  const picked: Record<string, unknown> = {}
  for (const key of USER_DATA_KEYS) {
    const value: unknown = Object(userData)[key]
    if ([value].flat().every((item) => typeof item == 'string')) picked[key] = value
  }
  return picked
}

/**
 * A tracker: `track()` mints one event id, fires every pixel on the page with it and beacons the same
 * event to `{relay}/events`; `consent()` merges consent into every later beacon. Events of one tick go in
 * one beacon, by `fetch` with keepalive while the page is visible, so that the relay's answer is read; by
 * `sendBeacon` only as the page is hidden or left (`pagehide`, `visibilitychange` to hidden), where a
 * browser that takes it counts as handed over (a beacon has no response to read). A send that fails
 * (offline, network error, 5xx/408/429) goes to the retry queue, which re-sends with `fetch` after a
 * backoff, on the next page load, and on `online`, `pagehide` and `visibilitychange` (which also send the
 * events of the tick at once: hidden is the last moment a mobile page is sure to see). Never throws, never blocks.
 * @example
 * const tracker = createTracker({ relay: '/pairtrack' })
 * const id = tracker.track('Purchase', { value: 12, currency: 'EUR', order_id: 'A-17' })
 */
export function createTracker(options: TrackerOptions = {}, env: TrackerEnv = {}): Tracker {
  const { window: host = window as TrackerHost, now = Date.now, transport = navigator } = env
  const log = createLogger(options, env.console)
  const url = `${options.relay ?? DEFAULT_RELAY}`.replace(/\/+$/, '') + '/events'
  const byDefault = options.defaultConsent
  let consent = mergeConsent(
    byDefault ? { ad_storage: byDefault, analytics_storage: byDefault, ad_user_data: byDefault, ad_personalization: byDefault } : {},
    options.consent,
  )
  // What consent allows now: GA4 is analytics, Meta and TikTok advertising (the relay's destination purposes).
  const allowed = () => allowedPurposes(consent)
  // Calls tracked while consent allowed nothing, kept for a grant (queueUntilConsent).
  const held: Parameters<typeof track>[] = []
  const queue = createRetryQueue(
    // Consent revoked since: the relay gets each event with today's denials; nothing allowed, nothing goes
    // (a 'failed' send keeps the events in the retry queue for a later grant).
    async (events, beacon) =>
      allowed()
        ? send(url, toBeaconBody(events.map((event) => ({ ...event, consent: withDenials(event.consent, consent) }))), transport, beacon)
        : 'failed',
    env.storage ?? createQueueStorage(),
    now,
    log,
    env,
  )
  const batch = createBeaconBatch(queue.send, env.schedule)
  // Hidden or left: the last moment to send, and a fetch's answer may never be read, so the tick's events go by sendBeacon.
  const sendAll = (event?: { type: string }) => {
    batch.flush(event?.type == 'pagehide' || host.document.hidden)
    void queue.drain()
  }
  for (const type of ['pagehide', 'visibilitychange', 'online']) host.addEventListener?.(type, sendAll)
  sendAll()

  const track = (eventName: unknown, customData?: unknown, userData?: unknown, trackOptions?: TrackOptions): string => {
    if (!isText(eventName, EVENT_NAME)) {
      log('bad event name', eventName)
      return ''
    }
    const given = trackOptions?.eventId
    const eventId = isText(given, EVENT_ID) ? given : newEventId()
    const pixelsAllowed = allowed()
    if (!pixelsAllowed) {
      // No pixel, no beacon: held for a grant (same id; at most a beacon's worth, the first ones), or dropped.
      if (options.queueUntilConsent && held.length < MAX_EVENTS_PER_BEACON) held.push([eventName, customData, userData, { ...trackOptions, eventId }])
      log('no consent', eventName, eventId)
      return eventId
    }
    const nowMs = now()
    const event: TrackEvent = {
      event_name: eventName,
      event_id: eventId,
      event_time: Math.floor(nowMs / 1000),
      // The relay requires the page URL of a website event; one past its limit is cut rather than dropped.
      event_source_url: host.location.href.slice(0, MAX_URL),
      action_source: 'website',
      // Values the page lacks are undefined, and JSON leaves them out.
      custom_data: customData && typeof customData == 'object' && !Array.isArray(customData) ? (customData as CustomData) : undefined,
      user_data: {
        ...safely(readPageIds, {}, log)(host, nowMs, consent, options.ga4MeasurementId, env.random),
        ...pickUserData(userData),
      },
      consent: Object.keys(consent)[0] ? consent : undefined,
      // The server's relay.sign() token for a `signed` event (Purchase…), checked by the relay.
      token: typeof trackOptions?.token == 'string' ? trackOptions.token : undefined,
    }
    event.pixels = firePixels(event, eventId, host, pixelsAllowed)
    // hashInBrowser: only the add-on's hashes and the never-hashed ids reach the beacon.
    addHashedEvent(event, options.hashInBrowser, host, log, batch.add)
    log('tracked', eventName, eventId)
    return eventId
  }

  const safeTrack = safely(track, '', log)
  return {
    track: safeTrack,
    consent: safely((state: ConsentState) => {
      const paused = !allowed()
      consent = mergeConsent(consent, state)
      // Allowed again after nothing was: the held calls go out, and so does what the retry queue kept meanwhile.
      if (paused && allowed()) {
        for (const call of held.splice(0)) safeTrack(...call)
        void queue.drain()
      }
    }, undefined, log),
  }
}
