import type { PlatformId } from '../../platform.js'
import { err, ok, type Result } from '../../result.js'
import { toLowerText, toNfc } from './lower-text.js'
import type { NormalizeError } from './normalize-error.js'

// `94025-1234` or `94025 1234`: a US ZIP+4, whatever the country field says (no other country writes
// five digits, a separator and four digits).
const ZIP_PLUS_4 = /^(\d{5})[-\s]\d{4}$/

/**
 * A zip or postal code as each platform wants it (platforms.md 1.3, 2.3, 3.3):
 * - Meta `zp` (hashed) and TikTok `zip_code` (hashed): lowercase, no spaces or dashes; a US code is its
 *   first 5 digits (ZIP+4 → ZIP). `country` is the lowercase alpha-2 of the event (or the default).
 * - GA4 `address.postal_code` (clear): trimmed, lowercase, `.` and `~` removed, nothing else: Google
 *   accepts ZIP+4 and says it may improve matching, so it is kept.
 * For every platform a code with fewer than 2 letters or digits is invalid (capi-param-builder's minimum,
 * platforms.md 1.8: no postal code is that short).
 * TikTok's own rule was not retrieved (platforms.md 3.3); it gets Meta's, the hashed-zip convention.
 * @example normalizePostalCode('94025-1234', 'meta') // ok('94025')
 */
export function normalizePostalCode(value: string, platform: PlatformId, country?: string): Result<string, NormalizeError> {
  const lower = toLowerText(value)
  if (lower === '') return err('empty')
  // Digits only (`94025`): nothing to remove for any platform; a US code keeps its first 5 for Meta and TikTok.
  if (lower.length >= 2 && isDigits(lower)) return ok(platform !== 'ga4' && country === 'us' && lower.length > 5 ? lower.slice(0, 5) : lower)
  if (platform === 'ga4') {
    const code = toNfc(lower.replace(/[.~]/g, '').replace(/\s+/g, ' ').trim())
    return code.replace(/[^\p{L}\p{N}]/gu, '').length < 2 ? err('invalid') : ok(code)
  }
  const zipPlus4 = ZIP_PLUS_4.exec(lower)
  if (zipPlus4?.[1] !== undefined) return ok(zipPlus4[1])
  const code = lower.replace(/[^\p{L}\p{N}]/gu, '')
  if (country === 'us' && /^\d{5}/.test(code)) return ok(code.slice(0, 5))
  return code.length < 2 ? err('invalid') : ok(code)
}

function isDigits(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i)
    if (code < 0x30 || code > 0x39) return false
  }
  return true
}
