// Test support (STYLE.md habit 2): golden in/out pairs for a destination, reviewed like code. Imported by
// the destinations' *.test.ts only; it reads and writes fixture files, which no destination code does.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fromStoredHashedUserData, type HashedUserDataFields } from '@pairtrack/shared'
import { describe, expect, it } from 'vitest'
import type { OutboxEvent } from '../outbox/outbox-event.js'
import type { DeliveryOutcome, Destination, HttpResponseSpec, NetworkFailure } from './destination.js'

/** The clock every golden request is built at (2026-06-01T12:00:00Z); fixture events are a few minutes older. */
export const GOLDEN_NOW = new Date('2026-06-01T12:00:00Z')

/** `<case>.request.json`: the HttpRequestSpec with its body parsed, so that the fixture reads as JSON. */
export type GoldenRequest = { method: 'POST'; url: string; headers: Record<string, string>; body: unknown; secrets: string[] }

/** `<case>.response.json`: what came back for the events of the `<events>.event.json` case. */
export type GoldenResponse = { events: string; answer: HttpResponseSpec | NetworkFailure }

const UPDATE = process.env.UPDATE_GOLDEN === '1'

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown
const writeJson = (path: string, value: unknown) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`)
const casesOf = (dir: string, suffix: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .map((name) => name.slice(0, -suffix.length))
    .sort()

/** Reads `<name>.event.json` (one OutboxEvent or an array) and re-brands the stored hashed user data. */
export function readGoldenEvents(dir: string, name: string): OutboxEvent[] {
  const json = readJson(join(dir, `${name}.event.json`)) as OutboxEvent | OutboxEvent[]
  const events = Array.isArray(json) ? json : [json]
  return events.map((event) => ({ ...event, userData: fromStoredHashedUserData(event.userData as HashedUserDataFields) }))
}

// In update mode the expected file is (re)written from the actual value, then compared like any other.
function expected(path: string, actual: unknown): unknown {
  if (UPDATE) writeJson(path, actual)
  if (!existsSync(path)) throw new Error(`missing golden file ${path}: run with UPDATE_GOLDEN=1 and review the diff`)
  return readJson(path)
}

/**
 * Registers one test per fixture case in `dir`: every `<case>.event.json` must build exactly
 * `<case>.request.json` (at GOLDEN_NOW), and every `<case>.response.json` must classify into exactly
 * `<case>.outcome.json`. Also checks, for every case, that no secret appears in a body or a reason.
 * `UPDATE_GOLDEN=1` rewrites the expected files instead; review the diff like code.
 * @example runGoldenFixtures(meta, meta.configSchema.parse(readJson('fixtures/config.json')), fixturesDir)
 */
export function runGoldenFixtures<Config>(destination: Destination<Config>, config: Config, dir: string): void {
  const secretsOf = (events: OutboxEvent[]) => destination.toRequest(events, config, GOLDEN_NOW).secrets

  describe(`${destination.id} golden requests`, () => {
    for (const name of casesOf(dir, '.event.json')) it(`${name}.event.json builds ${name}.request.json`, () => {
      const spec = destination.toRequest(readGoldenEvents(dir, name), config, GOLDEN_NOW)
      const actual: GoldenRequest = { ...spec, secrets: [...spec.secrets], body: JSON.parse(spec.body) as unknown }
      const want = expected(join(dir, `${name}.request.json`), actual)
      expect(actual).toEqual(want)
      // Exact bytes, key order included.
      expect(spec.body).toBe(JSON.stringify((want as GoldenRequest).body))
      for (const secret of spec.secrets) expect(spec.body).not.toContain(secret)
    })
  })

  describe(`${destination.id} golden outcomes`, () => {
    for (const name of casesOf(dir, '.response.json')) it(`${name}.response.json classifies as ${name}.outcome.json`, () => {
      const { events: eventsCase, answer } = readJson(join(dir, `${name}.response.json`)) as GoldenResponse
      const events = readGoldenEvents(dir, eventsCase)
      const actual: DeliveryOutcome[] = destination.classify(answer, events)
      expect(actual).toEqual(expected(join(dir, `${name}.outcome.json`), actual))
      expect(actual.map((outcome) => outcome.eventId)).toEqual(events.map((event) => event.eventId))
      const reasons = actual.flatMap((outcome) => ('reason' in outcome ? [outcome.reason] : []))
      for (const secret of secretsOf(events)) for (const reason of reasons) expect(reason).not.toContain(secret)
    })
  })
}
