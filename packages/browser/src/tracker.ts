import { newEventId, type ConsentState, type CustomData, type RawUserData, type TrackEvent } from '@pairtrack/shared'
import { mergeConsent } from './consent/merge-consent.js'
import { DEFAULT_RELAY, type TrackOptions, type Tracker, type TrackerOptions } from './options.js'
import { readPageIds, type PageHost } from './page-ids.js'
import { firePixels, type PixelHost } from './pixels/index.js'
import { createLogger, safely } from './safely.js'
import { createBeaconBatch, toBeaconBody } from './transport/beacon-batch.js'
import { createQueueStorage, type QueueStorage } from './transport/queue-storage.js'
import { createRetryQueue } from './transport/retry-queue.js'
import { send, type SendTransport } from './transport/send.js'

/** The page a tracker runs in: `window`, or a plain object in tests (without events, none are listened to). */
export type TrackerHost = PageHost & PixelHost & { addEventListener?(type: string, listener: () => void): void }

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

// The relay's TrackEventSchema rules, checked here so one bad call cannot fail a whole batched beacon.
const EVENT_NAME = /^[A-Za-z][\w -]{0,99}$/
const EVENT_ID = /^[\x21-\x7e]{1,128}$/
const MAX_URL = 2048
const USER_DATA_KEYS =
  'email phone first_name last_name city state zip country gender date_of_birth external_id fbp fbc ga_client_id ga_session_id ttclid ttp gclid'.split(
    ' ',
  )

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value == 'object' && !!value && !Array.isArray(value)

// Only the schema's keys, with string or string[] values: the relay's user_data schema is strict.
function pickUserData(userData: unknown): RawUserData {
  const picked: Record<string, unknown> = {}
  if (isObject(userData))
    for (const key of USER_DATA_KEYS) {
      const value = userData[key]
      if (typeof value == 'string' || (Array.isArray(value) && value.every((v) => typeof v == 'string'))) picked[key] = value
    }
  return picked
}

/**
 * A tracker: `track()` mints one event id, fires every pixel on the page with it and beacons the same
 * event to `{relay}/events`; `consent()` merges consent into every later beacon. A send that fails
 * (offline, relay down) is kept in the retry queue and sent again on `online`, on the next page load and
 * after a backoff. Events of one tick go in one beacon, sent at once on `pagehide`/`visibilitychange`.
 * Never throws, never blocks.
 * @example
 * const tracker = createTracker({ relay: '/pairtrack' })
 * const id = tracker.track('Purchase', { value: 12, currency: 'EUR', order_id: 'A-17' })
 */
export function createTracker(options: TrackerOptions = {}, env: TrackerEnv = {}): Tracker {
  const log = createLogger(() => options.debug, env.console)
  const host = env.window ?? (window as TrackerHost)
  const now = env.now ?? Date.now
  const transport = env.transport ?? navigator
  const url = `${(options.relay ?? DEFAULT_RELAY).replace(/\/+$/, '')}/events`
  let consent = mergeConsent({}, options.consent)
  const pageIds = safely(readPageIds, {}, log)
  const deliver = (events: TrackEvent[]) => send(url, toBeaconBody(events), transport)
  const queue = createRetryQueue(deliver, env.storage ?? createQueueStorage(), { ...env, now, log })
  const batch = createBeaconBatch((events) => {
    void deliver(events).then((result) => (result == 'failed' ? queue.add(events) : log(result)))
  }, env.schedule)
  // Hidden is the last moment a mobile page is sure to see (it may never fire pagehide).
  for (const type of ['pagehide', 'visibilitychange']) host.addEventListener?.(type, batch.flush)
  host.addEventListener?.('online', queue.drain)
  void queue.drain()

  const track = (eventName: string, customData?: unknown, userData?: unknown, trackOptions?: TrackOptions): string => {
    if (typeof eventName != 'string' || !EVENT_NAME.test(eventName)) {
      log('bad event name', eventName)
      return ''
    }
    const given = trackOptions?.eventId
    const eventId = typeof given == 'string' && EVENT_ID.test(given) ? given : newEventId()
    const nowMs = now()
    const href = host.location.href
    const event: TrackEvent = {
      event_name: eventName,
      event_id: eventId,
      event_time: Math.floor(nowMs / 1000),
      action_source: 'website',
    }
    if (/^https?:/.test(href) && href.length <= MAX_URL) event.event_source_url = href
    if (isObject(customData)) event.custom_data = customData as CustomData
    // Ids the page does not have are undefined and vanish in JSON.
    event.user_data = {
      ...pageIds(host, { nowMs, consent, ga4MeasurementId: options.ga4MeasurementId, random: env.random }),
      ...pickUserData(userData),
    }
    if (Object.keys(consent).length) event.consent = consent
    event.pixels = firePixels(event, eventId, host)
    batch.add(event)
    log('tracked', eventId)
    return eventId
  }

  return {
    track: safely(track, '', log),
    consent: safely((state: ConsentState) => {
      consent = mergeConsent(consent, state)
    }, undefined, log),
  }
}
