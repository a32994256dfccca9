// @vitest-environment node
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { send } from '../src/transport/send.js'

type Received = { method: string | undefined; contentType: string | undefined; body: string }

describe('send against a real relay-like server', () => {
  let server: Server
  let base: string
  let status = 202
  const received: Received[] = []

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      req.on('end', () => {
        received.push({ method: req.method, contentType: req.headers['content-type'], body })
        res.writeHead(status).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const noBeacon = { sendBeacon: () => false, fetch: (url: string, init: RequestInit) => fetch(url, init) }

  it('POSTs the JSON as text/plain;charset=UTF-8 (a string body) when sendBeacon refuses', async () => {
    status = 202
    const body = JSON.stringify({ event_name: 'Lead', event_id: 'e-1', custom_data: { note: 'café' } })

    expect(await send(`${base}/pairtrack/events`, body, noBeacon)).toBe('fetch')

    expect(received.at(-1)).toEqual({ method: 'POST', contentType: 'text/plain;charset=UTF-8', body })
  })

  it('reports a 400 as rejected and a 503 as failed', async () => {
    status = 400
    expect(await send(`${base}/e`, '{}', noBeacon)).toBe('rejected')
    status = 503
    expect(await send(`${base}/e`, '{}', noBeacon)).toBe('failed')
  })

  it('reports a relay that is down as failed', async () => {
    const down = `http://127.0.0.1:1/pairtrack/events`
    expect(await send(down, '{}', noBeacon)).toBe('failed')
  })
})
