import { GA4_MAX_ADDRESSES, GA4_MAX_EMAILS_OR_PHONES, type ConsentSignal } from '@pairtrack/shared'
import type { OutboxEvent } from '../../outbox/outbox-event.js'
import type { HttpRequestSpec } from '../destination.js'
import { GA4_COLLECT_PATH } from './api-version.js'
import { toGa4ClientId } from './client-id.js'
import type { Ga4Config } from './config.js'
import { toGa4EventName, toGa4Params } from './event-params.js'

const MICROS_PER_SECOND = 1_000_000

// The builders below write object literals in GA4's key order and leave absent values undefined:
// JSON.stringify (and the batch key, which stringifies the envelope) skips undefined properties, so the
// body is the same as with a compacting pass, and this runs for every event.

const toGa4Signal = (signal: ConsentSignal | undefined): 'GRANTED' | 'DENIED' | undefined =>
  signal === undefined ? undefined : signal === 'granted' ? 'GRANTED' : 'DENIED'

/**
 * The body's `consent` (platforms.md 2.6): the event's ad_user_data / ad_personalization as GRANTED or
 * DENIED. A signal the event does not state is left out, and with neither the object is left out: GA4 then
 * uses the consent of the browser's own hits for that client id.
 * @example toGa4Consent({ ad_user_data: 'denied' }) // { ad_user_data: 'DENIED' }
 */
export function toGa4Consent(consent: OutboxEvent['consent']): Record<string, 'GRANTED' | 'DENIED'> | undefined {
  const adUserData = toGa4Signal(consent.ad_user_data)
  const adPersonalization = toGa4Signal(consent.ad_personalization)
  if (adUserData === undefined && adPersonalization === undefined) return undefined
  const out: Record<string, 'GRANTED' | 'DENIED'> = {}
  if (adUserData !== undefined) out.ad_user_data = adUserData
  if (adPersonalization !== undefined) out.ad_personalization = adPersonalization
  return out
}

/**
 * `user_data` (platforms.md 2.3): up to 3 email and 3 phone hashes (Google's normalisation: gmail dots
 * removed, phone E.164 with `+`), and the address with hashed names and clear, normalised city, region,
 * postal code and country. Keys are listed rather than spread, so that nothing but GA4's own keys (and no
 * more entries than GA4 takes) can reach the request. Undefined when there is nothing to send.
 * @example toGa4UserData(event.userData)?.sha256_email_address // ['62a14e44…']
 */
export function toGa4UserData({ ga4 }: OutboxEvent['userData']): Record<string, unknown> | undefined {
  const emails = ga4.sha256_email_address
  const phones = ga4.sha256_phone_number
  const addresses = ga4.address
  let address: Record<string, unknown>[] | undefined
  if (addresses !== undefined && addresses.length > 0) {
    address = []
    for (let i = 0; i < addresses.length && i < GA4_MAX_ADDRESSES; i += 1) {
      const entry = addresses[i]!
      address.push({
        sha256_first_name: entry.sha256_first_name,
        sha256_last_name: entry.sha256_last_name,
        sha256_street: entry.sha256_street,
        city: entry.city,
        region: entry.region,
        postal_code: entry.postal_code,
        country: entry.country,
      })
    }
  }
  if (emails === undefined && phones === undefined && address === undefined) return undefined
  return {
    sha256_email_address: emails === undefined || emails.length <= GA4_MAX_EMAILS_OR_PHONES ? emails : emails.slice(0, GA4_MAX_EMAILS_OR_PHONES),
    sha256_phone_number: phones === undefined || phones.length <= GA4_MAX_EMAILS_OR_PHONES ? phones : phones.slice(0, GA4_MAX_EMAILS_OR_PHONES),
    address,
  }
}

/**
 * The request-level fields of an event (everything but `events`): client id, hashed user data (left out
 * when empty or when ad_user_data is denied), consent, and the user's IP and user agent so that GA4 geolocates the user rather than the
 * relay (`ip_override`, `user_agent`: platforms.md 2.2). Events sharing these may share one request.
 * @example toGa4Envelope(event).client_id // '1197596843.1673515099'
 */
export function toGa4Envelope(event: OutboxEvent): Record<string, unknown> {
  const { ids } = event.userData
  return {
    client_id: toGa4ClientId(event),
    // ad_user_data denied means no user data for advertising: the hashed identifiers stay home, the
    // event itself (analytics) still goes, marked DENIED.
    user_data: event.consent.ad_user_data === 'denied' ? undefined : toGa4UserData(event.userData),
    consent: toGa4Consent(event.consent),
    ip_override: ids.client_ip_address,
    user_agent: ids.client_user_agent,
  }
}

/**
 * One entry of `events`: name and params by the rules of the shared mappers the gtag call uses (so a
 * purchase has the same `transaction_id` on both sides: platforms.md 2.4; event-params.ts), the browser's
 * `session_id`, and `engagement_time_msec: 1` so that GA4 counts the user as active (platforms.md 2.2).
 * @example toGa4Event(purchase).params.transaction_id // the order id, else the event id
 */
export function toGa4Event(event: OutboxEvent): { name: string; timestamp_micros: number; params: Record<string, unknown> } {
  return {
    name: toGa4EventName(event.eventName),
    timestamp_micros: event.eventTime * MICROS_PER_SECOND,
    params: toGa4Params(event.eventName, event.customData, event.eventId, event.userData.ids.ga_session_id),
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
  const envelope = first === undefined ? undefined : toGa4Envelope(first)
  const body = {
    client_id: envelope?.client_id,
    user_data: envelope?.user_data,
    consent: envelope?.consent,
    ip_override: envelope?.ip_override,
    user_agent: envelope?.user_agent,
    timestamp_micros: first === undefined ? undefined : first.eventTime * MICROS_PER_SECOND,
    events: events.map(toGa4Event),
  }
  const encodedSecret = toFormValue(config.apiSecret)
  return {
    method: 'POST',
    url: `${config.endpoint}${GA4_COLLECT_PATH}?measurement_id=${toFormValue(config.measurementId)}&api_secret=${encodedSecret}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    secrets: encodedSecret === config.apiSecret ? [config.apiSecret] : [config.apiSecret, encodedSecret],
  }
}

// The characters URLSearchParams leaves as they are (application/x-www-form-urlencoded).
const FORM_SAFE = /^[A-Za-z0-9*._-]*$/

/**
 * A query value as URLSearchParams writes it; ids and secrets are nearly always form-safe already, and
 * then no URLSearchParams is built for the request.
 * @example toFormValue('a b') // 'a+b'
 */
function toFormValue(value: string): string {
  return FORM_SAFE.test(value) ? value : new URLSearchParams({ s: value }).toString().slice(2)
}
