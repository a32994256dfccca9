import type { PlatformId } from '../../platform.js'
import { err, ok, type Result } from '../../result.js'
import { isLowerLetters, toLowerText, toNfc } from './lower-text.js'
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
  // Words of a–z with single spaces between them: GA4 keeps them as they are, Meta and TikTok drop the spaces.
  if (isPlainWords(lower)) return platform === 'ga4' ? lower : withoutSpaces(lower)
  const kept =
    platform === 'meta'
      ? lower.replace(/[^\p{L}\p{M}]/gu, '')
      : platform === 'tiktok'
        ? lower.replace(/[^\p{L}\p{M}\p{N}]/gu, '')
        : lower.replace(/[^\p{L}\p{M}\s]/gu, '').replace(/\s+/g, ' ').trim()
  // NFC again: removing a character can join a letter to a combining mark that followed it (`a ́` → `á`).
  return toNfc(kept)
}

// The words joined (slices rather than replaceAll, which costs more on these short values).
function withoutSpaces(value: string): string {
  let out = ''
  let start = 0
  for (let space = value.indexOf(' '); space !== -1; space = value.indexOf(' ', start)) {
    out += value.slice(start, space)
    start = space + 1
  }
  return start === 0 ? value : out + value.slice(start)
}

// a–z words separated by single spaces, none at either end (`menlo park`).
function isPlainWords(value: string): boolean {
  if (value === '' || value.charCodeAt(0) === 0x20 || value.charCodeAt(value.length - 1) === 0x20) return false
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i)
    if (code === 0x20 ? value.charCodeAt(i + 1) === 0x20 : code < 0x61 || code > 0x7a) return false
  }
  return true
}
