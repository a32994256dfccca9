import { isIP } from 'node:net'
import { isLowerSha256, isOneOrMany } from '../../hashed-value.js'

/** The first problem with a TikTok field: the field as TikTok names it (`data[0].event_time`) and why. */
export type TiktokIssue = { field: string; problem: string }

// platforms.md 3.3: hashed (arrays allowed for the first three) vs plain user fields.
const HASHED_LIST_KEYS = ['email', 'phone', 'external_id'] as const
const HASHED_KEYS = ['first_name', 'last_name', 'zip_code'] as const
const PLAIN_STRING_KEYS = ['user_agent', 'ttclid', 'ttp', 'locale', 'city', 'state', 'country'] as const

// Clock skew tolerated for future event times (emulator's choice). No age limit: TikTok's is UNCONFIRMED
// (platforms.md 3.2).
const MAX_FUTURE_S = 10 * 60

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

function validateUser(user: unknown, path: string): TiktokIssue | null {
  if (user === undefined) return null
  if (!isObject(user)) return { field: path, problem: 'must be an object' }
  for (const key of HASHED_LIST_KEYS) {
    if (user[key] !== undefined && !isOneOrMany(user[key], isLowerSha256)) {
      return { field: `${path}.${key}`, problem: 'must be a SHA-256 hex digest (64 lowercase hex characters) or an array of them' }
    }
  }
  for (const key of HASHED_KEYS) {
    if (user[key] !== undefined && !isLowerSha256(user[key])) {
      return { field: `${path}.${key}`, problem: 'must be a SHA-256 hex digest (64 lowercase hex characters)' }
    }
  }
  for (const key of PLAIN_STRING_KEYS) {
    if (user[key] !== undefined && typeof user[key] !== 'string') return { field: `${path}.${key}`, problem: 'must be a string' }
  }
  if (user.ip !== undefined && (typeof user.ip !== 'string' || isIP(user.ip) === 0)) {
    return { field: `${path}.ip`, problem: 'must be an IPv4 or IPv6 address' }
  }
  return null
}

function validateEventTime(value: unknown, path: string, nowMs: number): TiktokIssue | null {
  if (value === undefined) return { field: path, problem: 'is required' }
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    return { field: path, problem: 'must be a Unix timestamp in seconds (an integer)' }
  }
  if (value > 1e11) return { field: path, problem: 'must be in seconds, not milliseconds' }
  if (value > Math.floor(nowMs / 1000) + MAX_FUTURE_S) return { field: path, problem: 'is in the future' }
  return null
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

/**
 * Checks one event of an Events API 2.0 request (platforms.md 3.2, 3.3); web events need `page.url`.
 * @example validateTiktokEvent({ event: 'Purchase', event_time: Date.now() }, 0, true, Date.now())?.field // 'data[0].event_time'
 */
export function validateTiktokEvent(event: unknown, index: number, isWeb: boolean, nowMs: number): TiktokIssue | null {
  const path = `data[${index}]`
  if (!isObject(event)) return { field: path, problem: 'must be an object' }
  if (!isNonEmptyString(event.event)) return { field: `${path}.event`, problem: 'is required' }
  const timeIssue = validateEventTime(event.event_time, `${path}.event_time`, nowMs)
  if (timeIssue) return timeIssue
  if (event.event_id !== undefined && !isNonEmptyString(event.event_id)) {
    return { field: `${path}.event_id`, problem: 'must be a non-empty string' }
  }
  const userIssue = validateUser(event.user, `${path}.user`)
  if (userIssue) return userIssue
  if (isWeb && !(isObject(event.page) && event.page.url !== undefined)) {
    return { field: `${path}.page.url`, problem: 'is required for web events' }
  }
  if (isObject(event.page) && event.page.url !== undefined && !isHttpUrl(event.page.url)) {
    return { field: `${path}.page.url`, problem: 'must be an http(s) URL' }
  }
  if (event.properties !== undefined && !isObject(event.properties)) {
    return { field: `${path}.properties`, problem: 'must be an object' }
  }
  if (event.limited_data_use !== undefined && typeof event.limited_data_use !== 'boolean') {
    return { field: `${path}.limited_data_use`, problem: 'must be a boolean' }
  }
  return null
}
