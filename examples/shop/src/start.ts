import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startShopStack } from './stack.js'

// `pnpm start`: shop + relay + emulator on localhost, no credentials needed.
const dataDir = resolve(dirname(fileURLToPath(import.meta.url)), '../.data')
mkdirSync(dataDir, { recursive: true })

const stack = await startShopStack({
  port: Number(process.env.PORT ?? 3000),
  emulatorPort: Number(process.env.EMULATOR_PORT ?? 8787),
  store: process.env.PAIRTRACK_STORE ?? `sqlite:${resolve(dataDir, 'pairtrack.db')}`,
})

console.log(`
pairtrack demo is running
  shop:             ${stack.shopUrl}
  relay:            ${stack.shopUrl}/pairtrack  (health: ${stack.shopUrl}/pairtrack/health)
  platform ledger:  ${stack.emulatorUrl}/_emulator  (JSON: ${stack.emulatorUrl}/_emulator/ledger)
Press Ctrl+C to stop.
`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    void stack.close().then(() => process.exit(0))
  })
}
