import type { FaultStore } from '../faults.js'
import type { LedgerStore } from '../ledger.js'

/** Tokens the emulator insists on; a platform left out accepts any non-empty token. */
export type EmulatorCredentials = {
  meta?: { accessToken: string }
  ga4?: { apiSecret: string }
  tiktok?: { accessToken: string }
}

/** What every platform's routes share: the ledger, faults, credentials, and the injected clock. */
export type PlatformRouteContext = {
  ledger: LedgerStore
  faults: FaultStore
  credentials: EmulatorCredentials
  /** Current time in ms since the epoch. */
  now: () => number
  /** Waits for a latency fault; real timers by default. */
  delay: (ms: number) => Promise<void>
  /** Sequential ids for `fbtrace_id` / `request_id` (deterministic, no randomness). */
  nextId: () => string
}

/**
 * Whether a presented token is acceptable: equal to the configured one, or any non-empty token when none is
 * configured.
 * @example isTokenAccepted('abc', undefined) // true
 */
export function isTokenAccepted(presented: string | undefined, expected: string | undefined): boolean {
  if (presented === undefined || presented === '') return false
  return expected === undefined || presented === expected
}
