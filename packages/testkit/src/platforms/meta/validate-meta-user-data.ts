import { isIP } from 'node:net'
import { isMetaHashed, isOneOrMany } from '../../hashed-value.js'
import { metaIssue, type MetaIssue } from './meta-issue.js'

// Keys Meta requires hashed (platforms.md 1.3). `external_id` is only "recommended" hashed, so any non-empty
// string passes (the brief listed it as hashed; platforms.md, the spec, wins).
const HASHED_KEYS = ['em', 'ph', 'fn', 'ln', 'ge', 'db', 'ct', 'st', 'zp', 'country'] as const

// `fb.<subdomainIndex>.<creationTimeMs>.<fbclid|random>` plus an optional appendix: 4 or 5 segments
// (platforms.md 1.7, 11.3). The creation time must be 13-digit milliseconds: seconds is the common bug
// (platforms.md 1.7). Meta may only flag that in diagnostics; the emulator refuses it, stricter on purpose.
const FBC = /^fb\.\d\.\d{13}\.[^.\s]+(\.[A-Za-z0-9_-]+)?$/
const FBP = /^fb\.\d\.\d{13}\.\d+(\.[A-Za-z0-9_-]+)?$/

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

// A raw IP, or one carrying a capi-param-builder appendix (platforms.md 1.8).
function isClientIp(value: unknown): boolean {
  if (typeof value !== 'string') return false
  if (isIP(value) !== 0) return true
  const dot = value.lastIndexOf('.')
  return dot > 0 && /^[A-Za-z0-9_-]*[A-Za-z_-][A-Za-z0-9_-]*$/.test(value.slice(dot + 1)) && isIP(value.slice(0, dot)) !== 0
}

/**
 * Checks one event's `user_data` (platforms.md 1.3, 1.7); `requireUserAgent` for website events.
 * @example validateMetaUserData({ client_user_agent: 'UA', em: 'x' }, ['data', 0, 'user_data'], true)?.problem
 * // 'must be a lowercase SHA-256 hex digest (optionally with a .appendix), or an array of them'
 */
export function validateMetaUserData(
  userData: unknown,
  path: ReadonlyArray<string | number>,
  requireUserAgent: boolean,
): MetaIssue | null {
  if (userData === undefined) return metaIssue('required', path, 'is required')
  if (typeof userData !== 'object' || userData === null || Array.isArray(userData)) {
    return metaIssue('invalid', path, 'must be an object')
  }
  const fields = userData as Record<string, unknown>
  for (const key of HASHED_KEYS) {
    if (fields[key] !== undefined && !isOneOrMany(fields[key], isMetaHashed)) {
      return metaIssue(
        'invalid',
        [...path, key],
        'must be a lowercase SHA-256 hex digest (optionally with a .appendix), or an array of them',
      )
    }
  }
  if (fields.external_id !== undefined && !isOneOrMany(fields.external_id, isNonEmptyString)) {
    return metaIssue('invalid', [...path, 'external_id'], 'must be a non-empty string or an array of them')
  }
  if (requireUserAgent && !isNonEmptyString(fields.client_user_agent)) {
    return metaIssue('required', [...path, 'client_user_agent'], 'is required for website events')
  }
  if (fields.client_user_agent !== undefined && typeof fields.client_user_agent !== 'string') {
    return metaIssue('invalid', [...path, 'client_user_agent'], 'must be a string')
  }
  if (fields.client_ip_address !== undefined && !isClientIp(fields.client_ip_address)) {
    return metaIssue('invalid', [...path, 'client_ip_address'], 'must be an IPv4 or IPv6 address')
  }
  if (fields.fbc !== undefined && !(typeof fields.fbc === 'string' && FBC.test(fields.fbc))) {
    return metaIssue('invalid', [...path, 'fbc'], 'must look like fb.<index>.<creationTimeMs>.<fbclid>[.<appendix>]')
  }
  if (fields.fbp !== undefined && !(typeof fields.fbp === 'string' && FBP.test(fields.fbp))) {
    return metaIssue('invalid', [...path, 'fbp'], 'must look like fb.<index>.<creationTimeMs>.<random>[.<appendix>]')
  }
  return null
}
