import { err, ok, type Result } from '../../result.js'
import { toLowerText, toNfc } from './lower-text.js'
import type { NormalizeError } from './normalize-error.js'

/**
 * A street address as GA4 hashes it (`user_data.address[].sha256_street`, platforms.md 2.3): "remove
 * symbols, lowercase, trim". Letters (any script, NFC), digits and single inner spaces stay (`1600
 * amphitheatre pkwy`); punctuation and symbols go (`#`, `.`, `,`, `'`, `-`). Meta's `user_data` and
 * TikTok's `user` have no street key (platforms.md 1.3, 3.2), so it is GA4's alone.
 * @example normalizeStreet(' 1600 Amphitheatre Pkwy., Apt #2 ') // ok('1600 amphitheatre pkwy apt 2')
 */
export function normalizeStreet(value: string): Result<string, NormalizeError> {
  const lower = toLowerText(value)
  if (lower === '') return err('empty')
  // NFC again: removing a symbol can join a letter to a combining mark that followed it.
  const street = toNfc(lower.replace(/[^\p{L}\p{M}\p{N}\s]/gu, '').replace(/\s+/g, ' ').trim())
  return street === '' ? err('invalid') : ok(street)
}
