import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startEmulator, type Emulator, type EmulatorOptions } from '@pairtrack/testkit'
import express from 'express'
import { afterEach } from 'vitest'
import { createRelay, type Relay, type RelayConfigInput } from '../../src/index.js'

/** Ids the emulator accepts, with tokens that are easy to grep for. */
export const TEST_IDS = {
  metaPixelId: '1234567890123456',
  metaToken: 'TEST_META_TOKEN_c4n4ry',
  ga4MeasurementId: 'G-TESTSTREAM1',
  ga4Secret: 'TEST_GA4_SECRET_c4n4ry',
  tiktokPixelCode: 'CTESTPIXEL0001',
  tiktokToken: 'TEST_TIKTOK_TOKEN_c4n4ry',
  signingSecret: 'TEST_SIGNING_SECRET_c4n4ry_0123456789abcdef',
} as const

export type RelayHarness = {
  /** Base URL of the relay mount, e.g. http://127.0.0.1:1234/pairtrack */
  relayUrl: string
  relay: Relay
  emulator: Emulator
  close(): Promise<void>
}

export type RelayHarnessOptions = {
  /** Overrides and additions to the relay config (destinations default to the emulator). */
  config?: Partial<RelayConfigInput>
  /** Express `trust proxy` of the host app. */
  trustProxy?: boolean | string | number
  /** Deliver to this running emulator (left open by close()) instead of starting one. */
  emulator?: Emulator
  /** Options of the emulator the harness starts (e.g. an injected `delay` that holds requests). */
  emulatorOptions?: EmulatorOptions
}

/** A real Express app with the relay mounted at /pairtrack, delivering to a real emulator. */
export async function startRelayHarness(options: RelayHarnessOptions = {}): Promise<RelayHarness> {
  const ownEmulator = options.emulator === undefined
  const emulator = options.emulator ?? (await startEmulator({ port: 0, ...options.emulatorOptions }))
  const relay = createRelay({
    meta: { pixelId: TEST_IDS.metaPixelId, accessToken: TEST_IDS.metaToken, endpoint: emulator.url },
    ga4: { measurementId: TEST_IDS.ga4MeasurementId, apiSecret: TEST_IDS.ga4Secret, endpoint: emulator.url },
    tiktok: { pixelCode: TEST_IDS.tiktokPixelCode, accessToken: TEST_IDS.tiktokToken, endpoint: emulator.url },
    store: 'sqlite::memory:',
    lingerMs: 0,
    logLevel: 'silent',
    signingSecret: TEST_IDS.signingSecret,
    ...options.config,
  })
  const served = await serveRelay(relay, options.trustProxy)
  return {
    relayUrl: served.relayUrl,
    relay,
    emulator,
    async close() {
      await served.close()
      await relay.close()
      if (ownEmulator) await emulator.close()
    },
  }
}

/**
 * Mounts a relay at /pairtrack in a real Express app on a free port. `close()` stops the HTTP server only
 * (the relay is the caller's to close).
 */
export async function serveRelay(
  relay: Relay,
  trustProxy?: boolean | string | number,
): Promise<{ relayUrl: string; close(): Promise<void> }> {
  const app = express()
  if (trustProxy !== undefined) app.set('trust proxy', trustProxy)
  app.use('/pairtrack', relay)
  const server: Server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    relayUrl: `http://127.0.0.1:${port}/pairtrack`,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A desktop Chrome user agent, for beacons that must not be taken for a bot's. */
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'

/**
 * POSTs a beacon the way the browser does (text/plain, with the page's Origin: the relay's own) unless
 * told otherwise; `origin: null` sends none.
 */
export async function postBeacon(
  relayUrl: string,
  body: string | unknown,
  init: { contentType?: string; headers?: Record<string, string>; origin?: string | null } = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const origin = init.origin === undefined ? new URL(relayUrl).origin : init.origin
  const response = await fetch(`${relayUrl}/events`, {
    method: 'POST',
    headers: {
      'content-type': init.contentType ?? 'text/plain;charset=UTF-8',
      ...(origin !== null ? { origin } : {}),
      ...init.headers,
    },
    body: typeof body === 'string' ? body : body instanceof Uint8Array ? new Blob([new Uint8Array(body)]) : JSON.stringify(body),
  })
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers }
}

/**
 * The harnesses a test file starts, closed after each test (newest first). Call once at the top level.
 * @example const harnesses = closeHarnessesAfterEach(); harnesses.push(await startRelayHarness())
 */
export function closeHarnessesAfterEach(): RelayHarness[] {
  const harnesses: RelayHarness[] = []
  afterEach(async () => {
    for (const harness of harnesses.splice(0).reverse()) await harness.close()
  })
  return harnesses
}

/** A website Lead beacon with a per-event email and a GA client id. */
export const leadBeacon = (eventId: string) => ({
  event_name: 'Lead',
  event_id: eventId,
  event_source_url: 'https://shop.example/contact',
  user_data: { email: `${eventId}@example.com`, ga_client_id: '123456789.1700000000' },
})
