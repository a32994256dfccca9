#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { startEmulator } from './start-emulator.js'

// `pairtrack-emulator --port 8787 [--host 127.0.0.1]`: starts the emulator and prints its URL.
// Optional tokens come from the environment so they never appear in a process list.
const { values } = parseArgs({
  options: { port: { type: 'string', default: '8787' }, host: { type: 'string', default: '127.0.0.1' } },
})
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port: ${values.port}`)
  process.exit(2)
}
const env = process.env
const emulator = await startEmulator({
  port,
  host: values.host,
  credentials: {
    ...(env.PAIRTRACK_EMULATOR_META_TOKEN ? { meta: { accessToken: env.PAIRTRACK_EMULATOR_META_TOKEN } } : {}),
    ...(env.PAIRTRACK_EMULATOR_GA4_SECRET ? { ga4: { apiSecret: env.PAIRTRACK_EMULATOR_GA4_SECRET } } : {}),
    ...(env.PAIRTRACK_EMULATOR_TIKTOK_TOKEN ? { tiktok: { accessToken: env.PAIRTRACK_EMULATOR_TIKTOK_TOKEN } } : {}),
  },
})
console.log(emulator.url)
console.error(`pairtrack emulator: ledger at ${emulator.url}/_emulator`)
const stop = () => void emulator.close().then(() => process.exit(0))
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
