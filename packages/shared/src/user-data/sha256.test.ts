import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { REFERENCE_VECTORS } from './fixtures/reference-vectors.js'
import { webCryptoSha256, type Sha256Async } from './sha256.js'

// One suite for every SHA-256 implementation (STYLE.md habit 8): the relay's node:crypto and the
// browser's WebCrypto must give the same lowercase hex for the same UTF-8 string.
const implementations: Array<[string, Sha256Async]> = [
  ['node:crypto', async (input) => createHash('sha256').update(input, 'utf8').digest('hex')],
  ['WebCrypto', webCryptoSha256],
]

describe.each(implementations)('%s SHA-256', (_name, sha256) => {
  it.each(REFERENCE_VECTORS.map((v) => [v.n, v.normalized, v.sha256] as const))(
    'hashes platforms.md vector %i (%s) to the published digest',
    async (_n, normalized, digest) => {
      expect(await sha256(normalized)).toBe(digest)
    },
  )

  it('hashes UTF-8 bytes, not UTF-16 code units', async () => {
    // `정` is EC A0 95 in UTF-8 (platforms.md 10, vector 4).
    expect(await sha256('\uc815')).toBe('8fa8cd9c440be61d0151429310034083132b35975c4bea67fdd74158eb51db14')
  })

  it('returns 64 lowercase hex characters', async () => {
    expect(await sha256('Mixed CASE')).toMatch(/^[a-f0-9]{64}$/)
  })
})
