import { err, ok, type Result } from '@pairtrack/shared'
import { metaIssue, type MetaIssue } from './meta-issue.js'
import { validateMetaEvent } from './validate-meta-event.js'

/** Up to 1,000 events per request (platforms.md 1.2: commonly documented, UNCONFIRMED). */
export const META_MAX_BATCH = 1000

/** A request Meta accepts: the events as sent and the optional test code. */
export type MetaRequest = { events: Array<Record<string, unknown>>; testEventCode?: string }

/**
 * Checks a decoded Meta request body `{ data, test_event_code? }` (`data` may still be the JSON string of a
 * form post). Any invalid event fails the whole request, as Meta does (platforms.md 1.2).
 * @example validateMetaRequest({ data: [] }, Date.now()) // { ok: false, error: { kind: 'invalid', path: ['data'], ... } }
 */
export function validateMetaRequest(body: Record<string, unknown>, nowMs: number): Result<MetaRequest, MetaIssue> {
  let data = body.data
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown
    } catch {
      return err(metaIssue('invalid', ['data'], 'must be a JSON array of events'))
    }
  }
  if (data === undefined) return err(metaIssue('required', ['data'], 'is required'))
  if (!Array.isArray(data)) return err(metaIssue('invalid', ['data'], 'must be an array of events'))
  if (data.length === 0) return err(metaIssue('invalid', ['data'], 'must contain at least one event'))
  if (data.length > META_MAX_BATCH) {
    return err(metaIssue('invalid', ['data'], `must contain at most ${META_MAX_BATCH} events`))
  }
  for (const [index, event] of data.entries()) {
    const issue = validateMetaEvent(event, index, nowMs)
    if (issue) return err(issue)
  }
  const testEventCode = body.test_event_code
  if (testEventCode !== undefined && typeof testEventCode !== 'string') {
    return err(metaIssue('invalid', ['test_event_code'], 'must be a string'))
  }
  return ok({
    events: data as Array<Record<string, unknown>>,
    ...(testEventCode !== undefined ? { testEventCode } : {}),
  })
}
