import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashUserData } from './hash-user-data.js'
import { parseHashedUserData } from './parse-hashed-user-data.js'

const sha256 = (input: string) => createHash('sha256').update(input, 'utf8').digest('hex')
const HASH = sha256('mary')

describe('parseHashedUserData', () => {
  it('accepts what hashUserData produces, as it is', () => {
    const hashed = hashUserData(
      { email: ['a@example.com', 'b.c@gmail.com'], phone: '+1 202 555 1234', first_name: 'Mary', city: 'Menlo Park', zip: '94025', country: 'US', fbp: 'fb.1.1780000000000.1' },
      { sha256 },
    )
    const parsed = parseHashedUserData(JSON.parse(JSON.stringify(hashed)))
    expect(parsed).toEqual({ ok: true, value: hashed })
  })

  it('accepts an empty object as user data with nothing in it', () => {
    expect(parseHashedUserData({})).toEqual({ ok: true, value: { meta: {}, ga4: {}, tiktok: {}, ids: {} } })
  })

  it('copies the accepted data, so that later changes to the input do not reach it', () => {
    const input = { meta: { em: [HASH] } }
    const parsed = parseHashedUserData(input)
    input.meta.em.push('changed')
    expect(parsed.ok && parsed.value.meta.em).toEqual([HASH])
  })

  it.each([
    ['a clear email where Meta wants a hash', { meta: { em: ['mary@example.com'] } }, 'meta.em[0]'],
    ['an upper-case digest', { meta: { fn: [HASH.toUpperCase()] } }, 'meta.fn[0]'],
    ['a single string where a list is expected', { meta: { em: HASH } }, 'meta.em'],
    ['an empty list', { tiktok: { email: [] } }, 'tiktok.email'],
    ['a clear name in a TikTok hashed slot', { tiktok: { first_name: 'mary' } }, 'tiktok.first_name'],
    ['more than 3 GA4 emails', { ga4: { sha256_email_address: [HASH, HASH, HASH, HASH] } }, 'ga4.sha256_email_address'],
    ['more than 2 GA4 addresses', { ga4: { address: [{}, {}, {}] } }, 'ga4.address'],
    ['a clear GA4 first name', { ga4: { address: [{ sha256_first_name: 'mary' }] } }, 'ga4.address[0].sha256_first_name'],
    ['an empty clear city', { tiktok: { city: ' ' } }, 'tiktok.city'],
    ['an unknown key', { meta: { email: [HASH] } }, 'meta.email'],
    ['an unknown section', { raw: {} }, 'raw'],
    ['a non-string id', { ids: { fbp: 12 } }, 'ids.fbp'],
    ['a section that is not an object', { ga4: [] }, 'ga4'],
  ])('refuses %s', (_why, input, path) => {
    const parsed = parseHashedUserData(input)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error.path).toBe(path)
  })

  it('refuses a value that is not an object', () => {
    expect(parseHashedUserData('user@example.com')).toEqual({ ok: false, error: { path: '', problem: 'must be an object' } })
  })
})
