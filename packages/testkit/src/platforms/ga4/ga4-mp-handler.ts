import type { Request, RequestHandler, Response } from 'express'
import { applyFault, type FaultResponder } from '../../apply-fault.js'
import { parseJson, rawBody, requestQuery } from '../../http/raw-body.js'
import { isTokenAccepted, type PlatformRouteContext } from '../platform-route-context.js'
import { ga4Message } from './ga4-validation-message.js'
import { validateGa4Payload } from './validate-ga4-payload.js'

// GA4 MP has no documented error responses (it answers 2xx to everything: platforms.md 2.1); injected failures
// answer with an empty body and the status (plus Retry-After for rate limits).
const ga4FaultResponder: FaultResponder = {
  rateLimited: (res) => void res.status(429).end(),
  failed: (res, status) => void res.status(status).end(),
}

type Ga4Body = Record<string, unknown> & { events: Array<Record<string, unknown>> }

function toStringParam(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  return typeof value === 'number' ? String(value) : undefined
}

function recordEvents(ctx: PlatformRouteContext, body: Ga4Body, measurementId: string, rejectEventIds: ReadonlySet<string>): void {
  const receivedAtMs = ctx.now()
  const { events, ...shared } = body
  for (const event of events) {
    const params = (event.params ?? {}) as Record<string, unknown>
    const eventId = typeof params.event_id === 'string' ? params.event_id : null
    // The ledger payload is the event plus the request-level fields it is sent with (client_id, user_data, …).
    const payload = { ...shared, event }
    if (eventId !== null && rejectEventIds.has(eventId)) {
      ctx.ledger.reject({ platform: 'ga4', channel: 'server', receivedAtMs, reason: 'dropped (emulator fault rejectEventIds)', status: 204, payload })
      continue
    }
    const transactionId = toStringParam(params.transaction_id)
    ctx.ledger.record({
      platform: 'ga4',
      channel: 'server',
      eventName: String(event.name),
      eventId,
      ...(transactionId !== undefined ? { transactionId } : {}),
      pixelId: measurementId,
      receivedAtMs,
      payload,
    })
  }
}

/**
 * `POST /mp/collect`: like GA4, always answers 204; an invalid payload or a wrong `api_secret` (when one is
 * configured) is dropped and recorded as rejected, never counted (platforms.md 2.1, 11.6).
 * @example router.post('/mp/collect', createGa4MpHandler(ctx))
 */
export function createGa4MpHandler(ctx: PlatformRouteContext): RequestHandler {
  return async (req: Request, res: Response) => {
    const text = rawBody(req)
    const payload = parseJson(text) ?? text
    const verdict = await applyFault(ctx, 'ga4', res, ga4FaultResponder, payload)
    if (verdict.kind === 'answered') return
    const query = requestQuery(req)
    const measurementId = query.get('measurement_id')
    const problems = [
      ...(measurementId ? [] : [ga4Message('measurement_id', 'measurement_id query parameter is required.', 'VALUE_REQUIRED')]),
      ...(isTokenAccepted(query.get('api_secret') ?? undefined, ctx.credentials.ga4?.apiSecret)
        ? []
        : [ga4Message('api_secret', 'api_secret is missing or wrong.', 'VALUE_INVALID')]),
      ...validateGa4Payload(text, ctx.now()),
    ]
    if (problems.length > 0 || !measurementId) {
      const reason = problems.map((message) => `${message.fieldPath}: ${message.description}`).join('; ')
      ctx.ledger.reject({ platform: 'ga4', channel: 'server', receivedAtMs: ctx.now(), reason, status: 204, payload })
    } else {
      recordEvents(ctx, payload as Ga4Body, measurementId, verdict.rejectEventIds)
    }
    res.status(204).end()
  }
}

/**
 * `POST /debug/mp/collect`: validates without storing and answers `{ validationMessages }` (platforms.md 2.5).
 * Like Google's validator it does not check `api_secret`.
 * @example router.post('/debug/mp/collect', createGa4DebugHandler(ctx))
 */
export function createGa4DebugHandler(ctx: PlatformRouteContext): RequestHandler {
  return (req: Request, res: Response) => {
    const measurementId = requestQuery(req).get('measurement_id')
    const validationMessages = [
      ...(measurementId ? [] : [ga4Message('measurement_id', 'Unable to find non-empty parameter [measurement_id].', 'VALUE_REQUIRED')]),
      ...validateGa4Payload(rawBody(req), ctx.now()),
    ]
    res.status(200).json({ validationMessages })
  }
}
