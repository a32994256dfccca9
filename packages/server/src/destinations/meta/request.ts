import { toPlatformEventName, type CustomData } from '@pairtrack/shared'
import type { OutboxEvent } from '../../outbox/outbox-event.js'
import type { HttpRequestSpec } from '../destination.js'
import type { MetaConfig } from './config.js'

/** One server event of a Meta request (platforms.md 1.2). */
export type MetaServerEvent = Record<string, unknown>

// LDU with country 0 and state 0: Meta geolocates the user (platforms.md 1.6). The relay does not know
// the user's state; the codes for the newer LDU states are not even published (UNCONFIRMED there).
// Without LDU, `data_processing_options: []` says "explicitly not LDU": it is sent rather than left out so
// that every request states the decision the relay took, and a site that turned LDU off is not left to
// an account default.
//
// The builders below write object literals in Meta's key order and leave absent values undefined:
// JSON.stringify skips undefined properties, so the body is the same as with a compacting pass, and this
// runs for every event (Object.entries/filter/fromEntries allocated an array per key and rebuilt each
// record: about 1.6 µs per record, several records per request).

/**
 * `user_data` (platforms.md 1.3): the hashed keys copied as they are (never hashed here), in Meta's order,
 * each a list (Meta takes several emails or phones); IP, user agent, fbc and fbp raw. Keys are listed
 * rather than spread, so that nothing but Meta's own keys can reach the request. Absent keys are
 * undefined (left out of the JSON).
 * @example toMetaUserData(event.userData).em // ['62a14e44…']
 */
export function toMetaUserData({ meta, ids }: OutboxEvent['userData']): Record<string, unknown> {
  return {
    em: meta.em,
    ph: meta.ph,
    fn: meta.fn,
    ln: meta.ln,
    ge: meta.ge,
    db: meta.db,
    ct: meta.ct,
    st: meta.st,
    zp: meta.zp,
    country: meta.country,
    external_id: meta.external_id,
    client_ip_address: ids.client_ip_address,
    client_user_agent: ids.client_user_agent,
    fbc: ids.fbc,
    fbp: ids.fbp,
  }
}

/**
 * `custom_data`: the shared `toMetaCustomData` (the pixel's) is every key of the event's custom data with
 * undefined values left out, and JSON.stringify leaves those out itself, so the event's own object goes
 * into the body as it is, uncopied. Undefined when no value is defined.
 * @example toMetaCustomDataOf({ value: 10, currency: 'EUR' }) // the same object
 */
function toMetaCustomDataOf(customData: CustomData): CustomData | undefined {
  for (const key in customData) if (customData[key] !== undefined) return customData
  return undefined
}

/**
 * The Meta server event for one outbox event: user data from `toMetaUserData`, custom data as the pixel
 * sends it (`toMetaCustomDataOf`). Absent keys are undefined (left out of the JSON).
 * @example toMetaServerEvent(event).event_name // 'Purchase'
 */
export function toMetaServerEvent(event: OutboxEvent): MetaServerEvent {
  const ldu = event.consent.limited_data_use === true
  return {
    event_name: toPlatformEventName(event.eventName, 'meta'),
    event_time: event.eventTime,
    event_id: event.eventId,
    action_source: event.actionSource,
    event_source_url: event.eventSourceUrl,
    user_data: toMetaUserData(event.userData),
    custom_data: toMetaCustomDataOf(event.customData),
    data_processing_options: ldu ? ['LDU'] : [],
    data_processing_options_country: ldu ? 0 : undefined,
    data_processing_options_state: ldu ? 0 : undefined,
  }
}

/**
 * `POST {endpoint}/{apiVersion}/{pixelId}/events?access_token=…` with a JSON body `{ data, test_event_code? }`
 * (platforms.md 1.1). The token is listed in `secrets`, raw and URL-encoded.
 * @example toMetaRequest([event], config, new Date()).url // 'https://graph.facebook.com/v25.0/123/events?access_token=…'
 */
export function toMetaRequest(events: readonly OutboxEvent[], config: MetaConfig, _now: Date): HttpRequestSpec {
  const token = encodeURIComponent(config.accessToken)
  const body = { data: events.map(toMetaServerEvent), test_event_code: config.testEventCode }
  return {
    method: 'POST',
    url: `${config.endpoint}/${config.apiVersion}/${config.pixelId}/events?access_token=${token}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    secrets: token === config.accessToken ? [config.accessToken] : [config.accessToken, token],
  }
}
