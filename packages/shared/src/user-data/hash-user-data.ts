import type { RawUserData } from '../event/event.schema.js'
import type { HashedUserData, HashedUserDataFields, PlainIdentifiers } from './hashed-user-data.js'
import { isSha256 } from './is-sha256.js'
import { normalizeEmail, toGoogleEmail } from './normalize/email.js'
import { normalizePhone, toMetaPhone } from './normalize/phone.js'
import type { Sha256 } from './sha256.js'

export type HashUserDataOptions = {
  /** SHA-256 function (node:crypto on the relay). */
  sha256: Sha256
  /** ISO 3166-1 alpha-2 country used to read phone numbers typed without an international prefix. */
  defaultCountry?: string
}

const toList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

const unique = (values: string[]): string[] | undefined => (values.length === 0 ? undefined : [...new Set(values)])

/**
 * Normalises each PII value per platform, then hashes it; an empty or invalid value is dropped, an
 * already hashed value passes through lowercased. Raw PII ends here.
 * @example hashUserData({ email: 'A@B.co' }, { sha256 }).meta.em // [sha256('a@b.co')]
 */
export function hashUserData(raw: RawUserData, options: HashUserDataOptions): HashedUserData {
  const { sha256 } = options
  const cache = new Map<string, string>()
  const hash = (normalized: string): string => {
    if (isSha256(normalized)) return normalized.toLowerCase()
    let digest = cache.get(normalized)
    if (digest === undefined) {
      digest = sha256(normalized)
      cache.set(normalized, digest)
    }
    return digest
  }

  const emails = { plain: [] as string[], google: [] as string[] }
  for (const value of toList(raw.email)) {
    if (isSha256(value.trim())) {
      emails.plain.push(value.trim().toLowerCase())
      emails.google.push(value.trim().toLowerCase())
      continue
    }
    const normalized = normalizeEmail(value)
    if (!normalized.ok) continue
    emails.plain.push(hash(normalized.value))
    emails.google.push(hash(toGoogleEmail(normalized.value)))
  }

  const phones = { meta: [] as string[], e164: [] as string[] }
  for (const value of toList(raw.phone)) {
    if (isSha256(value.trim())) {
      phones.meta.push(value.trim().toLowerCase())
      phones.e164.push(value.trim().toLowerCase())
      continue
    }
    const normalized = normalizePhone(value, raw.country ?? options.defaultCountry)
    if (!normalized.ok) continue
    phones.meta.push(hash(toMetaPhone(normalized.value)))
    phones.e164.push(hash(normalized.value))
  }

  const externalIds = unique(toList(raw.external_id).map((v) => v.trim()).filter((v) => v !== '').map(hash))

  const fields: HashedUserDataFields = {
    meta: dropUndefined({ em: unique(emails.plain), ph: unique(phones.meta), external_id: externalIds }),
    ga4: dropUndefined({
      sha256_email_address: unique(emails.google)?.slice(0, 3),
      sha256_phone_number: unique(phones.e164)?.slice(0, 3),
    }),
    tiktok: dropUndefined({ email: unique(emails.plain), phone: unique(phones.e164), external_id: externalIds }),
    ids: plainIdentifiers(raw),
  }
  return fields as HashedUserData
}

function plainIdentifiers(raw: RawUserData): PlainIdentifiers {
  return dropUndefined({
    client_ip_address: raw.client_ip_address,
    client_user_agent: raw.client_user_agent,
    fbp: raw.fbp,
    fbc: raw.fbc,
    ga_client_id: raw.ga_client_id,
    ga_session_id: raw.ga_session_id,
    ttclid: raw.ttclid,
    ttp: raw.ttp,
    gclid: raw.gclid,
  })
}

function dropUndefined<T extends Record<string, unknown>>(record: T): T {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) if (value !== undefined && value !== '') out[key] = value
  return out as T
}
