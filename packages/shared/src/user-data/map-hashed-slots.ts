import type { Ga4HashedUserData, HashedUserDataFields, MetaHashedUserData, TiktokHashedUserData } from './hashed-user-data.js'

type Hash = (value: string) => string
type Ga4Address = NonNullable<Ga4HashedUserData['address']>[number]

// Which slot is hashed, per platform (platforms.md 1.3, 2.3, 3.3), in the order the payloads list them.
const META_LISTS = ['em', 'ph', 'fn', 'ln', 'ge', 'db', 'ct', 'st', 'zp', 'country', 'external_id'] as const satisfies ReadonlyArray<keyof MetaHashedUserData>
const GA4_LISTS = ['sha256_email_address', 'sha256_phone_number'] as const satisfies ReadonlyArray<keyof Ga4HashedUserData>
const GA4_ADDRESS_HASHED = ['sha256_first_name', 'sha256_last_name', 'sha256_street'] as const satisfies ReadonlyArray<keyof Ga4Address>
const GA4_ADDRESS_CLEAR = ['city', 'region', 'postal_code', 'country'] as const satisfies ReadonlyArray<keyof Ga4Address>
const TIKTOK_LISTS = ['email', 'phone', 'external_id'] as const satisfies ReadonlyArray<keyof TiktokHashedUserData>
const TIKTOK_HASHED = ['first_name', 'last_name', 'zip_code'] as const satisfies ReadonlyArray<keyof TiktokHashedUserData>
const TIKTOK_CLEAR = ['city', 'state', 'country'] as const satisfies ReadonlyArray<keyof TiktokHashedUserData>

// Module-level loops rather than per-call closures and a compacting pass: this runs for every event on
// the relay. Slots that are absent stay absent, so the result has no undefined holes.
function hashLists<K extends string>(from: { [P in K]?: string[] }, keys: readonly K[], hash: Hash, to: { [P in K]?: string[] }): void {
  for (const key of keys) {
    const values = from[key]
    if (values === undefined) continue
    const hashed: string[] = []
    for (const value of values) hashed.push(hash(value))
    to[key] = hashed
  }
}

function hashOnes<K extends string>(from: { [P in K]?: string }, keys: readonly K[], hash: Hash, to: { [P in K]?: string }): void {
  for (const key of keys) {
    const value = from[key]
    if (value !== undefined) to[key] = hash(value)
  }
}

function copyClear<K extends string>(from: { [P in K]?: string }, keys: readonly K[], to: { [P in K]?: string }): void {
  for (const key of keys) {
    const value = from[key]
    if (value !== undefined) to[key] = value
  }
}

function mapAddress(address: Ga4Address, hash: Hash): Ga4Address {
  const out: Ga4Address = {}
  hashOnes(address, GA4_ADDRESS_HASHED, hash, out)
  copyClear(address, GA4_ADDRESS_CLEAR, out)
  return out
}

/**
 * The same user data with `hash` applied to every slot a platform wants hashed, and every clear slot
 * (GA4's address city/region/postal_code/country, TikTok's city/state/country, the ids) copied as it is.
 * The lists of which slot is hashed (the constants above) serve the async hashing and the tests; the
 * relay's `hashUserData` hashes as it lays the slots out, and a property test checks the two agree.
 * Keys not in the lists are not copied.
 * @example mapHashedSlots(normalized, sha256).meta.em // the hashed emails
 */
export function mapHashedSlots(fields: HashedUserDataFields, hash: Hash): HashedUserDataFields {
  const meta: MetaHashedUserData = {}
  hashLists(fields.meta, META_LISTS, hash, meta)
  const ga4: Ga4HashedUserData = {}
  hashLists(fields.ga4, GA4_LISTS, hash, ga4)
  if (fields.ga4.address !== undefined) ga4.address = fields.ga4.address.map((address) => mapAddress(address, hash))
  const tiktok: TiktokHashedUserData = {}
  hashLists(fields.tiktok, TIKTOK_LISTS, hash, tiktok)
  hashOnes(fields.tiktok, TIKTOK_HASHED, hash, tiktok)
  copyClear(fields.tiktok, TIKTOK_CLEAR, tiktok)
  return { meta, ga4, tiktok, ids: { ...fields.ids } }
}
