import { err, ok, type Result } from '../../result.js'
import { toLookupKey } from './lookup-key.js'
import { isLowerLetters } from './lower-text.js'
import type { NormalizeError } from './normalize-error.js'
import { COUNTRY_ALIASES } from './tables/country-aliases.js'
import { COUNTRY_NAMES } from './tables/countries.js'

// Built on first use, so that importing the module costs nothing until a country is normalised.
let byKey: Map<string, string> | undefined

function countryByKey(): Map<string, string> {
  if (byKey === undefined) {
    byKey = new Map(Object.entries(COUNTRY_ALIASES))
    for (const [code, name] of Object.entries(COUNTRY_NAMES)) byKey.set(toLookupKey(name), code)
  }
  return byKey
}

/**
 * ISO 3166-1 alpha-2, lowercase: the form all three platforms take (Meta hashes it, GA4 and TikTok take
 * it in clear: platforms.md 1.3, 2.3, 3.3). A code is checked against the ISO list; a name (`United
 * Kingdom`, `Deutschland`, `USA`) is looked up. Anything else is invalid rather than guessed: the
 * capi-param-builder habit of truncating an unknown name to two letters turns `Bavaria` into `ba`, Bosnia.
 * @example normalizeCountry('United Kingdom') // ok('gb')
 */
export function normalizeCountry(value: string): Result<string, NormalizeError> {
  const trimmed = value.trim()
  if (trimmed === '') return err('empty')
  const lower = trimmed.toLowerCase()
  if (lower.length === 2 && isLowerLetters(lower) && Object.hasOwn(COUNTRY_NAMES, lower)) return ok(lower)
  const code = countryByKey().get(toLookupKey(trimmed))
  return code === undefined ? err('invalid') : ok(code)
}
