import { createHash } from 'node:crypto'
import { afterEach, beforeEach } from 'vitest'
import { startEmulator, type Emulator, type EmulatorOptions } from '../src/index.js'

/** A fixed instant for every test: 2026-06-01T12:00:00Z. */
export const START_MS = Date.UTC(2026, 5, 1, 12)

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex')

/** A manual clock the emulator reads; tests move it instead of sleeping. */
export type TestClock = { nowMs: number; advance(ms: number): void }

/**
 * Starts an emulator on port 0 before each test (closing it after), with a manual clock.
 * Read `fixture.emulator` / `fixture.clock` inside tests.
 */
export function useEmulator(options: Omit<EmulatorOptions, 'now' | 'port'> = {}): { emulator: Emulator; clock: TestClock } {
  const fixture = {} as { emulator: Emulator; clock: TestClock }
  beforeEach(async () => {
    const clock: TestClock = {
      nowMs: START_MS,
      advance(ms) {
        clock.nowMs += ms
      },
    }
    fixture.clock = clock
    fixture.emulator = await startEmulator({ ...options, port: 0, now: () => clock.nowMs })
  })
  afterEach(async () => {
    await fixture.emulator.close()
  })
  return fixture
}

/** POSTs a JSON body and returns status, headers and the parsed JSON (or null for an empty body). */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, json: text === '' ? null : (JSON.parse(text) as unknown) }
}
