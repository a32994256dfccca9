import type { Request, RequestHandler, Response } from 'express'
import { isLowerSha256 } from '../../hashed-value.js'
import { parseJson, rawBody } from '../../http/raw-body.js'
import type { PlatformRouteContext } from '../platform-route-context.js'
import { tiktokEnvelope } from './tiktok-envelope.js'

// The pixel hashes identify() values before sending (platforms.md 3.4, 3.7), so raw ones here are a leak.
const HASHED_CONTEXT_USER_KEYS = ['email', 'phone_number', 'external_id'] as const

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function hitProblem(hit: unknown): string | null {
  if (!isObject(hit)) return 'body must be a JSON object'
  if (typeof hit.event !== 'string' || hit.event === '') return 'event is required'
  if (hit.event_id !== undefined && typeof hit.event_id !== 'string') return 'event_id must be a string'
  const context = isObject(hit.context) ? hit.context : {}
  const pixel = isObject(context.pixel) ? context.pixel : {}
  if (typeof pixel.code !== 'string' || pixel.code === '') return 'context.pixel.code is required'
  const user = isObject(context.user) ? context.user : {}
  for (const key of HASHED_CONTEXT_USER_KEYS) {
    if (user[key] !== undefined && !isLowerSha256(user[key])) return `context.user.${key} must be a SHA-256 hex digest`
  }
  return null
}

/**
 * `POST /api/v2/pixel` (and `/pixel/track`, `/pixel/act`): TikTok pixel hits (platforms.md 3.7, from public
 * captures), recorded as the `browser` channel. Bodies are JSON whatever the content type (the stand-in sends
 * text/plain to avoid a CORS preflight).
 * @example router.post('/api/v2/pixel', createTiktokPixelHitHandler(ctx))
 */
export function createTiktokPixelHitHandler(ctx: PlatformRouteContext): RequestHandler {
  return (req: Request, res: Response) => {
    const text = rawBody(req)
    const hit = parseJson(text)
    const receivedAtMs = ctx.now()
    const problem = hitProblem(hit)
    if (problem !== null || !isObject(hit)) {
      const reason = problem ?? 'body must be a JSON object'
      ctx.ledger.reject({ platform: 'tiktok', channel: 'browser', receivedAtMs, reason, status: 400, payload: hit ?? text })
      res.status(400).json(tiktokEnvelope(40002, reason, ctx.nextId()))
      return
    }
    const context = hit.context as { pixel: { code: string } }
    ctx.ledger.record({
      platform: 'tiktok',
      channel: 'browser',
      eventName: String(hit.event),
      eventId: typeof hit.event_id === 'string' && hit.event_id !== '' ? hit.event_id : null,
      pixelId: context.pixel.code,
      receivedAtMs,
      ...(typeof hit.test_event_code === 'string' ? { testEventCode: hit.test_event_code } : {}),
      payload: hit,
    })
    res.status(200).json(tiktokEnvelope(0, 'OK', ctx.nextId()))
  }
}
