import { describe, expect, it } from 'vitest'
import { parseDuration, parseSince } from './parse-duration.js'

describe('parseDuration', () => {
  it.each([
    ['30d', 30 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['90m', 90 * 60_000],
    ['45s', 45_000],
    ['2w', 14 * 86_400_000],
    ['500ms', 500],
    ['0d', 0],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: ms })
  })

  it.each(['30', 'd', '1.5d', '-1d', '30 days', '30D', ''])('refuses %j with a hint', (text) => {
    expect(parseDuration(text)).toEqual({ ok: false, error: expect.stringMatching(/e\.g\. 30d/) })
  })
})

describe('parseSince', () => {
  const now = Date.parse('2025-06-02T00:00:00Z')

  it('reads a duration back from now, an ISO date and an ISO date-time', () => {
    expect(parseSince('24h', now)).toEqual({ ok: true, value: Date.parse('2025-06-01T00:00:00Z') })
    expect(parseSince('2025-05-01', now)).toEqual({ ok: true, value: Date.parse('2025-05-01T00:00:00Z') })
    expect(parseSince('2025-05-01T10:30:00+02:00', now)).toEqual({ ok: true, value: Date.parse('2025-05-01T08:30:00Z') })
  })

  it.each(['yesterday', '2025-13-45', '1717200000'])('refuses %j', (text) => {
    expect(parseSince(text, now).ok).toBe(false)
  })
})
