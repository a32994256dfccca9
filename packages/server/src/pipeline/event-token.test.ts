import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { matchesClaims, signEventToken, verifyEventToken } from './event-token.js'

const SECRET = 'a-test-signing-secret-of-32-chars!!'
const OTHER = 'another-signing-secret-of-32-chars!'
const NOW = Date.UTC(2026, 0, 1)
const purchase = { eventId: 'ord-1', eventName: 'Purchase', value: 24.5, currency: 'eur' }

describe('signEventToken', () => {
  it('writes pt1.<claims>.<43-character signature>, URL-safe and without padding', () => {
    const token = signEventToken(purchase, SECRET, NOW)
    expect(token).toMatch(/^pt1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    const [, claims, signature] = token.split('.')
    expect(JSON.parse(Buffer.from(claims!, 'base64url').toString())).toEqual(['Purchase', 'ord-1', 24.5, 'EUR', NOW / 1000 + 86_400])
    expect(signature).toBe(createHmac('sha256', SECRET).update(`pt1.${claims}`).digest('base64url'))
  })

  it('stays compact for a UUID event id', () => {
    const token = signEventToken({ ...purchase, eventId: '6b3c9a1e-2f4d-4b8a-9c1e-0123456789ab' }, SECRET, NOW)
    expect(token.length).toBeLessThan(200)
  })

  it.each([
    [{ ...purchase, eventId: '' }, /eventId/],
    [{ ...purchase, value: Number.NaN }, /value/],
    [{ ...purchase, value: -1 }, /value/],
    [{ ...purchase, currency: 'euro' }, /currency/],
    [{ ...purchase, ttl: 0 }, /ttl/],
    [{ ...purchase, ttl: 8 * 86_400 }, /ttl/],
    [{ ...purchase, ttl: 1.5 }, /ttl/],
  ])('throws on input no event could match: %o', (input, message) => {
    expect(() => signEventToken(input, SECRET, NOW)).toThrow(message)
  })
})

describe('verifyEventToken', () => {
  const token = signEventToken({ ...purchase, ttl: 600 }, SECRET, NOW)

  it('returns the claims of a token it signed', () => {
    expect(verifyEventToken(token, [SECRET], NOW + 1000)).toEqual({
      ok: true,
      value: { eventName: 'Purchase', eventId: 'ord-1', value: 24.5, currency: 'EUR', expiresAt: NOW / 1000 + 600 },
    })
  })

  it('verifies with a secret being rotated out, and not with an unknown one', () => {
    expect(verifyEventToken(token, [OTHER, SECRET], NOW).ok).toBe(true)
    expect(verifyEventToken(token, [OTHER], NOW)).toEqual({ ok: false, error: 'token_invalid' })
    expect(verifyEventToken(token, [], NOW)).toEqual({ ok: false, error: 'token_invalid' })
  })

  it('refuses a token once its ttl is up', () => {
    expect(verifyEventToken(token, [SECRET], NOW + 599_000).ok).toBe(true)
    expect(verifyEventToken(token, [SECRET], NOW + 600_000)).toEqual({ ok: false, error: 'token_expired' })
  })

  it('refuses claims changed after signing (a higher value), even re-encoded', () => {
    const [, claims, signature] = token.split('.')
    const raised = JSON.parse(Buffer.from(claims!, 'base64url').toString()) as unknown[]
    raised[2] = 10_000
    const forged = `pt1.${Buffer.from(JSON.stringify(raised)).toString('base64url')}.${signature}`
    expect(verifyEventToken(forged, [SECRET], NOW)).toEqual({ ok: false, error: 'token_invalid' })
  })

  it('refuses an expiry pushed back by the holder', () => {
    const [, claims, signature] = token.split('.')
    const later = JSON.parse(Buffer.from(claims!, 'base64url').toString()) as unknown[]
    later[4] = 9_999_999_999
    expect(verifyEventToken(`pt1.${Buffer.from(JSON.stringify(later)).toString('base64url')}.${signature}`, [SECRET], NOW).ok).toBe(false)
  })

  it.each(['', 'pt1', 'pt1..', 'pt2.abc.' + 'A'.repeat(43), `${token}x`, token.slice(0, -1), token.replace('pt1.', 'pt1..'), 'pt1.e30.' + 'A'.repeat(43)])(
    'refuses a malformed token %#',
    (bad) => {
      expect(verifyEventToken(bad, [SECRET], NOW)).toEqual({ ok: false, error: 'token_invalid' })
    },
  )

  it('refuses a correctly signed payload that is not the claims shape', () => {
    const claims = Buffer.from(JSON.stringify({ eventName: 'Purchase' })).toString('base64url')
    const signature = createHmac('sha256', SECRET).update(`pt1.${claims}`).digest('base64url')
    expect(verifyEventToken(`pt1.${claims}.${signature}`, [SECRET], NOW)).toEqual({ ok: false, error: 'token_invalid' })
  })
})

describe('matchesClaims', () => {
  const claims = { eventName: 'Purchase', eventId: 'ord-1', value: 24.5, currency: 'EUR', expiresAt: 0 }
  const event = { eventName: 'Purchase', eventId: 'ord-1', value: 24.5, currency: 'EUR' }

  it('matches the event it was minted for, whatever the currency case', () => {
    expect(matchesClaims(claims, event)).toBe(true)
    expect(matchesClaims(claims, { ...event, currency: 'eur' })).toBe(true)
  })

  it.each([
    ['another id', { ...event, eventId: 'ord-2' }],
    ['another name', { ...event, eventName: 'Subscribe' }],
    ['another value', { ...event, value: 10_000 }],
    ['no value', { ...event, value: undefined }],
    ['another currency', { ...event, currency: 'USD' }],
    ['no currency', { ...event, currency: undefined }],
  ])('does not match %s', (_case, subject) => {
    expect(matchesClaims(claims, subject)).toBe(false)
  })

  it('does not let a value be added to a token minted without one', () => {
    expect(matchesClaims({ ...claims, value: null, currency: null }, { eventName: 'Purchase', eventId: 'ord-1', value: 1 })).toBe(false)
    expect(matchesClaims({ ...claims, value: null, currency: null }, { eventName: 'Purchase', eventId: 'ord-1' })).toBe(true)
  })
})
