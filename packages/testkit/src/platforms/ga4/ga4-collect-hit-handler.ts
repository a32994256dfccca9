import type { Request, RequestHandler, Response } from 'express'
import { rawBody, requestQuery } from '../../http/raw-body.js'
import type { PlatformRouteContext } from '../platform-route-context.js'
import { checkGa4EventName } from './ga4-names.js'

// gtag hit format (platforms.md 2.7, reverse-engineered: UNCONFIRMED as a Google spec).
const CLIENT_ID = /^\d+\.\d+$/
const MEASUREMENT_ID = /^G-[A-Z0-9]+$/i

function hitProblem(hit: URLSearchParams): string | null {
  if (hit.get('v') !== '2') return 'v must be 2'
  if (!MEASUREMENT_ID.test(hit.get('tid') ?? '')) return 'tid must be a measurement id (G-…)'
  if (!CLIENT_ID.test(hit.get('cid') ?? '')) return 'cid must be two positive numbers joined by a period'
  const name = hit.get('en') ?? ''
  if (name === '') return 'en (event name) is required'
  const problem = checkGa4EventName(name)
  return problem === null || (problem === 'reserved' && name === 'user_engagement') ? null : `en is ${problem.replace('_', ' ')}`
}

// One hit per body line, each over the URL's shared parameters (platforms.md 2.7).
function splitHits(req: Request): URLSearchParams[] {
  const shared = requestQuery(req)
  const lines = rawBody(req).split('\n').filter((line) => line.trim() !== '')
  if (lines.length === 0) return [shared]
  return lines.map((line) => {
    const hit = new URLSearchParams(shared)
    for (const [key, value] of new URLSearchParams(line)) hit.set(key, value)
    return hit
  })
}

/**
 * `GET|POST /g/collect`: gtag hits (`v=2`, `tid`, `cid`, `en`, `ep.*`, `epn.*`), recorded as the `browser`
 * channel; answers 204 whatever happens, like Google.
 * @example router.all('/g/collect', createGa4CollectHitHandler(ctx))
 */
export function createGa4CollectHitHandler(ctx: PlatformRouteContext): RequestHandler {
  return (req: Request, res: Response) => {
    const receivedAtMs = ctx.now()
    for (const hit of splitHits(req)) {
      const payload = Object.fromEntries(hit)
      const problem = hitProblem(hit)
      if (problem !== null) {
        ctx.ledger.reject({ platform: 'ga4', channel: 'browser', receivedAtMs, reason: problem, status: 204, payload })
        continue
      }
      const transactionId = hit.get('ep.transaction_id') ?? hit.get('epn.transaction_id')
      ctx.ledger.record({
        platform: 'ga4',
        channel: 'browser',
        eventName: hit.get('en') ?? '',
        eventId: hit.get('ep.event_id'),
        ...(transactionId !== null ? { transactionId } : {}),
        pixelId: hit.get('tid'),
        receivedAtMs,
        payload,
      })
    }
    res.status(204).end()
  }
}
