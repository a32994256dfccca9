import { checkGa4ParamName, GA4_RESERVED_USER_PROPERTIES } from './ga4-names.js'
import { ga4Message, type Ga4ValidationMessage } from './ga4-validation-message.js'
import { validateGa4Event } from './validate-ga4-event.js'
import { validateGa4TimestampMicros } from './validate-ga4-timestamp.js'
import { validateGa4UserData } from './validate-ga4-user-data.js'

// platforms.md 2.2.
/** At most 25 events per request. */
export const GA4_MAX_EVENTS = 25
/** Request bodies must stay under 130 kB. */
export const GA4_MAX_BODY_BYTES = 130 * 1024
const MAX_USER_PROPERTIES = 25
const MAX_USER_PROPERTY_NAME = 24
const MAX_USER_PROPERTY_VALUE = 36

// "Two positive numbers joined by a period" (platforms.md 2.2, 11.7): a UUID is not a client id.
const CLIENT_ID = /^\d+\.\d+$/
const CONSENT_VALUES = new Set(['GRANTED', 'DENIED'])

function validateClientId(value: unknown): Ga4ValidationMessage[] {
  if (value === undefined) return [ga4Message('client_id', 'client_id is required for web streams.', 'VALUE_REQUIRED')]
  if (typeof value !== 'string' || !CLIENT_ID.test(value)) {
    return [ga4Message('client_id', 'client_id must be two positive numbers joined by a period.', 'VALUE_INVALID')]
  }
  return []
}

function validateConsent(value: unknown): Ga4ValidationMessage[] {
  if (value === undefined) return []
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [ga4Message('consent', 'consent must be an object', 'VALUE_INVALID')]
  }
  return Object.entries(value)
    .filter(([key, signal]) => (key === 'ad_user_data' || key === 'ad_personalization') && !CONSENT_VALUES.has(String(signal)))
    .map(([key]) => ga4Message(`consent.${key}`, 'Consent values must be GRANTED or DENIED.', 'VALUE_INVALID'))
}

function validateUserProperties(value: unknown): Ga4ValidationMessage[] {
  if (value === undefined) return []
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [ga4Message('user_properties', 'user_properties must be an object', 'VALUE_INVALID')]
  }
  const entries = Object.entries(value)
  const messages: Ga4ValidationMessage[] = []
  if (entries.length > MAX_USER_PROPERTIES) {
    messages.push(ga4Message('user_properties', `At most ${MAX_USER_PROPERTIES} user properties are allowed.`, 'EXCEEDED_MAX_ENTITIES'))
  }
  for (const [name, property] of entries) {
    const path = `user_properties.${name}`
    const problem = GA4_RESERVED_USER_PROPERTIES.has(name) ? 'reserved' : checkGa4ParamName(name, MAX_USER_PROPERTY_NAME)
    if (problem === 'reserved') messages.push(ga4Message(path, `User property name [${name}] is reserved.`, 'NAME_RESERVED'))
    else if (problem !== null) messages.push(ga4Message(path, `User property name [${name}] is invalid.`, 'NAME_INVALID'))
    const inner = typeof property === 'object' && property !== null ? (property as { value?: unknown }).value : undefined
    if (typeof inner === 'string' && inner.length > MAX_USER_PROPERTY_VALUE) {
      messages.push(ga4Message(`${path}.value`, `User property values are limited to ${MAX_USER_PROPERTY_VALUE} characters.`, 'VALUE_OUT_OF_BOUNDS'))
    }
  }
  return messages
}

/**
 * Checks a Measurement Protocol payload the way `/debug/mp/collect` reports it (platforms.md 2.2–2.6):
 * every problem found, as `validationMessages`. An empty list means valid.
 * @example validateGa4Payload('{"client_id":"uuid-x","events":[]}', Date.now()).map((m) => m.fieldPath) // ['client_id', 'events']
 */
export function validateGa4Payload(bodyText: string, nowMs: number): Ga4ValidationMessage[] {
  if (Buffer.byteLength(bodyText) >= GA4_MAX_BODY_BYTES) {
    return [ga4Message('', 'The request body must be smaller than 130 kB.', 'VALUE_OUT_OF_BOUNDS')]
  }
  let body: unknown
  try {
    body = JSON.parse(bodyText) as unknown
  } catch {
    return [ga4Message('', 'Unable to parse Measurement Protocol JSON payload.', 'VALUE_INVALID')]
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [ga4Message('', 'The payload must be a JSON object.', 'VALUE_INVALID')]
  }
  const fields = body as Record<string, unknown>
  const messages = [...validateClientId(fields.client_id)]
  if (fields.user_id !== undefined && (typeof fields.user_id !== 'string' || fields.user_id.length > 256)) {
    messages.push(ga4Message('user_id', 'user_id must be a string of at most 256 characters.', 'VALUE_INVALID'))
  }
  if (fields.timestamp_micros !== undefined) {
    messages.push(...validateGa4TimestampMicros(fields.timestamp_micros, 'timestamp_micros', nowMs))
  }
  messages.push(...validateUserProperties(fields.user_properties), ...validateGa4UserData(fields.user_data, 'user_data'))
  messages.push(...validateConsent(fields.consent))
  const events = fields.events
  if (events === undefined || (Array.isArray(events) && events.length === 0)) {
    messages.push(ga4Message('events', 'At least one event is required.', 'VALUE_REQUIRED'))
  } else if (!Array.isArray(events)) {
    messages.push(ga4Message('events', 'events must be an array.', 'VALUE_INVALID'))
  } else {
    if (events.length > GA4_MAX_EVENTS) {
      messages.push(ga4Message('events', `At most ${GA4_MAX_EVENTS} events per request; got ${events.length}.`, 'EXCEEDED_MAX_ENTITIES'))
    }
    events.forEach((event, index) => messages.push(...validateGa4Event(event, index, nowMs)))
  }
  return messages
}
