import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { HttpRequestSpec } from '../destinations/destination.js'
import { createHttpSender, type HttpSender } from './send.js'

type Seen = { method: string | undefined; url: string | undefined; headers: IncomingMessage['headers']; body: string }

const seen: Seen[] = []
let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end()
let server: Server
let origin: string

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body })
      handler(req, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

let sender: HttpSender
afterEach(async () => {
  await sender.close()
  seen.length = 0
})

const spec = (overrides: Partial<HttpRequestSpec> = {}): HttpRequestSpec => ({
  method: 'POST',
  url: `${origin}/v1/events?api_secret=TEST_SECRET`,
  headers: { 'content-type': 'application/json', authorization: 'Bearer TEST_TOKEN' },
  body: '{"data":[1]}',
  secrets: ['TEST_SECRET', 'TEST_TOKEN'],
  ...overrides,
})

describe('createHttpSender', () => {
  it('posts the spec as given and returns status, lowercase headers and body text', async () => {
    handler = (_req, res) => res.writeHead(200, { 'X-Trace-Id': 'abc', 'Content-Type': 'application/json' }).end('{"ok":true}')
    sender = createHttpSender()
    const answer = await sender(spec())
    expect(answer).toEqual({ kind: 'response', status: 200, headers: expect.objectContaining({ 'x-trace-id': 'abc' }), body: '{"ok":true}' })
    expect(seen).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/v1/events?api_secret=TEST_SECRET',
        body: '{"data":[1]}',
        headers: expect.objectContaining({ authorization: 'Bearer TEST_TOKEN', 'content-type': 'application/json' }),
      }),
    ])
  })

  it('returns a 500 answer as a response, not a failure', async () => {
    handler = (_req, res) => res.writeHead(500, { 'Retry-After': '7' }).end('boom')
    sender = createHttpSender()
    expect(await sender(spec())).toEqual({ kind: 'response', status: 500, headers: expect.objectContaining({ 'retry-after': '7' }), body: 'boom' })
  })

  it('reuses keep-alive connections instead of opening one per request', async () => {
    const ports = new Set<number>()
    handler = (req, res) => (ports.add(req.socket.remotePort ?? 0), res.end('ok'))
    sender = createHttpSender()
    for (let i = 0; i < 6; i++) await sender(spec())
    expect(seen).toHaveLength(6)
    expect(ports.size).toBeLessThanOrEqual(2)
  })

  it('maps a socket reset by the server to connection_reset', async () => {
    handler = (req) => req.socket.destroy()
    sender = createHttpSender()
    expect(await sender(spec())).toMatchObject({ kind: 'network_error', code: 'connection_reset' })
  })

  it('maps a server that never answers to timeout within the budget', async () => {
    handler = () => {}
    sender = createHttpSender({ timeoutMs: 100 })
    const started = performance.now()
    expect(await sender(spec())).toMatchObject({ kind: 'network_error', code: 'timeout' })
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('maps a closed port to connection_refused and keeps secrets out of the message', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    sender = createHttpSender()
    const answer = await sender(spec({ url: `http://127.0.0.1:${port}/x?api_secret=TEST_SECRET` }))
    expect(answer).toMatchObject({ kind: 'network_error', code: 'connection_refused' })
    expect(JSON.stringify(answer)).not.toMatch(/TEST_SECRET|TEST_TOKEN/)
  })

  it('returns a failure, not an exception, for an unusable URL and after close', async () => {
    sender = createHttpSender()
    expect(await sender(spec({ url: 'not a url' }))).toMatchObject({ kind: 'network_error', code: 'other' })
    await sender.close()
    expect(await sender(spec())).toMatchObject({ kind: 'network_error', code: 'other', message: 'the HTTP sender is closed' })
  })
})
