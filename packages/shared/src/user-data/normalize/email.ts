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

const GOOGLE_MAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com'])

/**
 * Google's extra rule (GA4, Google Ads): remove every dot before the @ for gmail.com and googlemail.com
 * only; no +tag stripping (platforms.md 2.3, 11.2). Meta keeps the dots. Takes an already normalised email.
 * @example toGoogleEmail('john.smith@gmail.com') // 'johnsmith@gmail.com'
 */
export function toGoogleEmail(normalizedEmail: string): string {
  const at = normalizedEmail.lastIndexOf('@')
  const domain = normalizedEmail.slice(at + 1)
  if (!GOOGLE_MAIL_DOMAINS.has(domain)) return normalizedEmail
  return normalizedEmail.slice(0, at).replaceAll('.', '') + '@' + domain
}
