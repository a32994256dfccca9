import { err, ok, type Result } from '../../result.js'
import { toLowerText } from './lower-text.js'
import type { NormalizeError } from './normalize-error.js'

export type { NormalizeError } from './normalize-error.js'

// Deliberately loose: one @, something on each side, a dot in the domain, no spaces. The platforms match
// whatever was hashed; the goal is only to refuse values that cannot be an address.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Trim and lowercase (Meta, TikTok, Google alike: platforms.md 1.3, 2.3, 3.3). This is the form Meta and
 * TikTok hash; Google's adds `toGoogleEmail`.
 * @example normalizeEmail(' John_Smith@Gmail.com ') // ok('john_smith@gmail.com')
 */
export function normalizeEmail(value: string): Result<string, NormalizeError> {
  const email = toLowerText(value)
  if (email === '') return err('empty')
  if (!EMAIL_SHAPE.test(email)) return err('invalid')
  return ok(email)
}

/**
 * Google's extra rule (GA4, Google Ads): remove every dot before the @ for gmail.com and googlemail.com
 * only; no +tag stripping (platforms.md 2.3, 11.2). Meta keeps the dots. Takes an already normalised email.
 * @example toGoogleEmail('john.smith@gmail.com') // 'johnsmith@gmail.com'
 */
export function toGoogleEmail(normalizedEmail: string): string {
  // The domain is what follows the last @ (neither Google domain holds one): checked without slicing it
  // out, since nearly every address is not Google's and this runs for every event on the relay.
  const domain = normalizedEmail.endsWith('@gmail.com') ? 'gmail.com' : normalizedEmail.endsWith('@googlemail.com') ? 'googlemail.com' : undefined
  if (domain === undefined) return normalizedEmail
  return normalizedEmail.slice(0, normalizedEmail.length - domain.length - 1).replaceAll('.', '') + '@' + domain
}
