import { createHmac, timingSafeEqual } from 'node:crypto'
import { err, ok, type Result } from '@pairtrack/shared'

/**
 * Signed event tokens: the site's server vouches for a browser event's id, name, value and currency.
 *
 * Format (compact, URL-safe, no padding): `pt1.<claims>.<signature>`
 * - `claims`: base64url of the JSON array `[eventName, eventId, value | null, currency | null, expiresAt]`,
 *   `expiresAt` in unix seconds, currency upper-cased.
 * - `signature`: base64url of HMAC-SHA256(signingSecret, "pt1.<claims>") — 43 characters.
 *
 * The claims travel in the token so that the relay can tell a forged token (`token_invalid`) from a real
 * one used for another event (`token_mismatch`). They are not secret: they repeat what the page sends anyway.
 */
export const EVENT_TOKEN_VERSION = 'pt1'

/** @default 86 400 s (one day): long enough for the browser's retry queue to resend after a short outage. */
export const DEFAULT_TOKEN_TTL_SECONDS = 86_400
/** Meta refuses events older than 7 days (platforms.md 1.2), so a longer-lived token has no use. */
export const MAX_TOKEN_TTL_SECONDS = 7 * 86_400

/** What `relay.sign()` takes. */
export type SignEventTokenInput = {
  eventId: string
  eventName: string
  /** The event's `custom_data.value`; leave out for an event sent without one (it must then carry none). */
  value?: number
  /** The event's `custom_data.currency` (any case); leave out for an event sent without one. */
  currency?: string
  /** Seconds the token stays valid. @default 86400 (one day), at most 604800 (7 days) */
  ttl?: number
}

/** What a verified token vouches for. */
export type EventTokenClaims = {
  eventName: string
  eventId: string
  value: number | null
  currency: string | null
  /** Unix seconds. */
  expiresAt: number
}

const base64url = (bytes: Buffer | string): string => Buffer.from(bytes).toString('base64url')
const mac = (secret: string, signed: string): Buffer => createHmac('sha256', secret).update(signed, 'utf8').digest()
const TOKEN_SHAPE = /^pt1\.([A-Za-z0-9_-]{1,1000})\.([A-Za-z0-9_-]{43})$/

/**
 * Mints a token for one event. Throws on input that could never match an event (a bug in the caller).
 * @example signEventToken({ eventId: 'ord-1', eventName: 'Purchase', value: 24, currency: 'EUR' }, secret, Date.now())
 */
export function signEventToken(input: SignEventTokenInput, secret: string, nowMs: number): string {
  const ttl = input.ttl ?? DEFAULT_TOKEN_TTL_SECONDS
  if (typeof input.eventId !== 'string' || input.eventId === '') throw new TypeError('sign: eventId must be a non-empty string')
  if (typeof input.eventName !== 'string' || input.eventName === '') throw new TypeError('sign: eventName must be a non-empty string')
  if (input.value !== undefined && !(typeof input.value === 'number' && Number.isFinite(input.value) && input.value >= 0)) {
    throw new TypeError('sign: value must be a finite number ≥ 0')
  }
  if (input.currency !== undefined && !/^[A-Za-z]{3}$/.test(input.currency)) throw new TypeError('sign: currency must be a three-letter code')
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TOKEN_TTL_SECONDS) throw new TypeError(`sign: ttl must be 1 to ${MAX_TOKEN_TTL_SECONDS} seconds`)
  const claims = [input.eventName, input.eventId, input.value ?? null, input.currency?.toUpperCase() ?? null, Math.floor(nowMs / 1000) + ttl]
  const signed = `${EVENT_TOKEN_VERSION}.${base64url(JSON.stringify(claims))}`
  return `${signed}.${base64url(mac(secret, signed))}`
}

/**
 * Checks a token's signature against each secret (the current one and any being rotated out), in constant
 * time per secret, then its expiry. The claims are read only once the signature holds.
 * @example verifyEventToken(token, [secret], Date.now()) // ok({ eventName: 'Purchase', … }) | err('token_expired')
 */
export function verifyEventToken(
  token: string,
  secrets: readonly string[],
  nowMs: number,
): Result<EventTokenClaims, 'token_invalid' | 'token_expired'> {
  const shape = TOKEN_SHAPE.exec(token)
  if (shape === null) return err('token_invalid')
  const given = Buffer.from(shape[2]!, 'base64url')
  const signed = `${EVENT_TOKEN_VERSION}.${shape[1]!}`
  // Every secret is tried, so the time taken does not tell which one matched.
  let verified = false
  for (const secret of secrets) verified = timingSafeEqual(mac(secret, signed), given) || verified
  if (!verified) return err('token_invalid')
  const claims = readClaims(shape[1]!)
  if (claims === null) return err('token_invalid')
  return claims.expiresAt * 1000 <= nowMs ? err('token_expired') : ok(claims)
}

/** The claims of a token we signed; null if they are not the shape signEventToken writes. */
function readClaims(encoded: string): EventTokenClaims | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) return null
  const [eventName, eventId, value, currency, expiresAt] = parsed as unknown[]
  if (typeof eventName !== 'string' || typeof eventId !== 'string' || typeof expiresAt !== 'number') return null
  if (value !== null && typeof value !== 'number') return null
  if (currency !== null && typeof currency !== 'string') return null
  return { eventName, eventId, value, currency, expiresAt }
}

/** What of an event a token must match. */
export type TokenSubject = { eventName: string; eventId: string; value?: number | undefined; currency?: string | undefined }

/**
 * Whether verified claims were minted for this event: same name, id, value and currency (a value or a
 * currency on one side only is a mismatch, so a token for a free trial cannot carry a 10 000 EUR purchase).
 * @example matchesClaims(claims, { eventName: 'Purchase', eventId: 'ord-1', value: 24, currency: 'EUR' })
 */
export function matchesClaims(claims: EventTokenClaims, subject: TokenSubject): boolean {
  return (
    claims.eventName === subject.eventName &&
    claims.eventId === subject.eventId &&
    claims.value === (subject.value ?? null) &&
    claims.currency === (subject.currency?.toUpperCase() ?? null)
  )
}
