// A relay in its own process, for crash tests: `node --conditions=@pairtrack/source --import tsx relay-process.ts`.
// Configured like a deployment, by PAIRTRACK_* variables (relayConfigFromEnv), plus PAIRTRACK_TEST_CONFIG: a
// JSON object laid over them for options without a variable (leaseMs, retry, rateLimit…). Prints
// {"port":N} on stdout once listening; SIGTERM closes it gracefully, SIGKILL is the crash under test.
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { createRelay, relayConfigFromEnv, type RelayConfigInput } from '../../src/index.js'

const overrides = JSON.parse(process.env.PAIRTRACK_TEST_CONFIG ?? '{}') as Partial<RelayConfigInput>
const relay = createRelay({ ...relayConfigFromEnv(), ...overrides })
const app = express()
app.use('/pairtrack', relay)
const server = app.listen(0, '127.0.0.1')
await once(server, 'listening')
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`)

process.once('SIGTERM', () => {
  server.closeAllConnections()
  server.close()
  void relay.close().then(() => process.exit(0))
})
