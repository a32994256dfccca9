import type { PlatformId } from '../../platform.js'
import { err, ok, type Result } from '../../result.js'
import { isLowerLetters, toLowerText, toNfc } from './lower-text.js'
import type { NormalizeError } from './normalize-error.js'

/** Which name field: a title is dropped from either, a generational suffix only from the last name. */
export type NamePart = 'first' | 'last'

// A leading title, then a dot or a space, then more name: `Mr. John`, `Dr John`, `mrs.jane`. Google asks
// for first names without prefixes and last names without suffixes (its Customer Match formatting rules;
// platforms.md 2.3 does not go that far). Meta and TikTok say nothing about titles, but a title is not
// part of anybody's name, so pairtrack drops it for all three. A bare `Mr` (nothing after it) is kept.
const TITLE = /^(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|madam|mme|mlle|herr|frau)(?:\.\s*|\s+)(?=\S)/u
const SUFFIX = /[\s,]+(?:jr|sr|ii|iii|iv|phd|md|esq)\.?$/u

/** The title (and for a last name, the suffix) dropped, until none is left. Exported for the shortcut test's reference. */
export function dropAffixes(name: string, part: NamePart): string {
  let out = name
  for (let before = ''; before !== out; ) {
    before = out
    out = out.replace(TITLE, '')
    if (part === 'last') out = out.replace(SUFFIX, '')
  }
  return out
}

/**
 * A first or last name as each platform hashes it: lowercase, NFC, title/suffix dropped, digits,
 * punctuation and symbols removed; non-Latin letters stay as UTF-8 (`정`, `valéry`: platforms.md 1.3).
 * Meta and TikTok also remove spaces (`maryann`); GA4 keeps single inner spaces (`mary ann`): Google's rule
 * is "remove digits and symbols, lowercase, trim" (platforms.md 2.3).
 * @example normalizeName('Mr. John', 'meta') // ok('john')
 */
export function normalizeName(value: string, platform: PlatformId, part: NamePart = 'first'): Result<string, NormalizeError> {
  const lower = toLowerText(value)
  if (lower === '') return err('empty')
  const name = toNameForm(toNameLetters(lower, part), platform)
  return name === '' ? err('invalid') : ok(name)
}

/**
 * The platform-independent part of `normalizeName`, from the `toLowerText` form: affixes, digits,
 * punctuation and symbols dropped, single inner spaces kept. `toNameForm` finishes it per platform, so
 * that the relay does this once per name for all three.
 * @example toNameLetters('mr. mary-ann', 'first') // 'mary ann'
 */
export function toNameLetters(lower: string, part: NamePart): string {
  // One word of a–z: no title or suffix (each needs a dot, space or comma), nothing to remove.
  if (isLowerLetters(lower)) return lower
  // Affixes go before the symbols (so that `Mr.John` still shows its dot) and again after (`Mr.-John`).
  return dropAffixes(dropAffixes(lower, part).replace(/[^\p{L}\p{M}\s]/gu, '').replace(/\s+/g, ' ').trim(), part)
}

/**
 * A name's platform form from `toNameLetters`: GA4 keeps the spaces, Meta and TikTok remove them; '' when
 * nothing is left.
 * @example toNameForm('mary ann', 'meta') // 'maryann'
 */
export function toNameForm(letters: string, platform: PlatformId): string {
  // NFC again: removing a space can join a letter to a combining mark that followed it (`a ́` → `á`).
  return toNfc(platform === 'ga4' ? letters : letters.replace(/ /g, ''))
}
