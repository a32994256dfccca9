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
