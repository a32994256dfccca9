import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { GOLDEN_NOW, readGoldenEvents, runGoldenFixtures } from '../golden.js'
import { META_API_VERSION } from './api-version.js'
import { meta } from './index.js'
import { TOKEN_RETRY_DELAY_MS } from './outcome.js'

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url))
const fixtureConfig: unknown = JSON.parse(readFileSync(`${dir}config.json`, 'utf8'))
const config = meta.configSchema.parse(fixtureConfig)
const [purchase] = readGoldenEvents(dir, 'purchase')
const batch = readGoldenEvents(dir, 'batch')
if (purchase === undefined) throw new Error('fixture purchase.event.json is empty')

runGoldenFixtures(meta, config, dir)

const issuesOf = (input: unknown) => {
  const result = meta.configSchema.safeParse(input)
  return result.success ? [] : result.error.issues
}

describe('meta config', () => {
  it('fills the pinned API version and the Graph host by default', () => {
    expect(config).toEqual({ pixelId: '1234567890', accessToken: 'TEST_TOKEN', apiVersion: META_API_VERSION, endpoint: 'https://graph.facebook.com' })
  })

  it.each([
    ['pixelId', { pixelId: 'px-1', accessToken: 't' }],
    ['pixelId', { accessToken: 't' }],
    ['accessToken', { pixelId: '1' }],
    ['accessToken', { pixelId: '1', accessToken: '' }],
    ['apiVersion', { pixelId: '1', accessToken: 't', apiVersion: '24.0' }],
    ['endpoint', { pixelId: '1', accessToken: 't', endpoint: 'graph.facebook.com' }],
    ['testEventCode', { pixelId: '1', accessToken: 't', testEventCode: 42 }],
  ])('names %s in the error when it is missing or invalid', (field, input) => {
    const [issue] = issuesOf(input)
    expect(issue?.path).toEqual([field])
    expect(issue?.message).toContain(field)
  })

  it('refuses a misspelt option by name', () => {
    const [issue] = issuesOf({ pixelId: '1', accessToken: 't', accesToken: 't' })
    expect(issue?.code).toBe('unrecognized_keys')
    expect(issue?.message).toContain('accesToken')
  })

  it('drops a trailing slash from the endpoint', () => {
    expect(meta.configSchema.parse({ pixelId: '1', accessToken: 't', endpoint: 'http://127.0.0.1:4000/' }).endpoint).toBe('http://127.0.0.1:4000')
  })
})

describe('meta destination', () => {
  it('is an ads destination of up to 1000 events no older than 7 days', () => {
    expect(meta).toMatchObject({ id: 'meta', purpose: 'ads', maxBatch: 1000, maxEventAgeMs: 7 * 24 * 3600 * 1000 })
    expect(meta.batchKey).toBeUndefined()
  })

  it('gives the browser the pixel id and never the token', () => {
    expect(meta.publicConfig(config)).toEqual({ pixelId: '1234567890' })
  })

  it('sends the token only in the query string and lists it as a secret', () => {
    const spec = meta.toRequest([purchase], config, GOLDEN_NOW)
    expect(new URL(spec.url).searchParams.get('access_token')).toBe('TEST_TOKEN')
    expect(spec.body).not.toContain('TEST_TOKEN')
    expect(JSON.stringify(spec.headers)).not.toContain('TEST_TOKEN')
    expect(spec.secrets).toEqual(['TEST_TOKEN'])
  })

  it('URL-encodes a token and lists both of its forms as secrets', () => {
    const spec = meta.toRequest([purchase], { ...config, accessToken: 'a+b/c=' }, GOLDEN_NOW)
    expect(new URL(spec.url).searchParams.get('access_token')).toBe('a+b/c=')
    expect(spec.secrets).toEqual(['a+b/c=', 'a%2Bb%2Fc%3D'])
  })

  it('adds test_event_code when configured', () => {
    const spec = meta.toRequest([purchase], { ...config, testEventCode: 'TEST4242' }, GOLDEN_NOW)
    expect(JSON.parse(spec.body)).toMatchObject({ test_event_code: 'TEST4242' })
  })

  it('builds the same request at any clock time (time comes from the events)', () => {
    const later = new Date(GOLDEN_NOW.getTime() + 3_600_000)
    expect(meta.toRequest(batch, config, later)).toEqual(meta.toRequest(batch, config, GOLDEN_NOW))
  })

  it('retries a token error after the token delay so a rotated token recovers the queue', () => {
    const body = JSON.stringify({ error: { message: 'Invalid OAuth access token', code: 190, fbtrace_id: 'x' } })
    const [outcome] = meta.classify({ kind: 'response', status: 401, headers: {}, body }, [purchase])
    expect(outcome).toMatchObject({ kind: 'retry', retryAfterMs: TOKEN_RETRY_DELAY_MS })
  })

  it('kills every event when the named index is outside the batch', () => {
    const body = JSON.stringify({ error: { message: "The parameter $['data'][7]['event_time'] is required.", code: 100 } })
    const outcomes = meta.classify({ kind: 'response', status: 400, headers: {}, body }, batch)
    expect(outcomes.map((o) => o.kind)).toEqual(['dead', 'dead', 'dead'])
  })

  it('counts a 2xx with an unreadable body as delivered, without a trace id', () => {
    expect(meta.classify({ kind: 'response', status: 200, headers: {}, body: 'ok' }, [purchase])).toEqual([
      { eventId: purchase.eventId, kind: 'delivered' },
    ])
  })
})
