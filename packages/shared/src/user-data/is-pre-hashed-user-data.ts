import type { RawUserData } from '../event/event.schema.js'
import { isSha256 } from './is-sha256.js'

const PII_KEYS = [
  'email',
  'phone',
  'first_name',
  'last_name',
  'street',
  'city',
  'state',
  'zip',
  'country',
  'gender',
  'date_of_birth',
  'external_id',
] as const satisfies ReadonlyArray<keyof RawUserData>

/**
 * True when every PII value of raw user data is a SHA-256 hex digest (or blank): what a page with
 * `hashInBrowser: true` sends, and what the relay can insist on before accepting it. `hashUserData` passes
 * such values through unchanged. The ids (IP, user agent, cookies, click ids) are never hashed and are
 * not checked. Caveat: one flat digest per field cannot be right for every platform (Meta hashes a phone
 * without `+`, Google and TikTok with it; Google removes gmail dots), so a page should rather send
 * `hashUserDataAsync`'s per-platform result, read back with `parseHashedUserData`.
 * @example isPreHashedUserData({ email: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f' }) // true
 */
export function isPreHashedUserData(raw: RawUserData): boolean {
  return PII_KEYS.every((key) => {
    const value = raw[key]
    const values: readonly string[] = value === undefined ? [] : typeof value === 'string' ? [value] : value
    return values.every((item) => item.trim() === '' || isSha256(item.trim()))
  })
}
