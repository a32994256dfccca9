import { describe, expect, it } from 'vitest'
import { DEFAULT_BOT_USER_AGENTS } from '../pipeline/bot-filter.js'
import { relayConfigFromEnv } from './from-env.js'
import { parseRelayConfig, RelayConfigError } from './relay-config.schema.js'

const meta = { pixelId: '1234567890', accessToken: 'token' }
const SECRET = 'x'.repeat(32)

const messageOf = (input: unknown): string => {
  try {
    parseRelayConfig(input)
  } catch (error) {
    expect(error).toBeInstanceOf(RelayConfigError)
    return (error as Error).message
  }
  throw new Error('expected the config to be refused')
}

describe('public-ingest options', () => {
  it('fills in safe defaults', () => {
    const config = parseRelayConfig({ meta })
    expect(config.allowedEvents).toContain('PageView')
    expect(config.allowedEvents).toContain('Purchase')
    expect(config).toMatchObject({
      eventPolicies: {},
      previousSigningSecrets: [],
      rateLimit: { windowMs: 60_000, max: 300 },
      botFilter: { block: DEFAULT_BOT_USER_AGENTS, allow: [] },
      metricsRoute: false,
    })
    expect(config.signingSecret).toBeUndefined()
    expect(config.allowedOrigins).toBeUndefined()
  })

  it('takes each option, filling the defaults of a partial object', () => {
    const config = parseRelayConfig({
      meta,
      signingSecret: SECRET,
      eventPolicies: { Donate: 'signed', Purchase: 'server-only' },
      allowedOrigins: ['https://shop.example', 'http://localhost:3000'],
      rateLimit: { max: 10 },
      botFilter: { allow: ['HeadlessChrome'] },
    })
    expect(config).toMatchObject({ rateLimit: { windowMs: 60_000, max: 10 }, botFilter: { block: DEFAULT_BOT_USER_AGENTS, allow: ['HeadlessChrome'] } })
    expect(parseRelayConfig({ meta, rateLimit: false, botFilter: false, allowedOrigins: '*' })).toMatchObject({ rateLimit: false, botFilter: false, allowedOrigins: '*' })
  })

  it('names the wrong field', () => {
    expect(messageOf({ meta, signingSecret: 'short' })).toMatch(/signingSecret: signingSecret must be at least 32 characters/)
    expect(messageOf({ meta, eventPolicies: { Purchase: 'closed' } })).toMatch(/eventPolicies\.Purchase/)
    expect(messageOf({ meta, allowedEvents: ['9lives'] })).toMatch(/allowedEvents\.0/)
    expect(messageOf({ meta, allowedOrigins: ['https://shop.example/'] })).toMatch(/allowedOrigins/)
    expect(messageOf({ meta, allowedOrigins: ['shop.example'] })).toMatch(/allowedOrigins/)
    expect(messageOf({ meta, rateLimit: { max: 0 } })).toMatch(/rateLimit/)
    expect(messageOf({ meta, botFilter: { deny: [] } })).toMatch(/botFilter/)
  })

  it('never puts a secret in its message', () => {
    expect(messageOf({ meta, signingSecret: 'SHORT_SECRET_c4n4ry' })).not.toContain('SHORT_SECRET_c4n4ry')
    expect(messageOf({ meta, previousSigningSecrets: ['OLD_SECRET_c4n4ry'] })).not.toContain('OLD_SECRET_c4n4ry')
  })
})

describe('public-ingest options from the environment', () => {
  it('reads each variable', () => {
    const config = relayConfigFromEnv({
      PAIRTRACK_META_PIXEL_ID: '123',
      PAIRTRACK_META_ACCESS_TOKEN: 'm',
      PAIRTRACK_SIGNING_SECRET: SECRET,
      PAIRTRACK_PREVIOUS_SIGNING_SECRETS: `${'y'.repeat(32)}, ${'z'.repeat(32)}`,
      PAIRTRACK_ALLOWED_EVENTS: 'PageView, Purchase',
      PAIRTRACK_EVENT_POLICIES: 'Purchase=server-only, Donate=signed',
      PAIRTRACK_ALLOWED_ORIGINS: 'https://shop.example,https://www.shop.example',
      PAIRTRACK_RATE_LIMIT_MAX: '50',
      PAIRTRACK_BOT_FILTER_ALLOW: 'HeadlessChrome',
      PAIRTRACK_METRICS_ROUTE: 'true',
    })
    expect(config).toMatchObject({
      signingSecret: SECRET,
      previousSigningSecrets: ['y'.repeat(32), 'z'.repeat(32)],
      allowedEvents: ['PageView', 'Purchase'],
      eventPolicies: { Purchase: 'server-only', Donate: 'signed' },
      allowedOrigins: ['https://shop.example', 'https://www.shop.example'],
      rateLimit: { max: 50 },
      botFilter: { allow: ['HeadlessChrome'] },
      metricsRoute: true,
    })
    expect(parseRelayConfig(config).rateLimit).toEqual({ windowMs: 60_000, max: 50 })
  })

  it('turns the rate limit and the bot filter off, and opens origins', () => {
    expect(relayConfigFromEnv({ PAIRTRACK_RATE_LIMIT: 'off', PAIRTRACK_BOT_FILTER: 'off', PAIRTRACK_ALLOWED_ORIGINS: '*' })).toEqual({
      rateLimit: false,
      botFilter: false,
      allowedOrigins: '*',
    })
  })

  it('adds nothing when no variable is set', () => {
    expect(relayConfigFromEnv({})).toEqual({})
  })

  it('refuses a malformed variable, naming it', () => {
    expect(() => relayConfigFromEnv({ PAIRTRACK_EVENT_POLICIES: 'Purchase:signed' })).toThrow(/PAIRTRACK_EVENT_POLICIES/)
    expect(() => relayConfigFromEnv({ PAIRTRACK_RATE_LIMIT_MAX: 'lots' })).toThrow(/PAIRTRACK_RATE_LIMIT_MAX/)
    expect(() => relayConfigFromEnv({ PAIRTRACK_METRICS_ROUTE: 'maybe' })).toThrow(/PAIRTRACK_METRICS_ROUTE/)
  })
})
