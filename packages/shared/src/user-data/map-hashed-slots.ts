import { compactRecord as compact } from './compact-record.js'
import type { Ga4HashedUserData, HashedUserDataFields, MetaHashedUserData, TiktokHashedUserData } from './hashed-user-data.js'

/**
 * The same user data with `hash` applied to every slot a platform wants hashed, and every clear slot
 * (GA4's address city/region/postal_code/country, TikTok's city/state/country, the ids) copied as it is.
 * The one list of which slot is hashed: hashing, its async twin and the tests all walk it.
 * @example mapHashedSlots(normalized, sha256).meta.em // the hashed emails
 */
export function mapHashedSlots(fields: HashedUserDataFields, hash: (value: string) => string): HashedUserDataFields {
  const list = (values: readonly string[] | undefined) => values?.map(hash)
  const one = (value: string | undefined) => (value === undefined ? undefined : hash(value))
  const { meta: m, ga4: g, tiktok: t } = fields
  const meta: MetaHashedUserData = compact({
    em: list(m.em),
    ph: list(m.ph),
    fn: list(m.fn),
    ln: list(m.ln),
    ge: list(m.ge),
    db: list(m.db),
    ct: list(m.ct),
    st: list(m.st),
    zp: list(m.zp),
    country: list(m.country),
    external_id: list(m.external_id),
  })
  const ga4: Ga4HashedUserData = compact({
    sha256_email_address: list(g.sha256_email_address),
    sha256_phone_number: list(g.sha256_phone_number),
    address: g.address?.map((address) =>
      compact({
        sha256_first_name: one(address.sha256_first_name),
        sha256_last_name: one(address.sha256_last_name),
        sha256_street: one(address.sha256_street),
        city: address.city,
        region: address.region,
        postal_code: address.postal_code,
        country: address.country,
      }),
    ),
  })
  const tiktok: TiktokHashedUserData = compact({
    email: list(t.email),
    phone: list(t.phone),
    external_id: list(t.external_id),
    first_name: one(t.first_name),
    last_name: one(t.last_name),
    zip_code: one(t.zip_code),
    city: t.city,
    state: t.state,
    country: t.country,
  })
  return { meta, ga4, tiktok, ids: { ...fields.ids } }
}
