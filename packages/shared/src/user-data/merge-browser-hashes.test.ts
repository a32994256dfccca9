import { createHash } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { hashUserData } from './hash-user-data.js'
import { mergeBrowserHashes } from './merge-browser-hashes.js'

const sha256 = (input: string) => createHash('sha256').update(input, 'utf8').digest('hex')
const hex = (c: string) => c.repeat(64)

describe('mergeBrowserHashes', () => {
  it('takes the page hashes as they are and keeps the never-hashed ids', () => {
    const spy = vi.fn(sha256)
    const relay = hashUserData({ fbp: 'fb.1.1780000000000.1', client_ip_address: '203.0.113.7' }, { sha256: spy })
    const merged = mergeBrowserHashes(relay, {
      meta: { em: [hex('a')], ph: [hex('b')] },
      ga4: { sha256_email_address: [hex('c')], address: [{ sha256_street: hex('d') }] },
      tiktok: { email: [hex('a')], first_name: hex('e') },
    })
    expect(spy).not.toHaveBeenCalled()
    expect(merged).toEqual({
      meta: { em: [hex('a')], ph: [hex('b')] },
      ga4: { sha256_email_address: [hex('c')], address: [{ sha256_street: hex('d') }] },
      tiktok: { email: [hex('a')], first_name: hex('e') },
      ids: { fbp: 'fb.1.1780000000000.1', client_ip_address: '203.0.113.7' },
    })
  })

  it('lets a page hash replace the relay slot it covers, and keeps the slots it does not', () => {
    const relay = hashUserData({ email: 'server@example.org', city: 'Menlo Park', zip: '94025', country: 'US' }, { sha256 })
    const merged = mergeBrowserHashes(relay, { meta: { em: [hex('a')] }, ga4: { address: [{ sha256_first_name: hex('b') }] } })
    expect(merged.meta.em).toEqual([hex('a')])
    expect(merged.meta.ct).toEqual([sha256('menlopark')])
    expect(merged.tiktok.email).toEqual([sha256('server@example.org')])
    // GA4's address merges entry by entry: the relay's clear city and postal code stay beside the page's name hash.
    expect(merged.ga4.address).toEqual([{ city: 'menlo park', postal_code: '94025', country: 'us', sha256_first_name: hex('b') }])
  })

  it('changes nothing when the page sent an empty block', () => {
    const relay = hashUserData({ email: 'a@example.org' }, { sha256 })
    expect(mergeBrowserHashes(relay, {})).toEqual(relay)
  })
})
