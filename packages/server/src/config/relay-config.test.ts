import { describe, expect, it } from 'vitest'
import { relayConfigFromEnv } from './from-env.js'
import { parseRelayConfig, RelayConfigError } from './relay-config.schema.js'

const meta = { pixelId: '1234567890', accessToken: 'token' }

const messageOf = (input: unknown): string => {
  try {
    parseRelayConfig(input)
  } catch (error) {
    expect(error).toBeInstanceOf(RelayConfigError)
    return (error as Error).message
  }
  throw new Error('expected the config to be refused')
}

describe('parseRelayConfig', () => {
  it('fills in the defaults', () => {
    const config = parseRelayConfig({ meta })
    expect(config).toMatchObject({ store: 'sqlite:./pairtrack.db', defaultConsent: 'granted', recordSuppressed: 'hashed', lingerMs: 1000, logLevel: 'info' })
    expect(config.meta).toMatchObject({ pixelId: '1234567890', apiVersion: expect.stringMatching(/^v\d+\.\d+$/), endpoint: 'https://graph.facebook.com' })
  })

  it('names the wrong field', () => {
    expect(messageOf({ meta: { pixelId: 'abc', accessToken: 't' } })).toMatch(/meta\.pixelId: pixelId must be the numeric/)
    expect(messageOf({ ga4: { measurementId: 'G-ABC' } })).toMatch(/ga4\.apiSecret/)
    expect(messageOf({ meta, defaultConsent: 'maybe' })).toMatch(/defaultConsent/)
    expect(messageOf({ meta, defaultCountry: 'Britain' })).toMatch(/defaultCountry/)
    expect(messageOf({ meta, recordSuppressed: 'all' })).toMatch(/recordSuppressed must be hashed or none/)
    expect(messageOf({ meta, resolveConsent: 'cookie' })).toMatch(/resolveConsent must be a function/)
  })

  it('refuses a misspelt key', () => {
    expect(messageOf({ meta, stroe: 'sqlite:x.db' })).toMatch(/stroe/)
    expect(messageOf({ meta: { ...meta, testEventcode: 'TEST1' } })).toMatch(/testEventcode/)
  })

  it('keeps finished records 30 days unless told otherwise, and checks the advanced delivery options', () => {
    expect(parseRelayConfig({ meta }).retentionDays).toBe(30)
    expect(parseRelayConfig({ meta, retentionDays: 7, retry: { baseDelayMs: 50 } })).toMatchObject({ retentionDays: 7, retry: { baseDelayMs: 50 } })
    expect(messageOf({ meta, retentionDays: 0 })).toMatch(/retentionDays/)
    expect(messageOf({ meta, retry: { baseDelay: 5 } })).toMatch(/baseDelay/)
    expect(messageOf({ meta, leaseMs: 5000, deliveryTimeoutMs: 10_000 })).toMatch(/leaseMs: leaseMs must be longer than deliveryTimeoutMs/)
  })

  it('needs at least one destination', () => {
    expect(messageOf({})).toMatch(/at least one destination: meta, ga4, tiktok/)
  })

  it('never puts a token in its message', () => {
    expect(messageOf({ meta: { pixelId: 'x', accessToken: 'SECRET_TOKEN_123' } })).not.toContain('SECRET_TOKEN_123')
  })
})

describe('relayConfigFromEnv', () => {
  it('reads each configured platform and the relay options', () => {
    const config = relayConfigFromEnv({
      PAIRTRACK_META_PIXEL_ID: '123',
      PAIRTRACK_META_ACCESS_TOKEN: 'm',
      PAIRTRACK_META_TEST_EVENT_CODE: 'TEST123',
      PAIRTRACK_GA4_MEASUREMENT_ID: 'G-X1',
      PAIRTRACK_GA4_API_SECRET: 'g',
      PAIRTRACK_STORE: 'sqlite:/var/lib/pairtrack.db',
      PAIRTRACK_DEFAULT_COUNTRY: 'gb',
      PAIRTRACK_LINGER_MS: '250',
    })
    expect(config).toEqual({
      meta: { pixelId: '123', accessToken: 'm', testEventCode: 'TEST123' },
      ga4: { measurementId: 'G-X1', apiSecret: 'g' },
      store: 'sqlite:/var/lib/pairtrack.db',
      defaultCountry: 'gb',
      lingerMs: 250,
    })
    expect(parseRelayConfig(config).defaultCountry).toBe('GB')
  })

  it('leaves a platform off when its id variable is unset, and a half-configured one fails at parse', () => {
    expect(relayConfigFromEnv({ PAIRTRACK_TIKTOK_ACCESS_TOKEN: 't', PAIRTRACK_META_PIXEL_ID: '1' })).toEqual({ meta: { pixelId: '1' } })
    expect(messageOf(relayConfigFromEnv({ PAIRTRACK_META_PIXEL_ID: '1' }))).toMatch(/meta\.accessToken/)
  })

  it('reads what is kept of suppressed events', () => {
    expect(relayConfigFromEnv({ PAIRTRACK_RECORD_SUPPRESSED: 'none' })).toEqual({ recordSuppressed: 'none' })
  })

  it('reads the retention in days', () => {
    expect(relayConfigFromEnv({ PAIRTRACK_RETENTION_DAYS: '90' })).toEqual({ retentionDays: 90 })
  })

  it('refuses a number variable that is not a number, naming it', () => {
    expect(() => relayConfigFromEnv({ PAIRTRACK_LINGER_MS: 'soon' })).toThrow(/PAIRTRACK_LINGER_MS/)
  })
})
