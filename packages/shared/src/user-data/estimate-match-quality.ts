import type { PlatformId } from '../platform.js'
import type { HashedUserDataFields, PlainIdentifiers } from './hashed-user-data.js'
import type { UserDataField } from './normalize/normalize-field.js'

/** An identifier a site can send: a PII field of `RawUserData` or one of the ids sent as they are. */
export type MatchIdentifier = UserDataField | keyof PlainIdentifiers

/**
 * pairtrack's estimate of how well a platform can match an event to a person: `score` from 0 to 10, and
 * the identifiers that are `missing`, most valuable first (sending them would raise the score). An
 * estimate, not the platform's own score (Meta's Event Match Quality, say): see the method below.
 */
export type MatchQualityEstimate = { score: number; missing: MatchIdentifier[] }

type Weight = readonly [identifier: MatchIdentifier, weight: number, present: (data: HashedUserDataFields) => boolean]

const has = (value: readonly string[] | string | undefined): boolean => value !== undefined && value.length > 0

/*
 * Method (an estimate, not the platform's score). Each platform gets a fixed weight per identifier, the
 * weights of a platform adding up to 10; the score is the sum of the weights of the identifiers present
 * in the hashed user data the platform will actually receive (so a value that was dropped as invalid, or
 * a clear field left out by `hashesOnly`, does not count), rounded to one decimal. The weights follow what
 * each platform documents as most useful for matching, in that order, and are pairtrack's own choice:
 * - Meta: the order of Meta's Events Manager guidance (platforms.md 1.9): fbc (the largest reported lift)
 *   and email 2 each, phone 1.5, fbp and external_id 1 each, IP address and user agent 0.5 each, first and
 *   last name 0.25 each, city, state, zip and country 0.2 each, gender and date of birth 0.1 each. Meta
 *   publishes no per-key weights (UNCONFIRMED in platforms.md 12).
 * - GA4: the client id joins the server event to the browser's session (platforms.md 2.4, 11.7) and email
 *   is Google's recommended user-provided key (2.3): 3 each; phone 1.5; session id 1; the address counts
 *   1.5 split over first name, last name, street, zip and country, the parts Google's address matching
 *   uses.
 *   GA4 has no click-id field (2.7), so gclid adds nothing.
 * - TikTok: ttclid (the click id) 2.5, email 2, ttp (the pixel's browser id) and phone 1.5 each,
 *   external_id 1, IP address and user agent 0.5 each, name and address fields 0.5 together.
 * A platform's real score also depends on how many events carry each key and how many match accounts,
 * which the relay cannot see.
 */
const WEIGHTS: Readonly<Record<PlatformId, readonly Weight[]>> = {
  meta: [
    ['fbc', 2, (d) => has(d.ids.fbc)],
    ['email', 2, (d) => has(d.meta.em)],
    ['phone', 1.5, (d) => has(d.meta.ph)],
    ['fbp', 1, (d) => has(d.ids.fbp)],
    ['external_id', 1, (d) => has(d.meta.external_id)],
    ['client_ip_address', 0.5, (d) => has(d.ids.client_ip_address)],
    ['client_user_agent', 0.5, (d) => has(d.ids.client_user_agent)],
    ['first_name', 0.25, (d) => has(d.meta.fn)],
    ['last_name', 0.25, (d) => has(d.meta.ln)],
    ['city', 0.2, (d) => has(d.meta.ct)],
    ['state', 0.2, (d) => has(d.meta.st)],
    ['zip', 0.2, (d) => has(d.meta.zp)],
    ['country', 0.2, (d) => has(d.meta.country)],
    ['gender', 0.1, (d) => has(d.meta.ge)],
    ['date_of_birth', 0.1, (d) => has(d.meta.db)],
  ],
  ga4: [
    ['ga_client_id', 3, (d) => has(d.ids.ga_client_id)],
    ['email', 3, (d) => has(d.ga4.sha256_email_address)],
    ['phone', 1.5, (d) => has(d.ga4.sha256_phone_number)],
    ['ga_session_id', 1, (d) => has(d.ids.ga_session_id)],
    ['first_name', 0.3, (d) => has(d.ga4.address?.[0]?.sha256_first_name)],
    ['last_name', 0.3, (d) => has(d.ga4.address?.[0]?.sha256_last_name)],
    ['street', 0.3, (d) => has(d.ga4.address?.[0]?.sha256_street)],
    ['zip', 0.3, (d) => has(d.ga4.address?.[0]?.postal_code)],
    ['country', 0.3, (d) => has(d.ga4.address?.[0]?.country)],
  ],
  tiktok: [
    ['ttclid', 2.5, (d) => has(d.ids.ttclid)],
    ['email', 2, (d) => has(d.tiktok.email)],
    ['ttp', 1.5, (d) => has(d.ids.ttp)],
    ['phone', 1.5, (d) => has(d.tiktok.phone)],
    ['external_id', 1, (d) => has(d.tiktok.external_id)],
    ['client_ip_address', 0.5, (d) => has(d.ids.client_ip_address)],
    ['client_user_agent', 0.5, (d) => has(d.ids.client_user_agent)],
    ['first_name', 0.1, (d) => has(d.tiktok.first_name)],
    ['last_name', 0.1, (d) => has(d.tiktok.last_name)],
    ['zip', 0.1, (d) => has(d.tiktok.zip_code)],
    ['city', 0.1, (d) => has(d.tiktok.city)],
    ['state', 0.05, (d) => has(d.tiktok.state)],
    ['country', 0.05, (d) => has(d.tiktok.country)],
  ],
}

/**
 * Estimates match quality for one platform from the hashed user data it will receive: a pure function
 * of which identifiers are present (method in the comment above `WEIGHTS`). Labelled an estimate
 * wherever it is shown: it is not Meta's Event Match Quality nor any platform's own figure.
 * @example estimateMatchQuality(hashed, 'meta') // { score: 6.3, missing: ['fbc', 'phone', …] }
 */
export function estimateMatchQuality(hashed: HashedUserDataFields, platform: PlatformId): MatchQualityEstimate {
  let score = 0
  const missing: MatchIdentifier[] = []
  for (const [identifier, weight, present] of WEIGHTS[platform]) {
    if (present(hashed)) score += weight
    else missing.push(identifier)
  }
  // Tenths, so that float sums such as 0.1 + 0.2 do not show as 0.30000000000000004.
  return { score: Math.round(score * 10) / 10, missing }
}
