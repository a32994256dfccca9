import { describe, expect, it } from 'vitest'
import { isAllowedOrigin } from './origin-check.js'

describe('isAllowedOrigin', () => {
  it.each([
    ['the same host and port', 'https://shop.example', 'shop.example', true],
    ['the same host with an explicit port', 'http://127.0.0.1:3000', '127.0.0.1:3000', true],
    ['the default port written out', 'https://shop.example', 'shop.example:443', true],
    ['another port', 'http://127.0.0.1:3001', '127.0.0.1:3000', false],
    ['another host', 'https://evil.example', 'shop.example', false],
    ['a subdomain', 'https://www.shop.example', 'shop.example', false],
    ['a look-alike suffix', 'https://shop.example.evil.example', 'shop.example', false],
    ['no origin at all', undefined, 'shop.example', false],
    ['no Host header', 'https://shop.example', undefined, false],
  ])('by default (the relay’s own host), %s: %s', (_case, origin, host, expected) => {
    expect(isAllowedOrigin(origin, undefined, host)).toBe(expected)
  })

  it('takes exactly the listed origins, scheme and port included', () => {
    const allowed = ['https://shop.example', 'https://www.shop.example']
    expect(isAllowedOrigin('https://www.shop.example', allowed, 'relay.example')).toBe(true)
    expect(isAllowedOrigin('http://shop.example', allowed, 'relay.example')).toBe(false)
    expect(isAllowedOrigin('https://shop.example:8443', allowed, 'relay.example')).toBe(false)
    expect(isAllowedOrigin(undefined, allowed, 'relay.example')).toBe(false)
  })

  it("takes anything, even no origin, with '*'", () => {
    expect(isAllowedOrigin(undefined, '*', undefined)).toBe(true)
    expect(isAllowedOrigin('https://anyone.example', '*', 'shop.example')).toBe(true)
  })
})
