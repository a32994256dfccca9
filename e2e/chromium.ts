import { chromium, type Browser } from 'playwright-core'

/** Debian's Chromium, installed by scripts/ensure-chromium.sh; Playwright never downloads a browser here. */
export const CHROMIUM_PATH = process.env.PAIRTRACK_CHROMIUM ?? '/usr/bin/chromium'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-gpu',
      '--disable-sync',
    ],
  })
}
