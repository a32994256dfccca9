import { toPlatformEventName } from '@pairtrack/shared'
import type { OutboxEvent } from '../../outbox/outbox-event.js'
import type { HttpRequestSpec } from '../destination.js'
import { TIKTOK_API_VERSION } from './api-version.js'
import type { TiktokConfig } from './config.js'
import { toTiktokProps } from './properties.js'

// Every request is a web request: `event_source_id` must be the id of the source named by `event_source`
// (a pixel code for 'web'; an app id, offline or CRM event set for the others), and the pixel code is the
// only id the destination is configured with. Non-website action sources are still sent as 'web'.
const EVENT_SOURCE = 'web'

// The builders below write object literals in TikTok's key order and leave absent values undefined:
// JSON.stringify skips undefined properties, so the body is the same as with a compacting pass, and this
// runs for every event.

/**
 * `user` (platforms.md 3.3): emails, phones and external ids as lists of hashes, names and zip hashed,
 * city, state and country in clear (normalised), IP, user agent, ttclid and ttp raw. Keys are listed
 * rather than spread, so that nothing but TikTok's own keys can reach the request.
 * @example toTiktokUser(event.userData).email // ['62a14e44…']
 */
export function toTiktokUser({ tiktok, ids }: OutboxEvent['userData']): Record<string, unknown> | undefined {
  const user = {
    email: tiktok.email,
    phone: tiktok.phone,
    external_id: tiktok.external_id,
    first_name: tiktok.first_name,
    last_name: tiktok.last_name,
    zip_code: tiktok.zip_code,
    city: tiktok.city,
    state: tiktok.state,
    country: tiktok.country,
    ip: ids.client_ip_address,
    user_agent: ids.client_user_agent,
    ttclid: ids.ttclid,
    ttp: ids.ttp,
  }
  for (const key in user) if (user[key as keyof typeof user] !== undefined) return user
  return undefined
}

/**
 * One entry of `data` (platforms.md 3.2): user from `toTiktokUser` (hashes copied, never hashed here),
 * properties by the rules of the shared mapper the pixel uses (properties.ts), and `limited_data_use`
 * always stated (false unless the event's consent asks for LDU, platforms.md 3.6).
 * @example toTiktokEvent(event).event // 'Purchase'
 */
export function toTiktokEvent(event: OutboxEvent): Record<string, unknown> {
  return {
    event: toPlatformEventName(event.eventName, 'tiktok'),
    event_time: event.eventTime,
    event_id: event.eventId,
    user: toTiktokUser(event.userData),
    page: event.eventSourceUrl === undefined ? undefined : { url: event.eventSourceUrl },
    properties: toTiktokProps(event.customData),
    limited_data_use: event.consent.limited_data_use === true,
  }
}

/**
 * `POST {endpoint}/open_api/v1.3/event/track/` with the token in the `Access-Token` header (platforms.md 3.1).
 * @example toTiktokRequest([event], config, new Date()).headers['access-token'] // the token
 */
export function toTiktokRequest(events: readonly OutboxEvent[], config: TiktokConfig, _now: Date): HttpRequestSpec {
  const body = {
    event_source: EVENT_SOURCE,
    event_source_id: config.pixelCode,
    test_event_code: config.testEventCode,
    data: events.map(toTiktokEvent),
  }
  return {
    method: 'POST',
    url: `${config.endpoint}/open_api/${TIKTOK_API_VERSION}/event/track/`,
    headers: { 'content-type': 'application/json', 'access-token': config.accessToken },
    body: JSON.stringify(body),
    secrets: [config.accessToken],
  }
}
