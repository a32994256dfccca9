import type { ParsedTrackEvent } from '@pairtrack/shared'
import { describe, expect, it } from 'vitest'
import { createBeaconPolicy, DEFAULT_ALLOWED_EVENTS, type BeaconPolicyOptions } from './beacon-policy.js'
import { signEventToken } from './event-token.js'

const SECRET = 'a-test-signing-secret-of-32-chars!!'
const NOW = Date.UTC(2026, 0, 1)
const options: BeaconPolicyOptions = { allowedEvents: DEFAULT_ALLOWED_EVENTS, eventPolicies: {}, signingSecrets: [SECRET], now: () => NOW }

const event = (name: string, extra: Partial<ParsedTrackEvent> = {}): ParsedTrackEvent => ({ event_name: name, event_id: `${name}-1`, ...extra })
const purchase = (token?: string, value = 24): ParsedTrackEvent =>
  event('Purchase', { custom_data: { value, currency: 'EUR' }, ...(token !== undefined ? { token } : {}) })
const tokenFor = (input: { value?: number; ttl?: number; eventId?: string } = {}) =>
  signEventToken({ eventId: 'Purchase-1', eventName: 'Purchase', value: 24, currency: 'EUR', ...input }, SECRET, NOW)
const codeOf = (policyOptions: BeaconPolicyOptions, events: ParsedTrackEvent[]) => {
  const checked = createBeaconPolicy(policyOptions).check(events)
  return checked.ok ? 'ok' : checked.error.code
}

describe('createBeaconPolicy', () => {
  it('accepts standard events as they come, PageView included', () => {
    expect(codeOf(options, [event('PageView'), event('AddToCart', { custom_data: { value: 5 } }), event('Lead')])).toBe('ok')
  })

  it('refuses a custom name unless the site opts in, by allowedEvents or by giving it a policy', () => {
    expect(codeOf(options, [event('QuizDone')])).toBe('event_not_allowed')
    expect(codeOf({ ...options, allowedEvents: [...DEFAULT_ALLOWED_EVENTS, 'QuizDone'] }, [event('QuizDone')])).toBe('ok')
    expect(codeOf({ ...options, eventPolicies: { QuizDone: 'open' } }, [event('QuizDone')])).toBe('ok')
  })

  it('refuses a standard event the site left out of its own list', () => {
    expect(codeOf({ ...options, allowedEvents: ['PageView'] }, [event('Lead')])).toBe('event_not_allowed')
    // Purchase keeps its default `signed` policy, but that does not put it back on the list.
    expect(codeOf({ ...options, allowedEvents: ['PageView'] }, [purchase(tokenFor())])).toBe('event_not_allowed')
  })

  it('signs Purchase, Subscribe and StartTrial by default', () => {
    const policy = createBeaconPolicy(options)
    expect(['Purchase', 'Subscribe', 'StartTrial', 'Lead', 'QuizDone'].map(policy.policyOf)).toEqual(['signed', 'signed', 'signed', 'open', 'open'])
  })

  it.each([
    ['no token', purchase(), 'token_missing'],
    ['a forged token', purchase(tokenFor().slice(0, -2) + 'AA'), 'token_invalid'],
    ['a short-lived token still in time', purchase(tokenFor({ ttl: 60 })), 'ok'],
    ['a token for another value', purchase(tokenFor(), 10_000), 'token_mismatch'],
    ['a token for another event id', purchase(tokenFor({ eventId: 'Purchase-2' })), 'token_mismatch'],
    ['the token it was minted with', purchase(tokenFor()), 'ok'],
  ])('answers a Purchase with %s: %s', (_case, beacon, code) => {
    expect(codeOf(options, [beacon])).toBe(code)
  })

  it('refuses a token past its ttl', () => {
    const token = tokenFor({ ttl: 60 })
    expect(codeOf({ ...options, now: () => NOW + 60_000 }, [purchase(token)])).toBe('token_expired')
  })

  it('refuses every token when the relay has no secret, and says why', () => {
    const checked = createBeaconPolicy({ ...options, signingSecrets: [] }).check([purchase(tokenFor())])
    expect(checked).toMatchObject({ ok: false, error: { code: 'token_invalid', message: expect.stringMatching(/no signingSecret/) } })
  })

  it('refuses a server-only event from the browser even with a token', () => {
    const policyOptions = { ...options, eventPolicies: { Purchase: 'server-only' as const } }
    expect(codeOf(policyOptions, [purchase(tokenFor())])).toBe('server_only')
  })

  it('lets a site open a signed default', () => {
    expect(codeOf({ ...options, eventPolicies: { Purchase: 'open' } }, [purchase()])).toBe('ok')
  })

  it('refuses the whole beacon for one bad event, naming it by index', () => {
    const checked = createBeaconPolicy(options).check([event('PageView'), purchase()])
    expect(checked).toMatchObject({ ok: false, error: { code: 'token_missing', issues: [{ path: '1.token' }] } })
  })

  it('never echoes the token in its message', () => {
    const token = tokenFor()
    const checked = createBeaconPolicy(options).check([purchase(token, 99)])
    expect(JSON.stringify(checked)).not.toContain(token)
  })
})
