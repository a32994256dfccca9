import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import type { PlatformId } from '@pairtrack/shared'
import { createEmulatorApp } from './create-emulator-app.js'
import { createFaultStore, FaultSchema, type Fault } from './faults.js'
import { createLedgerStore, type Ledger } from './ledger.js'
import { ga4DedupRule } from './platforms/ga4/ga4-dedup-rule.js'
import { metaDedupRule } from './platforms/meta/meta-dedup-rule.js'
import type { EmulatorCredentials } from './platforms/platform-route-context.js'
import { tiktokDedupRule } from './platforms/tiktok/tiktok-dedup-rule.js'

export type { EmulatorCredentials }

export type EmulatorOptions = {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  /** Tokens to insist on; without them any non-empty token is accepted. */
  credentials?: EmulatorCredentials
  /** Clock in ms since the epoch, for event-age checks and `receivedAtMs`. @default Date.now */
  now?: () => number
  /** How a latency fault waits. @default a real timer */
  delay?: (ms: number) => Promise<void>
}

/** A running emulator. */
export type Emulator = {
  /** Base URL, e.g. `http://127.0.0.1:8787`: point every platform endpoint and pixel script here. */
  url: string
  port: number
  /** A copy of everything received so far. */
  ledger(): Ledger
  /** Empties the ledger (faults stay). */
  reset(): void
  /** Injects a fault into a platform's server API route; null clears it. Throws on an invalid fault (a bug). */
  setFault(platform: PlatformId, fault: Fault | null): void
  close(): Promise<void>
}

const realDelay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Starts the platform emulator: Meta, GA4 and TikTok pixel and server endpoints on one local HTTP server,
 * strict like the platforms (per platforms.md), with a ledger that applies each platform's dedup rule.
 * @example
 * const emulator = await startEmulator({ port: 0 })
 * // relay config: endpoint = emulator.url
 * emulator.ledger().meta.conversions
 * await emulator.close()
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1'
  const ledger = createLedgerStore({ meta: metaDedupRule, ga4: ga4DedupRule, tiktok: tiktokDedupRule })
  const faults = createFaultStore()
  let seq = 0
  const app = createEmulatorApp({
    ledger,
    faults,
    credentials: options.credentials ?? {},
    now: options.now ?? Date.now,
    delay: options.delay ?? realDelay,
    nextId: () => `emu${(++seq).toString(16).padStart(8, '0')}`,
  })
  const server = app.listen(options.port ?? 0, host)
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${urlHost}:${port}`,
    port,
    ledger: () => ledger.snapshot(),
    reset: () => ledger.reset(),
    setFault(platform, fault) {
      faults.set(platform, fault === null ? null : FaultSchema.parse(fault))
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
}
