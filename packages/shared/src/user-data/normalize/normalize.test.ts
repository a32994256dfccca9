import { describe, expect, it } from 'vitest'
import type { RawUserData } from '../../event/event.schema.js'
import { PLATFORM_IDS, type PlatformId } from '../../platform.js'
import { isSha256 } from '../is-sha256.js'
import { normalizeUserData, type NormalizedUserData } from '../normalize-user-data.js'
import { normalizeCountry } from './country.js'
import cases from './fixtures/normalize-cases.json'
import { normalizeField, PLATFORM_FIELDS, type UserDataField } from './normalize-field.js'

type Case = {
  field: UserDataField
  input: string
  country?: string
  defaultCountry?: string
  meta?: string | null
  ga4?: string | null
  tiktok?: string | null
  why: string
}

// Where each field lands in each platform's payload (platforms.md 1.3, 2.3, 3.3).
const SLOTS: Record<PlatformId, Partial<Record<UserDataField, (data: NormalizedUserData) => string | undefined>>> = {
  meta: {
    email: (d) => d.meta.em?.[0],
    phone: (d) => d.meta.ph?.[0],
    first_name: (d) => d.meta.fn?.[0],
    last_name: (d) => d.meta.ln?.[0],
    gender: (d) => d.meta.ge?.[0],
    date_of_birth: (d) => d.meta.db?.[0],
    city: (d) => d.meta.ct?.[0],
    state: (d) => d.meta.st?.[0],
    zip: (d) => d.meta.zp?.[0],
    country: (d) => d.meta.country?.[0],
    external_id: (d) => d.meta.external_id?.[0],
  },
  ga4: {
    email: (d) => d.ga4.sha256_email_address?.[0],
    phone: (d) => d.ga4.sha256_phone_number?.[0],
    first_name: (d) => d.ga4.address?.[0]?.sha256_first_name,
    last_name: (d) => d.ga4.address?.[0]?.sha256_last_name,
    street: (d) => d.ga4.address?.[0]?.sha256_street,
    city: (d) => d.ga4.address?.[0]?.city,
    state: (d) => d.ga4.address?.[0]?.region,
    zip: (d) => d.ga4.address?.[0]?.postal_code,
    country: (d) => d.ga4.address?.[0]?.country,
  },
  tiktok: {
    email: (d) => d.tiktok.email?.[0],
    phone: (d) => d.tiktok.phone?.[0],
    external_id: (d) => d.tiktok.external_id?.[0],
    first_name: (d) => d.tiktok.first_name,
    last_name: (d) => d.tiktok.last_name,
    city: (d) => d.tiktok.city,
    state: (d) => d.tiktok.state,
    zip: (d) => d.tiktok.zip_code,
    country: (d) => d.tiktok.country,
  },
}

const NOW = new Date('2026-06-01T12:00:00Z')
const table = (cases as { cases: Case[] }).cases

describe('normalisation table (fixtures/normalize-cases.json)', () => {
  it('covers every field', () => {
    const fields = new Set(table.map((c) => c.field))
    expect([...fields].sort()).toEqual([...new Set(Object.values(PLATFORM_FIELDS).flat())].sort())
  })

  for (const c of table) {
    const label = `${c.field} ${JSON.stringify(c.input)}${c.defaultCountry ? ` (default ${c.defaultCountry})` : ''}${c.country ? ` (country ${c.country})` : ''}`
    it(`${label}: ${c.why}`, () => {
      const raw: RawUserData = { [c.field]: c.input, ...(c.country !== undefined && c.field !== 'country' ? { country: c.country } : {}) }
      const normalized = normalizeUserData(raw, { now: NOW, ...(c.defaultCountry ? { defaultCountry: c.defaultCountry } : {}) })
      const eventCountry = c.country === undefined ? undefined : normalizeCountry(c.country)
      const country = eventCountry?.ok ? eventCountry.value : c.defaultCountry
      for (const platform of PLATFORM_IDS) {
        const expected = c[platform]
        const slot = SLOTS[platform][c.field]
        if (expected === undefined) {
          // The platform has no such field: the table, PLATFORM_FIELDS and the payload agree.
          expect(slot, platform).toBeUndefined()
          expect(normalizeField(c.field, c.input, platform).ok, platform).toBe(false)
          continue
        }
        expect(slot, platform).toBeDefined()
        expect(slot?.(normalized) ?? null, `${platform} payload`).toBe(expected)
        // Digests pass through in normalizeUserData only; normalizeField sees clear values.
        if (isSha256(c.input.trim())) continue
        const single = normalizeField(c.field, c.input, platform, { now: NOW, ...(country ? { country } : {}) })
        expect(single.ok ? single.value : null, `${platform} normalizeField`).toBe(expected)
      }
    })
  }
})
