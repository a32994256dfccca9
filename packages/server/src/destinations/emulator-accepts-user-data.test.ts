// The hashed user data each destination sends is what the platform accepts: every request is posted to
// the testkit emulator, which validates against platforms.md (not against our own builders), and must be
// received with no rejection. Real local HTTP, no interception (STYLE.md habit 11).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { hashUserData, type RawUserData } from '@pairtrack/shared'
import { startEmulator, type Emulator } from '@pairtrack/testkit'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { OutboxEvent } from '../outbox/outbox-event.js'
import type { Destination } from './destination.js'
import { GOLDEN_NOW, readGoldenEvents } from './golden.js'
import { destinations } from './registry.js'

const sha256 = (input: string) => createHash('sha256').update(input, 'utf8').digest('hex')
const HASH = sha256('already hashed')

// Every field, several awkward on purpose: the tricky inputs of the normalisation table.
const TRICKY: RawUserData = {
  email: ['  John.Smith@Gmail.com ', 'second@example.com', HASH, '', 'not-an-email'],
  phone: ['+1 (202) 555-1234', '0044 20 7946 0958', '020 7946 0958', 'call me'],
  first_name: 'Mr. John',
  last_name: 'Müller-Lüdenscheidt Jr.',
  city: 'São Paulo',
  state: 'California',
  zip: '94025-1234',
  country: 'United Kingdom',
  gender: 'Female',
  date_of_birth: '25/03/1990',
  external_id: [' Customer 42 ', HASH],
  client_ip_address: '2001:db8::7',
  client_user_agent: 'Mozilla/5.0',
  fbc: 'fb.1.1780315000000.IwAR2testClickId',
  fbp: 'fb.1.1780000000000.1234567890',
  ga_client_id: '1197596843.1773515099',
  ga_session_id: '1780314000',
  ttclid: 'E.C.P.testTtclid123',
  ttp: '2Zk8Xq9aTestTtpValue01234ab',
}

const field = (values: readonly string[]) => fc.option(fc.constantFrom(...values), { nil: undefined })
const rawUserData: fc.Arbitrary<RawUserData> = fc.record(
  {
    email: field(['a@example.com', ' B.C@GMail.com', HASH, '', 'nope']),
    phone: field(['+1 (202) 555-1234', '0044 20 7946 0958', '(650)555-1212', HASH, 'x']),
    first_name: field(['Mr. John', '정', 'Valéry', HASH, '', '!!!']),
    last_name: field(['Smith Jr.', 'van der Berg', HASH]),
    city: field(['Menlo Park', 'São Paulo', HASH, '']),
    state: field(['California', 'Bavaria', 'ON', HASH]),
    zip: field(['94025-1234', 'SW1A 1AA', HASH, '1']),
    country: field(['United Kingdom', 'US', 'Narnia', HASH]),
    gender: field(['f', 'Male', 'x', HASH]),
    date_of_birth: field(['1990-03-25', '03/04/1990', HASH]),
    external_id: field([' Customer 42 ', HASH, '']),
  },
  { requiredKeys: [] },
)

const configFixture = (id: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./${id}/fixtures/config.json`, import.meta.url), 'utf8')) as Record<string, unknown>

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, now: () => GOLDEN_NOW.getTime() })
})
afterAll(async () => {
  await emulator.close()
})
beforeEach(() => emulator.reset())

async function send<Config, ConfigInput>(destination: Destination<Config, ConfigInput>, event: OutboxEvent): Promise<void> {
  const config = destination.configSchema.parse({ ...configFixture(destination.id), endpoint: emulator.url })
  const spec = destination.toRequest([event], config, GOLDEN_NOW)
  const response = await fetch(spec.url, { method: spec.method, headers: spec.headers, body: spec.body })
  const ledger = emulator.ledger()[destination.id]
  expect(ledger.rejected.map((rejection) => rejection.reason), spec.body).toEqual([])
  expect(response.ok).toBe(true)
  expect(ledger.received).toHaveLength(1)
}

const [purchase] = readGoldenEvents(fileURLToPath(new URL('./meta/fixtures/', import.meta.url)), 'purchase')
if (purchase === undefined) throw new Error('fixture meta/purchase.event.json is empty')
const withUserData = (raw: RawUserData): OutboxEvent => ({
  ...purchase,
  userData: hashUserData(raw, { sha256, defaultCountry: 'US', now: GOLDEN_NOW }),
})

// One sender per destination, so that each keeps its own config type.
const senders = {
  meta: (event: OutboxEvent) => send(destinations.meta, event),
  ga4: (event: OutboxEvent) => send(destinations.ga4, event),
  tiktok: (event: OutboxEvent) => send(destinations.tiktok, event),
}

describe.each(Object.entries(senders))('%s request with hashed user data', (_id, sendEvent) => {
  it('is accepted by the emulator with every field, tricky inputs included', async () => {
    await sendEvent(withUserData(TRICKY))
  })

  it('is accepted by the emulator for any mix of valid, invalid and hashed values', async () => {
    await fc.assert(
      fc.asyncProperty(rawUserData, async (raw) => {
        emulator.reset()
        await sendEvent(withUserData({ ...raw, client_user_agent: 'Mozilla/5.0' }))
      }),
      { numRuns: 40 },
    )
  })
})
