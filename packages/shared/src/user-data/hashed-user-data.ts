/**
 * User data after `hashUserData`: every PII value normalised per platform and SHA-256 hashed, laid out
 * the way each platform's payload wants it, plus the identifiers platforms want raw (IP, user agent,
 * cookies, click ids). Only `hashUserData` makes one (the brand), so the outbox, destinations and logs
 * cannot be handed raw PII by mistake.
 */
declare const hashedBrand: unique symbol

/** Meta `user_data` hashed keys (platforms.md 1.3): each a list of lowercase hex SHA-256. */
export type MetaHashedUserData = {
  em?: string[]
  ph?: string[]
  fn?: string[]
  ln?: string[]
  ge?: string[]
  db?: string[]
  ct?: string[]
  st?: string[]
  zp?: string[]
  country?: string[]
  external_id?: string[]
}

/** GA4 takes up to 3 emails and 3 phones per request (platforms.md 2.3). */
export const GA4_MAX_EMAILS_OR_PHONES = 3

/** GA4 takes up to 2 addresses (platforms.md 2.3); pairtrack's raw user data holds one. */
export const GA4_MAX_ADDRESSES = 2

/**
 * GA4 Measurement Protocol `user_data` (platforms.md 2.3): `sha256_*` keys hashed, the other address keys
 * (`city`, `region`, `postal_code`, `country`) in clear, normalised.
 */
export type Ga4HashedUserData = {
  sha256_email_address?: string[]
  sha256_phone_number?: string[]
  address?: Array<{
    sha256_first_name?: string
    sha256_last_name?: string
    sha256_street?: string
    city?: string
    region?: string
    postal_code?: string
    country?: string
  }>
}

/**
 * TikTok Events API `user` keys (platforms.md 3.3): `email`, `phone`, `external_id`, `first_name`,
 * `last_name` and `zip_code` hashed; `city`, `state` and `country` in clear, normalised.
 */
export type TiktokHashedUserData = {
  email?: string[]
  phone?: string[]
  external_id?: string[]
  first_name?: string
  last_name?: string
  zip_code?: string
  city?: string
  state?: string
  country?: string
}

/** Identifiers the platforms take as they are (never hashed): platforms.md 1.3, 2.2, 3.3. */
export type PlainIdentifiers = {
  client_ip_address?: string
  client_user_agent?: string
  fbp?: string
  fbc?: string
  ga_client_id?: string
  ga_session_id?: string
  ttclid?: string
  ttp?: string
  gclid?: string
}

/** The layout of `HashedUserData` without the brand: what the store keeps and reads back. */
export type HashedUserDataFields = {
  meta: MetaHashedUserData
  ga4: Ga4HashedUserData
  tiktok: TiktokHashedUserData
  ids: PlainIdentifiers
}

export type HashedUserData = HashedUserDataFields & { readonly [hashedBrand]: true }

/**
 * Re-brands fields read back from the store: they were written from a `HashedUserData`, so they hold
 * hashes only. Never call it on anything that came from a request.
 */
export function fromStoredHashedUserData(fields: HashedUserDataFields): HashedUserData {
  return fields as HashedUserData
}
