import type { Request, RequestHandler, Response } from 'express'
import { applyFault, type FaultResponder } from '../../apply-fault.js'
import { parseJson, rawBody } from '../../http/raw-body.js'
import { isTokenAccepted, type PlatformRouteContext } from '../platform-route-context.js'
import { tiktokEnvelope } from './tiktok-envelope.js'
import { validateTiktokRequest } from './validate-tiktok-request.js'

// 40100 = rate limited (platforms.md 3.5, rudder-transformer). The emulator sends it with HTTP 429 and
// Retry-After so that a relay can honour the delay; whether TikTok itself sets 429 is UNCONFIRMED.
// 50000 for injected server errors is the emulator's choice.
function tiktokFaultResponder(ctx: PlatformRouteContext): FaultResponder {
  return {
    rateLimited: (res) => void res.status(429).json(tiktokEnvelope(40100, 'Too many requests. Please retry later.', ctx.nextId())),
    failed: (res, status) => void res.status(status).json(tiktokEnvelope(50000, 'Internal service error.', ctx.nextId())),
  }
}

/**
 * `POST /open_api/v1.3/event/track/`: TikTok Events API 2.0 (platforms.md 3.1–3.5). Always HTTP 200 with the
 * envelope; 40001 for a bad `Access-Token`, 40002 naming the field for invalid parameters.
 * @example router.post('/open_api/v1.3/event/track/', createTiktokTrackHandler(ctx))
 */
export function createTiktokTrackHandler(ctx: PlatformRouteContext): RequestHandler {
  const responder = tiktokFaultResponder(ctx)
  return async (req: Request, res: Response) => {
    const text = rawBody(req)
    const body = parseJson(text)
    const verdict = await applyFault(ctx, 'tiktok', res, responder, body ?? text)
    if (verdict.kind === 'answered') return
    const receivedAtMs = ctx.now()
    const refuse = (code: number, message: string) => {
      ctx.ledger.reject({ platform: 'tiktok', channel: 'server', receivedAtMs, reason: message, status: 200, payload: body ?? text })
      res.status(200).json(tiktokEnvelope(code, message, ctx.nextId()))
    }
    const token = req.get('Access-Token')
    if (!isTokenAccepted(token, ctx.credentials.tiktok?.accessToken)) {
      return refuse(40001, 'Access token is incorrect or has been revoked.')
    }
    const result = validateTiktokRequest(body, receivedAtMs)
    if (!result.ok) return refuse(40002, `Invalid parameter: ${result.error.field} ${result.error.problem}.`)
    const { pixelCode, events, testEventCode } = result.value
    const refusedIndex = events.findIndex((event) => typeof event.event_id === 'string' && verdict.rejectEventIds.has(event.event_id))
    if (refusedIndex !== -1) {
      return refuse(40002, `Invalid parameter: data[${refusedIndex}].event_id was rejected (emulator fault rejectEventIds).`)
    }
    for (const event of events) {
      ctx.ledger.record({
        platform: 'tiktok',
        channel: 'server',
        eventName: String(event.event),
        eventId: typeof event.event_id === 'string' ? event.event_id : null,
        pixelId: pixelCode,
        receivedAtMs,
        ...(testEventCode !== undefined ? { testEventCode } : {}),
        payload: event,
      })
    }
    res.status(200).json(tiktokEnvelope(0, 'OK', ctx.nextId()))
  }
}
