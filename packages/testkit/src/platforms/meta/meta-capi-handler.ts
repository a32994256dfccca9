import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { applyFault, type FaultResponder } from '../../apply-fault.js'
import { parseJson, rawBody, requestQuery } from '../../http/raw-body.js'
import { isTokenAccepted, type PlatformRouteContext } from '../platform-route-context.js'
import { metaErrorBody, toMetaIssueError, type MetaErrorBody } from './meta-error-body.js'
import { metaIssue } from './meta-issue.js'
import { validateMetaRequest } from './validate-meta-request.js'

// Graph versions look like v24.0 (platforms.md 1.1).
const API_VERSION = /^v\d+\.\d+$/

// Meta answers throttling with Graph error code 17 "User request limit reached" (code 4 is the app-level
// limit; rudder-transformer treats 4, 17 and 80003 as throttled: platforms.md 1.5). The emulator uses HTTP 429
// plus Retry-After so a relay can honour it; real Graph often answers 400 for these codes.
function metaFaultResponder(ctx: PlatformRouteContext): FaultResponder {
  return {
    rateLimited(res) {
      res.status(429).json(
        metaErrorBody({
          message: '(#17) User request limit reached',
          code: 17,
          title: 'Rate limit',
          userMessage: 'Too many calls. Retry later.',
          transient: true,
          fbtraceId: ctx.nextId(),
        }),
      )
    },
    failed(res, status) {
      // Code 2 "Service temporarily unavailable" / 1 "unknown error", both retried (platforms.md 1.5).
      const code = status === 503 ? 2 : 1
      res.status(status).json(
        metaErrorBody({
          message: code === 2 ? 'Service temporarily unavailable' : 'An unknown error occurred',
          code,
          title: 'Server error',
          userMessage: 'Please retry your request later.',
          transient: true,
          fbtraceId: ctx.nextId(),
        }),
      )
    },
  }
}

// JSON body, or form fields (`data=<json>&test_event_code=…`) as in Meta's curl examples (platforms.md 1.1).
function decodeBody(text: string): Record<string, unknown> {
  const json = parseJson(text)
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) return json as Record<string, unknown>
  const fields: Record<string, unknown> = Object.fromEntries(new URLSearchParams(text))
  // Decoded for the ledger; an unparseable `data` stays a string and fails validation.
  if (typeof fields.data === 'string') fields.data = parseJson(fields.data) ?? fields.data
  return fields
}

/**
 * `POST /:version/:pixelId/events`: Meta's Conversions API (platforms.md 1.1–1.5), strict, recording accepted
 * events in the ledger as the `server` channel.
 * @example router.post('/:version/:pixelId/events', createMetaCapiHandler(ctx))
 */
export function createMetaCapiHandler(ctx: PlatformRouteContext): RequestHandler {
  const responder = metaFaultResponder(ctx)
  return async (req: Request, res: Response, next: NextFunction) => {
    const version = String(req.params.version)
    const pixelId = String(req.params.pixelId)
    if (!API_VERSION.test(version)) return next()
    // A token sent as a form field is taken out so it never reaches the ledger.
    const { access_token: bodyToken, ...body } = decodeBody(rawBody(req))
    const verdict = await applyFault(ctx, 'meta', res, responder, body)
    if (verdict.kind === 'answered') return
    const receivedAtMs = ctx.now()
    const refuse = (status: number, errorBody: MetaErrorBody) => {
      ctx.ledger.reject({ platform: 'meta', channel: 'server', receivedAtMs, reason: errorBody.error.message, status, payload: body })
      res.status(status).json(errorBody)
    }
    const query = requestQuery(req)
    const token = query.get('access_token') ?? (typeof bodyToken === 'string' ? bodyToken : undefined)
    if (!isTokenAccepted(token, ctx.credentials.meta?.accessToken)) {
      const missing = token === undefined || token === ''
      const message = missing
        ? 'An access token is required to request this resource.'
        : 'Invalid OAuth access token - Cannot parse access token'
      return refuse(400, metaErrorBody({ message, code: missing ? 104 : 190, title: 'Invalid access token', userMessage: message, fbtraceId: ctx.nextId() }))
    }
    if (!/^\d+$/.test(pixelId)) {
      const message = `Unsupported post request. Object with ID '${pixelId}' does not exist.`
      return refuse(400, metaErrorBody({ message, code: 100, subcode: 33, title: 'Unknown pixel', userMessage: message, fbtraceId: ctx.nextId() }))
    }
    const result = validateMetaRequest(body, receivedAtMs)
    if (!result.ok) return refuse(400, toMetaIssueError(result.error, ctx.nextId()))
    const refusedIndex = result.value.events.findIndex(
      (event) => typeof event.event_id === 'string' && verdict.rejectEventIds.has(event.event_id),
    )
    if (refusedIndex !== -1) {
      const issue = metaIssue('invalid', ['data', refusedIndex, 'event_id'], 'was rejected (emulator fault rejectEventIds)')
      return refuse(400, toMetaIssueError(issue, ctx.nextId()))
    }
    const { events, testEventCode } = result.value
    for (const event of events) {
      ctx.ledger.record({
        platform: 'meta',
        channel: 'server',
        eventName: String(event.event_name),
        eventId: typeof event.event_id === 'string' ? event.event_id : null,
        pixelId,
        receivedAtMs,
        ...(testEventCode !== undefined ? { testEventCode } : {}),
        payload: event,
      })
    }
    res.status(200).json({ events_received: events.length, messages: [], fbtrace_id: ctx.nextId() })
  }
}
