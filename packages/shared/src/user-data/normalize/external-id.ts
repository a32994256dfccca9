import type { PlatformId } from '../../platform.js'
import { err, ok, type Result } from '../../result.js'
import { toNfc } from './lower-text.js'
import type { NormalizeError } from './normalize-error.js'

/**
 * An advertiser's own user id, hashed for Meta and TikTok (GA4 has no such field in `user_data`).
 * Meta: lowercase, all whitespace removed, as capi-param-builder does (and with it Meta's Node SDK since
 * 2026-06: platforms.md 1.8). TikTok: trimmed and lowercased, as Segment sends it (platforms.md 3.3).
 * @example normalizeExternalId(' Customer-42 ', 'meta') // ok('customer-42')
 */
export function normalizeExternalId(value: string, platform: PlatformId): Result<string, NormalizeError> {
  const lower = value.toLowerCase()
  // NFC after the whitespace goes: removing a space can join a letter to a combining mark (`a ́` → `á`).
  const id = toNfc(platform === 'meta' ? lower.replace(/\s+/g, '') : lower.trim())
  return id === '' ? err('empty') : ok(id)
}
