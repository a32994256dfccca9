// The server side of the ingest benchmark: one Express 5 app with
//   POST /bare/events  — parses the JSON text and answers 204 (the baseline), and
//   /pairtrack         — the relay (SQLite outbox at BENCH_STORE, delivering to PLATFORM_URL).
// Prints READY {"port": N, "pid": P} when listening; SIGTERM closes the relay (and its store) and exits.
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { createRelay } from '../src/index.js'
import { announceReady } from './node-process.js'

const platformUrl = process.env.PLATFORM_URL ?? ''
const relay = createRelay({
  meta: { pixelId: '1234567890123456', accessToken: 'BENCH_TOKEN', endpoint: platformUrl },
  ga4: { measurementId: 'G-BENCH00001', apiSecret: 'BENCH_SECRET', endpoint: platformUrl },
  tiktok: { pixelCode: 'CBENCHPIXEL0001', accessToken: 'BENCH_TOKEN', endpoint: platformUrl },
  store: process.env.BENCH_STORE ?? 'sqlite::memory:',
  logLevel: 'error',
  // The load comes from one IP; the default per-IP limit (300 a minute) is meant for the open internet.
  rateLimit: false,
  // BENCH_CONFIG: JSON laid over the above (e.g. to stop delivery and measure ingest alone).
  ...(JSON.parse(process.env.BENCH_CONFIG ?? '{}') as object),
})
const app = express()
app.post('/bare/events', express.text({ type: () => true, limit: 64 * 1024 }), (req, res) => {
  JSON.parse(req.body as string)
  res.status(204).end()
})
app.use('/pairtrack', relay)
const server = app.listen(0, '127.0.0.1')
server.keepAliveTimeout = 60_000
await once(server, 'listening')
announceReady({ port: (server.address() as AddressInfo).port, pid: process.pid })
process.once('SIGTERM', () => {
  server.closeAllConnections()
  server.close()
  void relay.close().then(() => process.exit(0))
})
