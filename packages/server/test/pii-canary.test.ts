import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRelay, type Relay } from '../src/index.js'
import { createRelayLogger } from '../src/observability/logger.js'
import { startEchoPlatform, type EchoPlatform } from './helpers/echo-platform.js'
import { BROWSER_UA, serveRelay } from './helpers/start-relay.js'

// A shopper whose identifiers are distinctive enough to grep for. City, region, zip and country are not
// here: GA4 (address) and TikTok take them in clear by design (platforms.md 2.3, 3.3), normalised.
const CANARY = {
  email: 'Zelda.Canary+pii@Example.org',
  phone: '+44 20 7946 0173',
  first_name: 'Zeldacanary',
  last_name: 'Quoxworth',
  street: '7 Xylocanary Lane, Flat 2',
  date_of_birth: '1971-03-09',
  external_id: 'CUST-CANARY-88412',
}
// Every form a raw value could take in a sink: as typed, lowercased, and the phone's bare digits.
const RAW_FORMS = [
  CANARY.email,
  CANARY.email.toLowerCase(),
  'zeldacanary',
  'quoxworth',
  'xylocanary',
  '7946 0173',
  '2079460173',
  '1971-03-09',
  '19710309',
  'cust-canary-88412',
]

describe('raw PII never leaves the request handler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pairtrack-pii-'))
  const dbPath = join(dir, 'outbox.db')
  const logLines: string[] = []
  const answers: string[] = []
  const errors: string[] = []
  const platforms: EchoPlatform[] = []
  let relay: Relay
  let served: Awaited<ReturnType<typeof serveRelay>> | undefined
  let base = ''

  const beacon = async (body: unknown): Promise<void> => {
    const response = await fetch(`${base}/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: new URL(base).origin, 'user-agent': BROWSER_UA },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    answers.push(`${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`)
  }

  beforeAll(async () => {
    // Each platform refuses every request with an error that quotes the whole request back.
    for (const status of [400, 400, 500]) platforms.push(await startEchoPlatform(status))
    const [meta, ga4, tiktok] = platforms as [EchoPlatform, EchoPlatform, EchoPlatform]
    relay = createRelay({
      meta: { pixelId: '1234567890123456', accessToken: 'meta-token', endpoint: meta.url },
      ga4: { measurementId: 'G-PIICANARY', apiSecret: 'ga4-secret', endpoint: ga4.url },
      tiktok: { pixelCode: 'CPIICANARY01', accessToken: 'tiktok-token', endpoint: tiktok.url },
      store: `sqlite:${dbPath}`,
      lingerMs: 0,
      defaultCountry: 'GB',
      logger: createRelayLogger({ level: 'trace', destination: { write: (line: string) => void logLines.push(line) } }),
    })
    served = await serveRelay(relay)
    base = served.relayUrl
  })

  afterAll(async () => {
    await served?.close()
    for (const platform of platforms) await platform.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('is found in no log line, stored byte, outbound request, error message or response', async () => {
    const page = 'https://shop.example/checkout'
    await beacon({ event_name: 'Lead', event_id: 'pii-beacon', event_source_url: page, user_data: CANARY })
    await beacon([{ event_name: 'AddToCart', event_id: 'pii-batch', event_source_url: page, user_data: { ...CANARY, email: [CANARY.email, 'z2@example.org'] } }])
    await relay.track({
      event_name: 'Purchase',
      event_id: 'pii-server',
      event_source_url: page,
      custom_data: { value: 12, currency: 'GBP' },
      user_data: { ...CANARY, client_user_agent: BROWSER_UA },
    })
    // Invalid bodies that carry the canary: the errors name fields, never values.
    await beacon({ event_name: 'Lead', event_id: 'pii-bad', event_source_url: page, user_data: { ...CANARY, phone: 12 } })
    await beacon({ event_name: 'Lead', event_id: 'pii-bad2', event_source_url: page, user_data: { ...CANARY, nickname: CANARY.first_name } })
    await beacon(`{"event_name":"Lead","user_data":{"email":"${CANARY.email}"`)
    // hashInBrowser's field with a raw value where a hash belongs: refused, and the refusal does not echo it.
    await beacon({ event_name: 'Lead', event_id: 'pii-bad4', event_source_url: page, hashed_user_data: { meta: { em: [CANARY.email] }, ga4: { address: [{ sha256_street: CANARY.street }] } } })
    await relay
      .track({ event_name: 'Lead', event_id: 'pii-bad3', user_data: { ...CANARY, email: 7 as unknown as string } })
      .catch((error: unknown) => errors.push(String(error), JSON.stringify(error), (error as Error).stack ?? ''))

    await relay.flush({ timeoutMs: 5000 })
    await relay.close()

    const outbound = platforms.flatMap((platform) => platform.seen)
    const db = new Database(dbPath, { readonly: true })
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
    const dump = tables.map(({ name }) => `${name}: ${JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())}`).join('\n')
    db.close()
    const files = ['', '-wal', '-shm'].map((suffix) => `${dbPath}${suffix}`).filter(existsSync).map((path) => readFileSync(path))

    // The sinks did receive the events (hashed), so an empty sink cannot pass the test.
    expect(outbound.length).toBeGreaterThanOrEqual(3)
    expect(outbound.join('\n')).toMatch(/[a-f0-9]{64}/)
    expect(dump).toContain('pii-server')
    expect(logLines.join('')).toMatch(/event accepted/)
    expect(answers.filter((answer) => answer.startsWith('202 '))).toHaveLength(2)
    expect(answers.filter((answer) => answer.startsWith('400 '))).toHaveLength(4)
    expect(errors.length).toBeGreaterThan(0)

    const sinks = {
      logs: logLines.join('\n'),
      tables: dump,
      outbound: outbound.join('\n'),
      responses: answers.join('\n'),
      errors: errors.join('\n'),
    }
    for (const raw of RAW_FORMS) {
      for (const [sink, text] of Object.entries(sinks)) expect(text.toLowerCase().includes(raw.toLowerCase()), `${raw} in ${sink}`).toBe(false)
      for (const bytes of files) expect(bytes.includes(Buffer.from(raw)), `${raw} in the SQLite files`).toBe(false)
    }
  })
})
