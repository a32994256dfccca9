import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type EchoPlatform = { url: string; seen: string[]; close(): Promise<void> }

/** A platform that answers every request with an error quoting the whole request back: URL, headers, body. */
export async function startEchoPlatform(status: number): Promise<EchoPlatform> {
  const seen: string[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const echo = `request ${req.url} ${JSON.stringify(req.headers)} ${body}`
      seen.push(echo)
      res.writeHead(status, { 'content-type': 'application/json' })
      // Meta's error shape and TikTok's envelope at once, each quoting the request.
      res.end(JSON.stringify({ error: { message: `Invalid parameter: ${echo}`, type: 'OAuthException', code: 100, fbtrace_id: 'Aecho' }, code: 40002, message: echo }))
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((done) => server.close(() => done())),
  }
}

