import { startShopStack, type ShopStack, type ShopStackOptions } from '@pairtrack/example-shop'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from './chromium.js'

/** What a spec's tests use: read the fields inside tests (they are set by beforeAll). */
export type ShopFixture = { stack: ShopStack; browser: Browser }

/**
 * Starts the demo stack (emulator + relay + shop on free ports) and one Chromium for the enclosing
 * describe block, and stops both after it.
 * @example const fixture = useShopStack(); it('…', async () => { await fixture.browser.newContext() })
 */
export function useShopStack(options: ShopStackOptions = {}): ShopFixture {
  const fixture = {} as ShopFixture
  beforeAll(async () => {
    // The relay's bot filter drops headless browsers by default; these tests are one, on purpose.
    fixture.stack = await startShopStack({ lingerMs: 50, ...options, relay: { botFilter: { allow: ['HeadlessChrome'] }, ...options.relay } })
    fixture.browser = await launchChromium()
  })
  afterAll(async () => {
    await fixture.browser?.close()
    await fixture.stack?.close()
  })
  return fixture
}
