import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { GOLDEN_NOW, readGoldenEvents, runGoldenFixtures } from '../golden.js'
import { tiktok } from './index.js'
import { TOKEN_RETRY_DELAY_MS } from './outcome.js'

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url))
const fixtureConfig: unknown = JSON.parse(readFileSync(`${dir}config.json`, 'utf8'))
const config = tiktok.configSchema.parse(fixtureConfig)
const [purchase] = readGoldenEvents(dir, 'purchase')
const batch = readGoldenEvents(dir, 'batch')
if (purchase === undefined) throw new Error('fixture purchase.event.json is empty')

runGoldenFixtures(tiktok, config, dir)

const issuesOf = (input: unknown) => {
  const result = tiktok.configSchema.safeParse(input)
  return result.success ? [] : result.error.issues
}
const envelope = (code: number, message: string) =>
  ({ kind: 'response', status: 200, headers: {}, body: JSON.stringify({ code, message, request_id: 'r1', data: {} }) }) as const

describe('tiktok config', () => {
  it('fills the Business API host by default', () => {
    expect(config).toEqual({ pixelCode: 'CTEST123', accessToken: 'TEST_TOKEN', endpoint: 'https://business-api.tiktok.com' })
  })

  it.each([
    ['pixelCode', { accessToken: 't' }],
    ['pixelCode', { pixelCode: 'C4 ABC', accessToken: 't' }],
    ['accessToken', { pixelCode: 'C4ABC' }],
    ['accessToken', { pixelCode: 'C4ABC', accessToken: '' }],
    ['testEventCode', { pixelCode: 'C4ABC', accessToken: 't', testEventCode: '' }],
    ['endpoint', { pixelCode: 'C4ABC', accessToken: 't', endpoint: 'not a url' }],
  ])('names %s in the error when it is missing or invalid', (field, input) => {
    const [issue] = issuesOf(input)
    expect(issue?.path).toEqual([field])
    expect(issue?.message).toContain(field)
  })
})

describe('tiktok destination', () => {
  it('is an ads destination of up to 1000 events', () => {
    expect(tiktok).toMatchObject({ id: 'tiktok', purpose: 'ads', maxBatch: 1000 })
    expect(tiktok.batchKey).toBeUndefined()
  })

  it('gives the browser the pixel code and never the token', () => {
    expect(tiktok.publicConfig(config)).toEqual({ pixelCode: 'CTEST123' })
  })

  it('sends the token only in the Access-Token header and lists it as a secret', () => {
    const spec = tiktok.toRequest([purchase], config, GOLDEN_NOW)
    expect(spec.headers['access-token']).toBe('TEST_TOKEN')
    expect(spec.url).not.toContain('TEST_TOKEN')
    expect(spec.body).not.toContain('TEST_TOKEN')
    expect(spec.secrets).toEqual(['TEST_TOKEN'])
  })

  it('adds test_event_code at the top level when configured', () => {
    const body = JSON.parse(tiktok.toRequest([purchase], { ...config, testEventCode: 'TEST12345' }, GOLDEN_NOW).body) as Record<string, unknown>
    expect(body.test_event_code).toBe('TEST12345')
  })

  it('retries a token error after the token delay', () => {
    expect(tiktok.classify(envelope(40001, 'Access token is incorrect'), [purchase])).toEqual([
      { eventId: purchase.eventId, kind: 'retry', reason: 'token_invalid: Access token is incorrect [code 40001 request_id=r1]', retryAfterMs: TOKEN_RETRY_DELAY_MS },
    ])
  })

  it('kills every event of a 40002 answer naming an index outside the batch', () => {
    expect(tiktok.classify(envelope(40002, 'Invalid parameter: data[9].event'), batch).map((o) => o.kind)).toEqual(['dead', 'dead', 'dead'])
  })

  it('retries a 2xx that carries no envelope instead of claiming delivery', () => {
    const [outcome] = tiktok.classify({ kind: 'response', status: 200, headers: {}, body: '' }, [purchase])
    expect(outcome?.kind).toBe('retry')
  })

  it('treats an unknown envelope code as final, naming the code', () => {
    const [outcome] = tiktok.classify(envelope(40300, 'Permission denied'), [purchase])
    expect(outcome).toEqual({ eventId: purchase.eventId, kind: 'dead', reason: 'rejected: Permission denied [code 40300 request_id=r1]' })
  })
})
