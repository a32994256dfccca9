import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { snippet } from '@pairtrack/browser/snippet'
import { createRelay, type Relay, type RelayConfigInput } from '@pairtrack/server'
import { pixelSnippets, startEmulator, type Emulator } from '@pairtrack/testkit'
import { createShopApp } from './shop.js'

/** The demo's platform ids: made up, accepted by the emulator. */
export const DEMO_IDS = {
  metaPixelId: '1234567890123456',
  ga4MeasurementId: 'G-PAIRTRACK1',
  tiktokPixelCode: 'CPAIRTRACKDEMO01',
} as const

export type ShopStackOptions = {
  /** Shop port; 0 picks a free one. */
  port?: number
  /** Emulator port; 0 picks a free one. */
  emulatorPort?: number
  host?: string
  /** Outbox store URL, e.g. `sqlite:./pairtrack-demo.db` or `sqlite::memory:`. */
  store?: string
  /** How long delivery waits to fill a batch; small in tests. */
  lingerMs?: number
  /**
   * Key of the Purchase tokens the thank-you page carries. @default PAIRTRACK_SIGNING_SECRET, else a random
   * one per start (tokens then live as long as the process, which is all a demo needs)
   */
  signingSecret?: string
  /** Further relay options, laid over the demo's (e.g. `botFilter` for tests that drive headless Chromium). */
  relay?: Partial<RelayConfigInput>
  /**
   * Whether the pixels' base code sends its own page view (fbq PageView, gtag config, ttq.page) on load.
   * The consent e2e turns it off: that code is the site's, outside pairtrack's consent gate. @default true
   */
  pixelPageView?: boolean
}

export type ShopStack = {
  shopUrl: string
  emulatorUrl: string
  emulator: Emulator
  relay: Relay
  close(): Promise<void>
}

/**
 * Starts the whole demo: the platform emulator, the relay (delivering to the emulator) and the shop.
 * Uses only the packages' public entry points, as a site would.
 */
export async function startShopStack(options: ShopStackOptions = {}): Promise<ShopStack> {
  const host = options.host ?? '127.0.0.1'
  const emulator = await startEmulator({ port: options.emulatorPort ?? 0, host })
  const relay = createRelay({
    meta: { pixelId: DEMO_IDS.metaPixelId, accessToken: 'demo-meta-token', endpoint: emulator.url },
    ga4: { measurementId: DEMO_IDS.ga4MeasurementId, apiSecret: 'demo-ga4-secret', endpoint: emulator.url },
    tiktok: { pixelCode: DEMO_IDS.tiktokPixelCode, accessToken: 'demo-tiktok-token', endpoint: emulator.url },
    store: options.store ?? 'sqlite::memory:',
    defaultCountry: 'GB',
    ...(options.lingerMs !== undefined ? { lingerMs: options.lingerMs } : {}),
    signingSecret: options.signingSecret ?? process.env.PAIRTRACK_SIGNING_SECRET ?? randomBytes(32).toString('base64url'),
    ...options.relay,
  })
  const head = [
    pixelSnippets({
      emulatorUrl: emulator.url,
      meta: DEMO_IDS.metaPixelId,
      ga4: DEMO_IDS.ga4MeasurementId,
      tiktok: DEMO_IDS.tiktokPixelCode,
      ...(options.pixelPageView === false ? { pageView: false } : {}),
    }),
    snippet({ relay: '/pairtrack' }),
  ].join('\n')
  const app = createShopApp({
    relay,
    page: { head, ledgerUrl: `${emulator.url}/_emulator` },
    onTrackError: (error) => console.error('relay.track failed:', error),
  })
  const server: Server = app.listen(options.port ?? 0, host)
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    shopUrl: `http://${host}:${port}`,
    emulatorUrl: emulator.url,
    emulator,
    relay,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await relay.close()
      await emulator.close()
    },
  }
}
