import type { PlatformId } from '../../platform.js'
import { err, ok, type Result } from '../../result.js'
import { toLowerText, toNfc } from './lower-text.js'
import type { NormalizeError } from './normalize-error.js'

/**
 * A city as each platform wants it, lowercase and NFC (platforms.md 1.3, 2.3, 3.3):
 * - Meta `ct` (hashed): no spaces, punctuation or digits: `menlopark`.
 * - GA4 `address.city` (clear): digits and symbols removed, single spaces kept: `menlo park`.
 * - TikTok `city` (clear): lowercase alphanumerics: `menlopark`.
 * @example normalizeCity('Menlo Park', 'ga4') // ok('menlo park')
 */
export function normalizeCity(value: string, platform: PlatformId): Result<string, NormalizeError> {
  const lower = toLowerText(value)
  if (lower === '') return err('empty')
  const city = toPlaceForm(lower, platform)
  return city === '' ? err('invalid') : ok(city)
}

/**
 * The per-platform character rule shared by cities and unmapped regions (the input already lowercased).
 * @example toPlaceForm('st. louis', 'meta') // 'stlouis'
 */
export function toPlaceForm(lower: string, platform: PlatformId): string {
  const kept =
    platform === 'meta'
      ? lower.replace(/[^\p{L}\p{M}]/gu, '')
      : platform === 'tiktok'
        ? lower.replace(/[^\p{L}\p{M}\p{N}]/gu, '')
        : lower.replace(/[^\p{L}\p{M}\s]/gu, '').replace(/\s+/g, ' ').trim()
  // NFC again: removing a character can join a letter to a combining mark that followed it (`a ́` → `á`).
  return toNfc(kept)
}
