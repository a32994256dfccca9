import { describe, expect, it } from 'vitest'
import { isClickIdValue } from './click-id-value.js'
import { isFbc, toFbc } from './fbc.js'
import { isFbp, newFbp } from './fbp.js'
import { newGaCookie, toGaClientId } from './ga-client-id.js'
import { toGaSessionId } from './ga-session-id.js'
import { toGclid } from './gclid.js'
import { toTiktokId } from './tiktok.js'

describe('isClickIdValue', () => {
  it.each([
    ['IwAR2i2gk7IDUbQ3vjz_1M-5MYhQPWPP7a-o-6JlXGGDQ-4M6fFjKjGkD8MaY', true],
    ['a.b~c!*()$', true],
    ['', false],
    ['has space', false],
    ['semi;colon', false],
    ['com,ma', false],
    ['quo"te', false],
    ['back\\slash', false],
    ['tab\there', false],
    ['émoji', false],
    ['x'.repeat(1000), true],
    ['x'.repeat(1001), false],
  ])('%j → %s', (value, expected) => {
    expect(isClickIdValue(value)).toBe(expected)
  })

  it('rejects non-strings', () => {
    expect(isClickIdValue(42)).toBe(false)
    expect(isClickIdValue(undefined)).toBe(false)
  })
})

describe('toFbc', () => {
  it.each([
    ['IwAR2i2gk7', 1700000000000, undefined, 'fb.1.1700000000000.IwAR2i2gk7'],
    // fbclid is case-sensitive and kept as it came, odd characters included (platforms.md 1.7)
    ['AbC-_.~!x', 1700000000123, undefined, 'fb.1.1700000000123.AbC-_.~!x'],
    ['IwAR', 1700000000000.9, 2, 'fb.2.1700000000000.IwAR'],
    ['', 1700000000000, undefined, undefined],
    ['has space', 1700000000000, undefined, undefined],
    ['a;b', 1700000000000, undefined, undefined],
    [null, 1700000000000, undefined, undefined],
  ] as const)('fbclid %j at %d → %j', (fbclid, ms, index, expected) => {
    expect(toFbc(fbclid, ms, index)).toBe(expected)
  })
})

describe('isFbc', () => {
  it.each([
    ['fb.1.1700000000000.IwAR2i2gk7', true],
    ['fb.1.1700000000000.IwAR2i2gk7.AQQCAQIB', true], // parameter builder appendix (platforms.md 11.3)
    ['fb.2.1750842798656.Ab-_', true],
    ['fb.1.1700000000.IwAR2i2gk7', false], // seconds instead of milliseconds
    ['fb.1.1700000000000.', false],
    ['fb.1.1700000000000', false],
    ['fbc.1.1700000000000.x', false],
    ['fb.1.1700000000000.a b', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isFbc(value)).toBe(expected)
  })
})

describe('isFbp', () => {
  it.each([
    ['fb.1.1596403881668.1116446470', true],
    ['fb.2.1750842798656.75452712527328085', true], // 17-digit random part (platforms.md 11.4)
    ['fb.1.1596403881668.1116446470.AQQCAQIB', true],
    ['fb.1.1596403881668.abc', false],
    ['fb.1.159640388.1116446470', false],
    ['fb.1.1596403881668', false],
    ['GA1.1.1.1', false],
    [undefined, false],
  ])('%j → %s', (value, expected) => {
    expect(isFbp(value)).toBe(expected)
  })
})

describe('newFbp', () => {
  it.each([
    [1700000000123, 0, 'fb.1.1700000000123.0'],
    [1700000000123.7, 0.5, 'fb.1.1700000000123.1073741824'],
    [1700000000123, 0.9999999999, 'fb.1.1700000000123.2147483647'],
  ])('at %d with random %d → %j, which isFbp accepts', (ms, random, expected) => {
    expect(newFbp(ms, () => random)).toBe(expected)
    expect(isFbp(expected)).toBe(true)
  })

  it('uses Math.random by default', () => {
    expect(isFbp(newFbp(Date.now()))).toBe(true)
  })
})

describe('newGaCookie', () => {
  it.each([
    [1700000000999, 0, 'GA1.1.100000000.1700000000'],
    [1700000000000, 0.5, 'GA1.1.1100000000.1700000000'],
    [1700000000000, 0.9999999999, 'GA1.1.2099999999.1700000000'],
  ])('at %d with random %d → %j, whose client id toGaClientId reads', (ms, random, expected) => {
    expect(newGaCookie(ms, () => random)).toBe(expected)
    expect(toGaClientId(expected)).toBe(expected.slice(6))
  })
})

describe('toGaClientId', () => {
  it.each([
    ['GA1.1.1197596843.1673515099', '1197596843.1673515099'],
    ['GA1.2.1197596843.1673515099', '1197596843.1673515099'],
    ['GA1.3-2.123.456', '123.456'],
    ['GA1.1.1197596843', undefined],
    ['GA1.1.abc.1673515099', undefined],
    ['GA1.1.1197596843.1673515099.extra', undefined],
    ['1197596843.1673515099', undefined],
    ['GS2.1.s1746000000$o1', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    expect(toGaClientId(value)).toBe(expected)
  })
})

describe('toGaSessionId', () => {
  it.each([
    ['GS1.1.1673515099.3.1.1673515200.0.0.0', '1673515099'],
    ['GS1.1.1673515099', '1673515099'],
    ['GS2.1.s1746000000$o3$g1$t1746000100$j60$l0$h0', '1746000000'],
    ['GS2.1.s1746000000$o3$g1$t1746000100$j60$l0$h0$dAbC', '1746000000'],
    ['GS2.1.s1746000000', '1746000000'],
    ['GS2.1.1746000000$o3', undefined], // GS2 without the "s" prefix
    ['GS1.1.s1746000000.1', undefined],
    ['GS1.1.17460x0000.1', undefined],
    ['GA1.1.1197596843.1673515099', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (value, expected) => {
    expect(toGaSessionId(value)).toBe(expected)
  })
})

describe('toTiktokId', () => {
  it.each([
    ['E.C.P.CrA1b2C3-_', 'E.C.P.CrA1b2C3-_'],
    ['01HQ3YJ2K8ZP5M9X7W4V6T2R1Q', '01HQ3YJ2K8ZP5M9X7W4V6T2R1Q'],
    ['', undefined],
    ['a b', undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    expect(toTiktokId(value)).toBe(expected)
  })
})

describe('toGclid', () => {
  it.each([
    ['Cj0KCQjw-url', 'GCL.1700000000.Cj0KCQ-cookie', 'Cj0KCQjw-url'],
    [null, 'GCL.1700000000.Cj0KCQ-cookie', 'Cj0KCQ-cookie'],
    ['', 'GCL.1700000000.Cj0KCQ-cookie', 'Cj0KCQ-cookie'],
    ['bad value', 'GCL.1700000000.Cj0KCQ-cookie', 'Cj0KCQ-cookie'],
    [null, 'GCL.1700000000.', undefined],
    [null, 'GCL.notatime.Cj0KCQ', undefined],
    [null, 'Cj0KCQ', undefined],
    [null, undefined, undefined],
  ] as const)('url %j, cookie %j → %j', (url, cookie, expected) => {
    expect(toGclid(url, cookie)).toBe(expected)
  })
})
