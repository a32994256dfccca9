import { err, ok, type Result } from '@pairtrack/shared'
import { validateTiktokEvent, type TiktokIssue } from './validate-tiktok-event.js'

/** Up to 1,000 events per request (platforms.md 3.1, per rudder-transformer). */
export const TIKTOK_MAX_BATCH = 1000

const EVENT_SOURCES = new Set(['web', 'app', 'offline', 'crm'])

/** A request TikTok accepts. */
export type TiktokRequest = {
  pixelCode: string
  events: Array<Record<string, unknown>>
  testEventCode?: string
}

/**
 * Checks an Events API 2.0 body (platforms.md 3.2). One bad event fails the whole batch (platforms.md 3.1).
 * @example validateTiktokRequest({ event_source: 'web' }, Date.now()) // { ok: false, error: { field: 'event_source_id', ... } }
 */
export function validateTiktokRequest(body: unknown, nowMs: number): Result<TiktokRequest, TiktokIssue> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return err({ field: 'body', problem: 'must be a JSON object' })
  }
  const fields = body as Record<string, unknown>
  if (typeof fields.event_source !== 'string' || !EVENT_SOURCES.has(fields.event_source)) {
    return err({ field: 'event_source', problem: `must be one of ${[...EVENT_SOURCES].join(', ')}` })
  }
  if (typeof fields.event_source_id !== 'string' || fields.event_source_id === '') {
    return err({ field: 'event_source_id', problem: 'is required' })
  }
  if (fields.test_event_code !== undefined && typeof fields.test_event_code !== 'string') {
    return err({ field: 'test_event_code', problem: 'must be a string' })
  }
  const data = fields.data
  if (!Array.isArray(data) || data.length === 0) return err({ field: 'data', problem: 'must be a non-empty array' })
  if (data.length > TIKTOK_MAX_BATCH) return err({ field: 'data', problem: `must contain at most ${TIKTOK_MAX_BATCH} events` })
  for (const [index, event] of data.entries()) {
    const issue = validateTiktokEvent(event, index, fields.event_source === 'web', nowMs)
    if (issue) return err(issue)
  }
  return ok({
    pixelCode: fields.event_source_id,
    events: data as Array<Record<string, unknown>>,
    ...(fields.test_event_code !== undefined ? { testEventCode: fields.test_event_code } : {}),
  })
}
