import { err, ok, type Result } from '../../result.js'
import type { NormalizeError } from './normalize-error.js'

// Meta takes `f` or `m` only (platforms.md 1.3). The words map as capi-param-builder maps them (1.8),
// titles included; anything else (non-binary answers among them) cannot be expressed and is dropped
// rather than forced into one of the two.
// (A Map, so that a word like `constructor` finds nothing.)
const GENDERS = new Map<string, 'f' | 'm'>([
  ...'f female woman women girl feminine mrs ms miss'.split(' ').map((word) => [word, 'f'] as const),
  ...'m male man men boy masculine mr'.split(' ').map((word) => [word, 'm'] as const),
])

/**
 * Meta's `ge`: `f` or `m`. GA4 and TikTok have no gender field.
 * @example normalizeGender(' Female ') // ok('f')
 */
export function normalizeGender(value: string): Result<string, NormalizeError> {
  const word = value.trim().toLowerCase().replace(/[^a-z]/g, '')
  if (word === '') return err(value.trim() === '' ? 'empty' : 'invalid')
  const gender = GENDERS.get(word)
  return gender === undefined ? err('invalid') : ok(gender)
}
