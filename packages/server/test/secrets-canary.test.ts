import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRelay, RelayConfigError, type Relay } from '../src/index.js'
import { createRelayLogger } from '../src/observability/logger.js'
import { startEchoPlatform } from './helpers/echo-platform.js'
import { BROWSER_UA, serveRelay } from './helpers/start-relay.js'

// Secrets that must never leave the relay's own memory and the request that carries each to its platform.
const CANARIES = {
  metaToken: 'CANARY_META_TOKEN_7f3a91c2',
  ga4Secret: 'CANARY_GA4_SECRET_52be07d4',
  tiktokToken: 'CANARY_TIKTOK_TOKEN_c81e6a0f',
  signingSecret: 'CANARY_SIGNING_SECRET_0d9b4e17_padded_to_32',
  previousSigningSecret: 'CANARY_OLD_SIGNING_SECRET_a4c2f8e9_padded',
} as const
const BUNDLE = resolve(import.meta.dirname, '../../browser/dist/pairtrack.js')

describe('secrets stay on the server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pairtrack-canary-'))
  const dbPath = join(dir, 'outbox.db')
  const logLines: string[] = []
  const answers: string[] = []
  const errors: string[] = []
  let bundle = ''
  let relay: Relay
  let served: Awaited<ReturnType<typeof serveRelay>> | undefined
  let base = ''
  let meta: Awaited<ReturnType<typeof startEchoPlatform>>
  let tiktok: Awaited<ReturnType<typeof startEchoPlatform>>

  /** Sends a request and keeps everything the relay answered: status, headers and body. */
  const call = async (path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> => {
    const response = await fetch(`${base}${path}`, { ...init, headers: { origin: new URL(base).origin, 'user-agent': BROWSER_UA, ...init.headers } })
    const text = await response.clone().text()
    answers.push(`${response.status} ${JSON.stringify([...response.headers])} ${text}`)
    return response
  }
  const beacon = (body: unknown, headers: Record<string, string> = {}) =>
    call('/events', { method: 'POST', headers: { 'content-type': 'text/plain', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })
  const page = 'https://shop.example/thanks'

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) {
      throw new Error(`${BUNDLE} is missing: run \`pnpm run build\` first (this test reads the built browser bundle, it does not build it)`)
    }
    bundle = readFileSync(BUNDLE, 'utf8')
    meta = await startEchoPlatform(400)
    tiktok = await startEchoPlatform(500)
    relay = createRelay({
      meta: { pixelId: '1234567890123456', accessToken: CANARIES.metaToken, endpoint: meta.url },
      // Nothing listens there: GA4's secret rides in the query string of a request that fails to connect.
      ga4: { measurementId: 'G-CANARY1', apiSecret: CANARIES.ga4Secret, endpoint: 'http://127.0.0.1:9' },
      tiktok: { pixelCode: 'CCANARYPIXEL01', accessToken: CANARIES.tiktokToken, endpoint: tiktok.url },
      store: `sqlite:${dbPath}`,
      lingerMs: 0,
      signingSecret: CANARIES.signingSecret,
      previousSigningSecrets: [CANARIES.previousSigningSecret],
      rateLimit: { windowMs: 60_000, max: 40 },
      metricsRoute: true,
      logger: createRelayLogger({ level: 'trace', destination: { write: (line: string) => void logLines.push(line) } }),
    })
    served = await serveRelay(relay)
    base = served.relayUrl
  })

  afterAll(async () => {
    await served?.close()
    await meta?.close()
    await tiktok?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('are found in no response, log line, error message, stored byte or the browser bundle', async () => {
    // Every route, the happy paths first.
    await call('/pairtrack.js')
    await call('/config.json')
    await call('/health')
    await call('/events', { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } })
    await beacon({ event_name: 'Lead', event_id: 'lead-1', event_source_url: page, user_data: { email: 'ada@example.org' } })
    const token = relay.sign({ eventId: 'ord-1', eventName: 'Purchase', value: 24, currency: 'EUR' })
    await beacon({ event_name: 'Purchase', event_id: 'ord-1', event_source_url: page, token, custom_data: { value: 24, currency: 'EUR' } })
    await relay.track({ event_name: 'Purchase', event_id: 'srv-1', action_source: 'system_generated', custom_data: { value: 5, currency: 'EUR' } })

    // Then every refusal the relay can give.
    await beacon({ event_name: 'Purchase', event_id: 'ord-2', event_source_url: page, token, custom_data: { value: 9999, currency: 'EUR' } })
    await beacon({ event_name: 'Purchase', event_id: 'ord-3', event_source_url: page, custom_data: { value: 1, currency: 'EUR' } })
    await beacon({ event_name: 'FreeMoney', event_id: 'x-1', event_source_url: page })
    await beacon('{"event_name":')
    await beacon({ event_name: 'Lead', event_id: 'bad', custom_data: { value: 'lots' } })
    await beacon({ event_name: 'Lead', event_id: 'big', custom_data: { note: 'x'.repeat(70_000) } })
    await beacon({ event_name: 'Lead', event_id: 'form' }, { 'content-type': 'application/x-www-form-urlencoded' })
    await beacon({ event_name: 'Lead', event_id: 'far', event_source_url: page }, { origin: 'https://evil.example' })
    await beacon({ event_name: 'Lead', event_id: 'bot', event_source_url: page }, { 'user-agent': 'curl/8.5.0' })
    await call('/events', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } })
    for (const bad of [{ event_name: 'Lead', event_id: 'e', event_time: Date.now() }, { event_name: 'Lead', event_id: 'f' }]) {
      await relay.track(bad).catch((error: unknown) => errors.push(String(error), JSON.stringify(error)))
    }
    try {
      createRelay({ meta: { pixelId: 'not-a-number', accessToken: CANARIES.metaToken }, signingSecret: 'short', store: 'sqlite::memory:' })
    } catch (error) {
      expect(error).toBeInstanceOf(RelayConfigError)
      errors.push(String(error), JSON.stringify(error))
    }

    // The platforms answer with errors that quote the token back; GA4 cannot be reached.
    await relay.flush({ timeoutMs: 5000 })
    expect(meta.seen.join('\n')).toContain(CANARIES.metaToken)
    expect(tiktok.seen.join('\n')).toContain(CANARIES.tiktokToken)
    await call('/metrics')
    for (let i = 0; i < 45; i++) await beacon({ event_name: 'Lead', event_id: `flood-${i}`, event_source_url: page })
    expect(answers.some((answer) => answer.startsWith('429 '))).toBe(true)

    // And what a closing relay says.
    await relay.close()
    await call('/health')
    await beacon({ event_name: 'Lead', event_id: 'late', event_source_url: page })

    const stored = ['', '-wal', '-shm'].map((suffix) => `${dbPath}${suffix}`).filter(existsSync).map((path) => readFileSync(path))
    const db = new Database(dbPath, { readonly: true })
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
    const dump = tables.map(({ name }) => `${name}: ${JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())}`).join('\n')
    db.close()

    // The sinks hold what they should (the test would prove nothing if they were empty)…
    expect(dump).toMatch(/ord-1/)
    expect(dump).toMatch(/\[redacted\]/)
    expect(logLines.join('')).toMatch(/events went dead|delivery will be retried/)
    expect(answers.length).toBeGreaterThan(60)

    // …and no secret.
    const sinks = { bundle, logs: logLines.join(''), responses: answers.join('\n'), errors: errors.join('\n'), tables: dump }
    for (const [name, secret] of Object.entries(CANARIES)) {
      for (const [sink, text] of Object.entries(sinks)) expect(text.includes(secret), `${name} in ${sink}`).toBe(false)
      for (const bytes of stored) expect(bytes.includes(Buffer.from(secret)), `${name} in the SQLite files`).toBe(false)
    }
  })
})
