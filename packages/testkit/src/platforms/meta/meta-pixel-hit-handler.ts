import type { Request, RequestHandler, Response } from 'express'
import { toBracketParams } from '../../http/bracket-params.js'
import { rawBody, requestQuery } from '../../http/raw-body.js'
import { isLowerSha256 } from '../../hashed-value.js'
import type { PlatformRouteContext } from '../platform-route-context.js'

// The pixel hashes advanced-matching values itself (platforms.md 1.7), so a raw value in `ud[…]` is a leak.
// `ud[external_id]` is hashed by the pixel too.
const HASHED_UD_KEYS = new Set(['em', 'ph', 'fn', 'ln', 'ge', 'db', 'ct', 'st', 'zp', 'country', 'external_id'])

const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

function hitProblem(params: ReturnType<typeof toBracketParams>): string | null {
  if (typeof params.id !== 'string' || !/^\d+$/.test(params.id)) return 'id (pixel id) is required and must be digits'
  if (typeof params.ev !== 'string' || params.ev === '') return 'ev (event name) is required'
  const ud = params.ud
  if (typeof ud === 'object') {
    for (const [key, value] of Object.entries(ud)) {
      if (HASHED_UD_KEYS.has(key) && !isLowerSha256(value)) return `ud[${key}] must be a lowercase SHA-256 hex digest`
    }
  }
  return null
}

/**
 * `GET|POST /tr` and `/tr/`: Meta pixel hits (`id`, `ev`, `eid`, `dl`, `cd[…]`, `ud[…]`, `fbp`, `fbc`;
 * platforms.md 1.7), recorded as the `browser` channel. GET answers a 1×1 GIF, POST answers 204.
 * @example router.get(['/tr', '/tr/'], createMetaPixelHitHandler(ctx))
 */
export function createMetaPixelHitHandler(ctx: PlatformRouteContext): RequestHandler {
  return (req: Request, res: Response) => {
    const params = requestQuery(req)
    if (req.method === 'POST') for (const [key, value] of new URLSearchParams(rawBody(req))) params.append(key, value)
    const hit = toBracketParams(params)
    const receivedAtMs = ctx.now()
    const problem = hitProblem(hit)
    if (problem !== null) {
      ctx.ledger.reject({ platform: 'meta', channel: 'browser', receivedAtMs, reason: problem, status: 400, payload: hit })
      res.status(400).type('text/plain').send(problem)
      return
    }
    ctx.ledger.record({
      platform: 'meta',
      channel: 'browser',
      eventName: String(hit.ev),
      eventId: typeof hit.eid === 'string' && hit.eid !== '' ? hit.eid : null,
      pixelId: String(hit.id),
      receivedAtMs,
      payload: hit,
    })
    if (req.method === 'POST') {
      res.status(204).end()
      return
    }
    res.status(200).type('image/gif').setHeader('Cache-Control', 'no-store').send(TRANSPARENT_GIF)
  }
}
