import { describe, expect, it } from 'vitest'
import { TrackEventSchema } from './event.schema.js'

const base = { event_name: 'Purchase', event_id: 'e1' }
const issuesOf = (input: unknown) => {
  const parsed = TrackEventSchema.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
}

describe('TrackEventSchema limits', () => {
  it('accepts 100 custom keys and refuses 101', () => {
    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))
    expect(issuesOf({ ...base, custom_data: keys(100) })).toEqual([])
    expect(issuesOf({ ...base, custom_data: keys(101) })).toEqual([{ path: 'custom_data', message: 'custom_data holds at most 100 keys' }])
  })

  it('refuses an empty or overlong custom key', () => {
    expect(issuesOf({ ...base, custom_data: { ['k'.repeat(101)]: 1 } })).toEqual([
      { path: 'custom_data', message: 'custom_data keys are 1 to 100 characters long' },
    ])
    expect(issuesOf({ ...base, custom_data: { '': 1 } })).toHaveLength(1)
  })

  it('refuses nested objects in custom properties, so an event is at most five levels deep', () => {
    expect(issuesOf({ ...base, custom_data: { deep: { deeper: { deepest: 1 } } } })).toEqual([
      expect.objectContaining({ path: 'custom_data.deep' }),
    ])
    expect(issuesOf({ ...base, custom_data: { contents: [{ id: 'a', title: { nested: 'x' } }] } })).not.toEqual([])
  })

  it('refuses arrays over their caps', () => {
    expect(issuesOf({ ...base, custom_data: { tags: Array.from({ length: 101 }, () => 'x') } })).not.toEqual([])
    expect(issuesOf({ ...base, user_data: { email: Array.from({ length: 11 }, () => 'a@b.co') } })).not.toEqual([])
  })

  it('takes a URL-safe token of at most 1024 characters', () => {
    expect(issuesOf({ ...base, token: 'pt1.eyJhIjoxfQ.c2ln-_' })).toEqual([])
    expect(issuesOf({ ...base, token: 'a'.repeat(1025) })).toHaveLength(1)
    expect(issuesOf({ ...base, token: 'has space' })).toEqual([{ path: 'token', message: 'token must be a token minted by relay.sign()' }])
    expect(issuesOf({ ...base, token: 42 })).toHaveLength(1)
  })
})

describe('TrackEventSchema hashed_user_data (hashInBrowser)', () => {
  const hex = (c: string) => c.repeat(64)

  it('accepts per-platform lowercase SHA-256 digests in the hashed keys', () => {
    const hashed = {
      meta: { em: [hex('a'), hex('b')], ph: [hex('c')], fn: [hex('d')], country: [hex('e')], external_id: [hex('f')] },
      ga4: { sha256_email_address: [hex('1')], sha256_phone_number: [hex('2')], address: [{ sha256_first_name: hex('3'), sha256_street: hex('4') }] },
      tiktok: { email: [hex('5')], phone: [hex('6')], first_name: hex('7'), zip_code: hex('8') },
    }
    expect(issuesOf({ ...base, user_data: { fbp: 'fb.1.1780000000000.1' }, hashed_user_data: hashed })).toEqual([])
    expect(issuesOf({ ...base, hashed_user_data: {} })).toEqual([])
  })

  it.each([
    ['a raw email', { meta: { em: ['ada@example.org'] } }, 'hashed_user_data.meta.em.0'],
    ['upper-case hex', { meta: { em: [hex('A')] } }, 'hashed_user_data.meta.em.0'],
    ['a 63-character digest', { tiktok: { first_name: 'a'.repeat(63) } }, 'hashed_user_data.tiktok.first_name'],
    ['a clear GA4 city (not a hash)', { ga4: { address: [{ city: 'london' }] } }, 'hashed_user_data.ga4.address.0'],
    ['a clear TikTok country', { tiktok: { country: 'gb' } }, 'hashed_user_data.tiktok'],
    ['an id in the hashed block', { meta: { fbp: [hex('a')] } }, 'hashed_user_data.meta'],
    ['an unknown platform', { pinterest: {} }, 'hashed_user_data'],
    ['four GA4 emails', { ga4: { sha256_email_address: [hex('1'), hex('2'), hex('3'), hex('4')] } }, 'hashed_user_data.ga4.sha256_email_address'],
    ['three GA4 addresses', { ga4: { address: [{}, {}, {}] } }, 'hashed_user_data.ga4.address'],
    ['an empty list', { meta: { ph: [] } }, 'hashed_user_data.meta.ph'],
    ['two Meta first names', { meta: { fn: [hex('a'), hex('b')] } }, 'hashed_user_data.meta.fn'],
  ])('refuses %s', (_case, hashed, path) => {
    expect(issuesOf({ ...base, hashed_user_data: hashed }).map((issue) => issue.path)).toContain(path)
  })

  it('takes a street in user_data, as text', () => {
    expect(issuesOf({ ...base, user_data: { street: '1 Hacker Way' } })).toEqual([])
    expect(issuesOf({ ...base, user_data: { street: ['1 Hacker Way'] } })).toHaveLength(1)
  })
})
