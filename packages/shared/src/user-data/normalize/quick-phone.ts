import { Metadata, type MetadataJson } from 'libphonenumber-js/core'
import metadata from 'libphonenumber-js/min/metadata'
import { err, ok, type Result } from '../../result.js'
import type { NormalizeError } from './normalize-error.js'
import { normalizePhone } from './phone.js'

/**
 * `normalizePhone`, with the usual international number answered from a table instead of a parse: the
 * relay's (hashUserData's) phone normaliser. The browser's hashInBrowser add-on keeps the plain
 * `normalizePhone` and does not carry the table's code; both give the same result for every input.
 * @example normalizePhoneQuickly('+1 (650) 555-1212') // ok('+16505551212'), without a parse
 */
export function normalizePhoneQuickly(value: string, country?: string): Result<string, NormalizeError> {
  const quick = quickInternational(value.trim())
  if (quick === undefined) return normalizePhone(value, country)
  return quick === '' ? err('invalid') : ok(quick)
}

// The usual international number (`+1 (650) 555-1212`, `0044 20 7946 0958`: a `+` or `00`, then digits
// and ` ().-` only) is answered without libphonenumber's parse, from a table derived once from its own
// metadata. For such input the parse depends on the digits alone: the calling code is the shortest of the
// first 1–3 digits that is one, the national number is the rest unless the code's national prefix
// (`nationalPrefixForParsing`) matches its start, and `isPossible()` checks its length against the
// possible lengths of the country found. So the answer is `+` and the digits when every country of the
// calling code has that length, invalid when none has it. A parse is still asked (undefined here) when a
// national prefix matches, the countries disagree on the length, or the input holds anything else.
// Returns the E.164, '' for invalid. phone.property.test.ts checks it against libphonenumber's parse.
const PLUS = 43
const SPACE = 32
const ZERO = 48
const NINE = 57

/** Exported for phone.property.test.ts. */
export function quickInternational(value: string): string | undefined {
  let i: number
  if (value.charCodeAt(0) === PLUS) i = 1
  else if (value.charCodeAt(0) === ZERO && value.charCodeAt(1) === ZERO) {
    // `00` is read as `+` only when a digit 1–9 follows, after spaces (toPlusPrefix).
    for (i = 2; value.charCodeAt(i) === SPACE; i += 1);
    const first = value.charCodeAt(i)
    if (first <= ZERO || first > NINE) return undefined
  } else return undefined
  // libphonenumber refuses input over 250 characters; such input is left to it.
  if (value.length > 250) return undefined
  let digits = ''
  for (; i < value.length; i += 1) {
    const code = value.charCodeAt(i)
    if (code >= ZERO && code <= NINE) digits += value[i]
    // space ( ) - . : punctuation libphonenumber skips; anything else (letters, an extension) is its to read.
    else if (code !== SPACE && code !== 40 && code !== 41 && code !== 45 && code !== 46) return undefined
  }
  if (digits.charCodeAt(0) === ZERO || digits === '') return undefined
  quickPlans ??= quickPlansOf(metadata)
  for (let length = 1; length <= 3 && length <= digits.length; length += 1) {
    const plan = quickPlans.get(digits.slice(0, length))
    if (plan === undefined) continue
    const national = digits.slice(length)
    if (plan.nationalPrefix !== undefined) {
      const match = plan.nationalPrefix.exec(national)
      // An empty match leaves the number as it is (extractNationalNumberFromPossiblyIncompleteNumber).
      if (match !== null && match[0] !== '') return undefined
    }
    const verdict = plan.byLength[national.length] ?? IMPOSSIBLE
    return verdict === POSSIBLE ? `+${digits}` : verdict === IMPOSSIBLE ? '' : undefined
  }
  return undefined
}

const IMPOSSIBLE = 0
const POSSIBLE = 1
const DEPENDS = 2
// libphonenumber's MIN_LENGTH_FOR_NSN and MAX_LENGTH_FOR_NSN: outside them the parse fails.
const MIN_NATIONAL = 2
const MAX_NATIONAL = 17

type QuickPlan = { nationalPrefix: RegExp | undefined; byLength: readonly number[] }
let quickPlans: Map<string, QuickPlan> | undefined

// Per calling code: its main country's national prefix pattern, and for each national number length
// whether every country of the code finds it possible (POSSIBLE), none does (IMPOSSIBLE), or they differ.
function quickPlansOf(full: MetadataJson): Map<string, QuickPlan> {
  const plans = new Metadata(full)
  const out = new Map<string, QuickPlan>()
  for (const [code, countries] of Object.entries(full.country_calling_codes)) {
    // The calling code's plan is its first country's (Metadata.getNumberingPlanMetadata). A code listing a
    // country without a plan (non-geographic numbers, `001`) is left to the parse.
    const main = countries[0]
    if (main === undefined || !countries.every((country) => Object.hasOwn(full.countries, country))) continue
    plans.selectNumberingPlan(main)
    // Untyped in libphonenumber-js's declarations, present at run time (metadata.js, NumberingPlan).
    // Without it nothing is answered here: a missed national prefix would give a wrong number.
    const plan = plans.numberingPlan as { nationalPrefixForParsing?: () => string | undefined } | undefined
    if (typeof plan?.nationalPrefixForParsing !== 'function') return new Map()
    const prefix = plan.nationalPrefixForParsing()
    const lengths = countries.map((country) => {
      plans.selectNumberingPlan(country)
      return plans.numberingPlan?.possibleLengths()
    })
    const byLength: number[] = []
    for (let length = 0; length <= MAX_NATIONAL; length += 1) {
      // No possible lengths in the metadata: libphonenumber's checkNumberLength finds any length possible.
      const possible = lengths.map((list) => length >= MIN_NATIONAL && (list === undefined || list.includes(length)))
      byLength.push(possible.every(Boolean) ? POSSIBLE : possible.some(Boolean) ? DEPENDS : IMPOSSIBLE)
    }
    out.set(code, { nationalPrefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined, byLength })
  }
  return out
}
