import {
  GA4_MAX_ADDRESSES,
  GA4_MAX_EMAILS_OR_PHONES,
  toGa4EventParams,
  toPlatformEventName,
  type ConsentSignal,
} from '@pairtrack/shared'
import type { OutboxEvent } from '../../outbox/outbox-event.js'
import type { HttpRequestSpec } from '../destination.js'
import { GA4_COLLECT_PATH } from './api-version.js'
import { toGa4ClientId } from './client-id.js'
import type { Ga4Config } from './config.js'

const MICROS_PER_SECOND = 1_000_000

function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
}

const toGa4Signal = (signal: ConsentSignal | undefined): 'GRANTED' | 'DENIED' | undefined =>
  signal === undefined ? undefined : signal === 'granted' ? 'GRANTED' : 'DENIED'

/**
 * The body's `consent` (platforms.md 2.6): the event's ad_user_data / ad_personalization as GRANTED or
 * DENIED. A signal the event does not state is left out, and with neither the object is left out: GA4 then
 * uses the consent of the browser's own hits for that client id.
 * @example toGa4Consent({ ad_user_data: 'denied' }) // { ad_user_data: 'DENIED' }
 */
export function toGa4Consent(consent: OutboxEvent['consent']): Record<string, 'GRANTED' | 'DENIED'> | undefined {
  const out: Record<string, 'GRANTED' | 'DENIED'> = {}
  const adUserData = toGa4Signal(consent.ad_user_data)
  const adPersonalization = toGa4Signal(consent.ad_personalization)
  if (adUserData !== undefined) out.ad_user_data = adUserData
  if (adPersonalization !== undefined) out.ad_personalization = adPersonalization
  return Object.keys(out).length > 0 ? out : undefined
}

/**
 * `user_data` (platforms.md 2.3): up to 3 email and 3 phone hashes (Google's normalisation: gmail dots
 * removed, phone E.164 with `+`), and the address with hashed names and clear, normalised city, region,
 * postal code and country. Keys are listed rather than spread, so that nothing but GA4's own keys (and no
 * more entries than GA4 takes) can reach the request. Undefined when there is nothing to send.
 * @example toGa4UserData(event.userData)?.sha256_email_address // ['62a14e44…']
 */
export function toGa4UserData({ ga4 }: OutboxEvent['userData']): Record<string, unknown> | undefined {
  const address = ga4.address?.slice(0, GA4_MAX_ADDRESSES).map((entry) =>
    compact({
      sha256_first_name: entry.sha256_first_name,
      sha256_last_name: entry.sha256_last_name,
      sha256_street: entry.sha256_street,
      city: entry.city,
      region: entry.region,
      postal_code: entry.postal_code,
      country: entry.country,
    }),
  )
  const userData = compact({
    sha256_email_address: ga4.sha256_email_address?.slice(0, GA4_MAX_EMAILS_OR_PHONES),
    sha256_phone_number: ga4.sha256_phone_number?.slice(0, GA4_MAX_EMAILS_OR_PHONES),
    address: address?.length ? address : undefined,
  })
  return Object.keys(userData).length > 0 ? userData : undefined
}

/**
 * The request-level fields of an event (everything but `events`): client id, hashed user data (left out
 * when empty or when ad_user_data is denied), consent, and the user's IP and user agent so that GA4 geolocates the user rather than the
 * relay (`ip_override`, `user_agent`: platforms.md 2.2). Events sharing these may share one request.
 * @example toGa4Envelope(event).client_id // '1197596843.1673515099'
 */
export function toGa4Envelope(event: OutboxEvent): Record<string, unknown> {
  const { ids } = event.userData
  return compact({
    client_id: toGa4ClientId(event),
    // ad_user_data denied means no user data for advertising: the hashed identifiers stay home, the
    // event itself (analytics) still goes, marked DENIED.
    user_data: event.consent.ad_user_data === 'denied' ? undefined : toGa4UserData(event.userData),
    consent: toGa4Consent(event.consent),
    ip_override: ids.client_ip_address,
    user_agent: ids.client_user_agent,
  })
}

/**
 * One entry of `events`: name and params from the shared mappers the gtag call uses (so a purchase has
 * the same `transaction_id` on both sides: platforms.md 2.4), the browser's `session_id`, and
 * `engagement_time_msec: 1` so that GA4 counts the user as active (platforms.md 2.2).
 * @example toGa4Event(purchase).params.transaction_id // the order id, else the event id
 */
export function toGa4Event(event: OutboxEvent): { name: string; timestamp_micros: number; params: Record<string, unknown> } {
  return {
    name: toPlatformEventName(event.eventName, 'ga4'),
    timestamp_micros: event.eventTime * MICROS_PER_SECOND,
    params: compact({
      ...toGa4EventParams(event.eventName, event.customData, event.eventId),
      session_id: event.userData.ids.ga_session_id,
      engagement_time_msec: 1,
    }),
  }
}

/**
 * `POST {endpoint}/mp/collect?measurement_id=…&api_secret=…` (platforms.md 2.1). Events of one request share
 * their request-level fields (the destination's batchKey sees to it); each event also carries its own
 * `timestamp_micros`, which takes precedence over the request's (platforms.md 2.2).
 * @example toGa4Request([event], config, new Date()).url // 'https://www.google-analytics.com/mp/collect?measurement_id=G-…&api_secret=…'
 */
export function toGa4Request(events: readonly OutboxEvent[], config: Ga4Config, _now: Date): HttpRequestSpec {
  const first = events[0]
  const envelope = first === undefined ? {} : toGa4Envelope(first)
  const body = {
    ...envelope,
    ...(first === undefined ? {} : { timestamp_micros: first.eventTime * MICROS_PER_SECOND }),
    events: events.map(toGa4Event),
  }
  const query = new URLSearchParams({ measurement_id: config.measurementId, api_secret: config.apiSecret })
  const encodedSecret = new URLSearchParams({ s: config.apiSecret }).toString().slice(2)
  return {
    method: 'POST',
    url: `${config.endpoint}${GA4_COLLECT_PATH}?${query.toString()}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    secrets: encodedSecret === config.apiSecret ? [config.apiSecret] : [config.apiSecret, encodedSecret],
  }
}
