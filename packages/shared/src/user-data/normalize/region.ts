import type { PlatformId } from '../../platform.js'
import { err, ok, type Result } from '../../result.js'
import { toPlaceForm } from './city.js'
import { isAscii, isLowerLetters, toLowerText } from './lower-text.js'
import type { NormalizeError } from './normalize-error.js'
import { CA_PROVINCES } from './tables/ca-provinces.js'
import { US_STATES } from './tables/us-states.js'

// The table key: ASCII letters only, accents folded. Unlike the country lookup it reads no words (`the`,
// `&`), so that a region and each platform's form of it (`new york`, `newyork`) share one key and
// normalising twice gives what normalising once gave.
// (ASCII has no accents to fold: the NFD pass is skipped for it.)
const toRegionKey = (value: string) =>
  (isAscii(value) ? value : value.normalize('NFD').replace(/\p{M}/gu, '')).toLowerCase().replace(/[^a-z]/g, '')

const codeOf = (table: Readonly<Record<string, string>>, key: string): string | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined

/**
 * A state or province: the 2-letter code, lowercase (`California` → `ca`), for every platform (Meta `st`
 * hashed, GA4 `address.region` and TikTok `state` in clear: platforms.md 1.3, 2.3, 3.3). US and Canadian
 * names are mapped to their codes; a value that already is two letters is taken as a code; any other
 * region (`Bavaria`) keeps its name with the platform's city rule, since no code table covers it.
 * @example normalizeRegion('California', 'meta') // ok('ca')
 */
export function normalizeRegion(value: string, platform: PlatformId): Result<string, NormalizeError> {
  const lower = toLowerText(value)
  if (lower === '') return err('empty')
  const code = toRegionCode(lower)
  if (code !== undefined) return ok(code)
  const region = toPlaceForm(lower, platform)
  return region === '' ? err('invalid') : ok(region)
}

/**
 * The region's 2-letter code, the same for every platform, or undefined for a region no table covers
 * (whose form then depends on the platform). Takes the `toLowerText` form.
 * @example toRegionCode('new york') // 'ny'
 */
export function toRegionCode(lower: string): string | undefined {
  // a–z only (`ca`, `california`) is its own key.
  const key = isLowerLetters(lower) ? lower : toRegionKey(lower)
  // The key is a–z only: two of them are a code.
  return codeOf(US_STATES, key) ?? codeOf(CA_PROVINCES, key) ?? (key.length === 2 ? key : undefined)
}
