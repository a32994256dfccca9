import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { OutboxEvent } from '../../outbox/outbox-event.js'
import { GOLDEN_NOW, readGoldenEvents, runGoldenFixtures } from '../golden.js'
import { toGa4ClientId } from './client-id.js'
import { ga4 } from './index.js'

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url))
const fixtureConfig: unknown = JSON.parse(readFileSync(`${dir}config.json`, 'utf8'))
const config = ga4.configSchema.parse(fixtureConfig)
const [purchase] = readGoldenEvents(dir, 'purchase')
const [serverOnly] = readGoldenEvents(dir, 'server-only')
if (purchase === undefined || serverOnly === undefined) throw new Error('fixtures purchase/server-only are empty')

runGoldenFixtures(ga4, config, dir)

const issuesOf = (input: unknown) => {
  const result = ga4.configSchema.safeParse(input)
  return result.success ? [] : result.error.issues
}
const bodyOf = (events: OutboxEvent[]) => JSON.parse(ga4.toRequest(events, config, GOLDEN_NOW).body) as Record<string, unknown>

describe('ga4 config', () => {
  it('fills the global collection host by default', () => {
    expect(config).toEqual({ measurementId: 'G-TEST123', apiSecret: 'TEST_SECRET', endpoint: 'https://www.google-analytics.com' })
  })

  it.each([
    ['measurementId', { apiSecret: 's' }],
    ['measurementId', { measurementId: 'UA-1234-1', apiSecret: 's' }],
    ['apiSecret', { measurementId: 'G-ABC' }],
    ['apiSecret', { measurementId: 'G-ABC', apiSecret: '' }],
    ['endpoint', { measurementId: 'G-ABC', apiSecret: 's', endpoint: 'ftp://example.com' }],
  ])('names %s in the error when it is missing or invalid', (field, input) => {
    const [issue] = issuesOf(input)
    expect(issue?.path).toEqual([field])
    expect(issue?.message).toContain(field)
  })

  it('refuses an unknown option by name', () => {
    expect(issuesOf({ measurementId: 'G-ABC', apiSecret: 's', apiSecrets: 's' })[0]?.message).toContain('apiSecrets')
  })
})

describe('ga4 destination', () => {
  it('is an analytics destination of up to 25 events no older than 72 hours', () => {
    expect(ga4).toMatchObject({ id: 'ga4', purpose: 'analytics', maxBatch: 25, maxEventAgeMs: 72 * 3600 * 1000 })
  })

  it('gives the browser the measurement id and never the api secret', () => {
    expect(ga4.publicConfig(config)).toEqual({ measurementId: 'G-TEST123' })
  })

  it('sends the api secret only in the query string and lists it as a secret', () => {
    const spec = ga4.toRequest([purchase], config, GOLDEN_NOW)
    const url = new URL(spec.url)
    expect(url.searchParams.get('api_secret')).toBe('TEST_SECRET')
    expect(url.searchParams.get('measurement_id')).toBe('G-TEST123')
    expect(spec.body).not.toContain('TEST_SECRET')
    expect(spec.secrets).toEqual(['TEST_SECRET'])
  })

  it('lists the URL-encoded form of an api secret that needs encoding', () => {
    const spec = ga4.toRequest([purchase], { ...config, apiSecret: 'a b&c' }, GOLDEN_NOW)
    expect(new URL(spec.url).searchParams.get('api_secret')).toBe('a b&c')
    expect(spec.secrets).toEqual(['a b&c', 'a+b%26c'])
  })

  it('keys batches by the client id first', () => {
    expect(ga4.batchKey?.(purchase).startsWith('1197596843.1773515099 ')).toBe(true)
  })

  it('puts events with different consent in different batches', () => {
    const denied: OutboxEvent = { ...purchase, consent: { ...purchase.consent, ad_user_data: 'denied' } }
    expect(ga4.batchKey?.(denied)).not.toBe(ga4.batchKey?.(purchase))
    expect(ga4.batchKey?.({ ...purchase, eventId: 'other', customData: {} })).toBe(ga4.batchKey?.(purchase))
  })

  it('derives the same valid client id for the same server-only event, and another for another event', () => {
    const id = toGa4ClientId(serverOnly)
    expect(id).toMatch(/^[1-9]\d*\.\d+$/)
    expect(toGa4ClientId({ ...serverOnly })).toBe(id)
    expect(toGa4ClientId({ ...serverOnly, eventId: 'order-A-2002' })).not.toBe(id)
  })

  it('sends timestamp_micros as the event time in microseconds on the request and on each event', () => {
    const body = bodyOf([purchase])
    expect(body.timestamp_micros).toBe(purchase.eventTime * 1_000_000)
    expect(body.events).toMatchObject([{ timestamp_micros: purchase.eventTime * 1_000_000 }])
  })

  it('sends no user data when ad_user_data is denied, but still sends the event marked DENIED', () => {
    const granted = bodyOf([purchase])
    expect(granted).toHaveProperty('user_data')
    const body = bodyOf([{ ...purchase, consent: { ...purchase.consent, ad_user_data: 'denied' } }])
    expect(body).not.toHaveProperty('user_data')
    expect(body.consent).toMatchObject({ ad_user_data: 'DENIED' })
    expect(body.events).toHaveLength(1)
  })

  it('leaves consent out when the event states neither ad signal', () => {
    const body = bodyOf([{ ...purchase, consent: { analytics_storage: 'granted' } }])
    expect(body).not.toHaveProperty('consent')
  })

  it('carries the order id as transaction_id, the value the gtag purchase sends', () => {
    expect(bodyOf([purchase]).events).toMatchObject([{ name: 'purchase', params: { transaction_id: 'A-1001' } }])
  })
})
