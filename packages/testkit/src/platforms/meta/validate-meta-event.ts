import { metaIssue, type MetaIssue } from './meta-issue.js'
import { validateMetaUserData } from './validate-meta-user-data.js'

// platforms.md 1.2.
const ACTION_SOURCES = new Set([
  'website',
  'email',
  'app',
  'phone_call',
  'chat',
  'physical_store',
  'system_generated',
  'business_messaging',
  'other',
])

/** Events may be up to 7 days old; one older event fails the whole request (platforms.md 1.2). */
export const META_MAX_EVENT_AGE_S = 7 * 24 * 60 * 60

// Clock skew tolerated before an event counts as "in the future" (emulator's choice; Meta's is UNCONFIRMED).
const MAX_FUTURE_S = 10 * 60

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

function validateEventTime(value: unknown, path: ReadonlyArray<string | number>, nowMs: number): MetaIssue | null {
  if (value === undefined) return metaIssue('required', path, 'is required')
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    return metaIssue('invalid', path, 'must be a Unix timestamp in seconds (an integer)')
  }
  const nowS = Math.floor(nowMs / 1000)
  if (value > 1e11) return metaIssue('invalid', path, 'must be in seconds, not milliseconds')
  if (value > nowS + MAX_FUTURE_S) return metaIssue('in_future', path, 'is in the future')
  if (nowS - value > META_MAX_EVENT_AGE_S) {
    return metaIssue('too_old', path, 'is too far in the past: events must be sent within 7 days of when they occurred')
  }
  return null
}

function validateCustomData(eventName: string, value: unknown, path: ReadonlyArray<string | number>): MetaIssue | null {
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    return metaIssue('invalid', path, 'must be an object')
  }
  if (eventName !== 'Purchase') return null
  // Purchase requires currency + value (platforms.md 1.2).
  const customData = (value ?? {}) as Record<string, unknown>
  if (customData.currency === undefined) return metaIssue('required', [...path, 'currency'], 'is required for Purchase events')
  if (typeof customData.currency !== 'string' || !/^[A-Za-z]{3}$/.test(customData.currency)) {
    return metaIssue('invalid', [...path, 'currency'], 'must be an ISO 4217 currency code')
  }
  if (customData.value === undefined) return metaIssue('required', [...path, 'value'], 'is required for Purchase events')
  const amount = typeof customData.value === 'string' ? Number(customData.value) : customData.value
  if (typeof amount !== 'number' || !Number.isFinite(amount) || customData.value === '') {
    return metaIssue('invalid', [...path, 'value'], 'must be a number')
  }
  return null
}

/**
 * Checks one server event of a Meta request (platforms.md 1.2, 1.3); returns the first issue.
 * @example validateMetaEvent({ event_name: 'Lead' }, 0, Date.now())?.path // ['data', 0, 'event_time']
 */
export function validateMetaEvent(event: unknown, index: number, nowMs: number): MetaIssue | null {
  const path = ['data', index] as const
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return metaIssue('invalid', path, 'must be an object')
  }
  const fields = event as Record<string, unknown>
  if (fields.event_name === undefined) return metaIssue('required', [...path, 'event_name'], 'is required')
  if (!isNonEmptyString(fields.event_name)) return metaIssue('invalid', [...path, 'event_name'], 'must be a non-empty string')
  const timeIssue = validateEventTime(fields.event_time, [...path, 'event_time'], nowMs)
  if (timeIssue) return timeIssue
  if (fields.action_source === undefined) return metaIssue('required', [...path, 'action_source'], 'is required')
  if (typeof fields.action_source !== 'string' || !ACTION_SOURCES.has(fields.action_source)) {
    return metaIssue('invalid', [...path, 'action_source'], `must be one of ${[...ACTION_SOURCES].join(', ')}`)
  }
  if (fields.event_id !== undefined && !isNonEmptyString(fields.event_id)) {
    return metaIssue('invalid', [...path, 'event_id'], 'must be a non-empty string')
  }
  const isWebsite = fields.action_source === 'website'
  if (isWebsite && fields.event_source_url === undefined) {
    return metaIssue('required', [...path, 'event_source_url'], 'is required for website events')
  }
  if (fields.event_source_url !== undefined && !isHttpUrl(fields.event_source_url)) {
    return metaIssue('invalid', [...path, 'event_source_url'], 'must be an http(s) URL')
  }
  const userIssue = validateMetaUserData(fields.user_data, [...path, 'user_data'], isWebsite)
  if (userIssue) return userIssue
  return validateCustomData(fields.event_name, fields.custom_data, [...path, 'custom_data'])
}
