// A stand-in for the platforms that costs next to nothing: answers Meta, GA4 and TikTok server calls with
// their success shape (or 503 for the platforms listed in SINK_DOWN, comma-separated), without
// validating. For benchmarks of the relay, where the strict emulator's own work would blur the figures.
// Prints READY {"url": "..."} when listening.
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { announceReady } from './node-process.js'

const down = new Set((process.env.SINK_DOWN ?? '').split(',').filter(Boolean))
let requests = 0

const platformOf = (path: string): 'meta' | 'ga4' | 'tiktok' | undefined =>
  path.startsWith('/mp/collect') ? 'ga4' : path.startsWith('/open_api/') ? 'tiktok' : /^\/v\d+\.\d+\/\d+\/events/.test(path) ? 'meta' : undefined

const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    requests += 1
    if (req.url === '/_sink/stats') return void res.end(JSON.stringify({ requests }))
    const platform = platformOf(req.url ?? '')
    if (platform === undefined) return void res.writeHead(404).end()
    if (down.has(platform)) {
      return void res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"Service temporarily unavailable","code":2,"is_transient":true}}')
    }
    if (platform === 'ga4') return void res.writeHead(204).end()
    const body = platform === 'meta' ? '{"events_received":1,"messages":[],"fbtrace_id":"sink"}' : '{"code":0,"message":"OK","request_id":"sink"}'
    res.writeHead(200, { 'content-type': 'application/json' }).end(body)
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1')
await once(server, 'listening')
announceReady({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })
process.once('SIGTERM', () => {
  server.closeAllConnections()
  server.close(() => process.exit(0))
})
