import { err, ok, type ParsedTrackEvent, type Result } from '@pairtrack/shared'
import { MAX_EVENTS_PER_BEACON, TrackEventSchema } from '@pairtrack/shared/schema'
import type { z } from 'zod'
import type { IngestError, IngestIssue } from './ingest-error.js'

// Keys that could reach an object's prototype if a later step ever copied with assignment semantics.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Parses a beacon's text as JSON. Keys that name the prototype chain are dropped while parsing, so no
 * later copy of the value can pollute a prototype.
 * @example parseBeaconText('{"event_name":"Lead"}') // ok({ event_name: 'Lead' })
 */
export function parseBeaconText(text: string): Result<unknown, IngestError> {
  try {
    return ok(JSON.parse(text, (key, value: unknown) => (FORBIDDEN_KEYS.has(key) ? undefined : value)))
  } catch {
    return err({ code: 'invalid_json', message: 'the body is not valid JSON' })
  }
}

const toIssues = (error: z.ZodError, prefix: string): IngestIssue[] =>
  error.issues.map((issue) => ({ path: prefix + issue.path.map(String).join('.'), message: issue.message }))

const invalidBody = (issues: IngestIssue[]): IngestError => ({
  code: 'invalid_body',
  message: issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; '),
  issues,
})

/**
 * Validates one event (the `relay.track()` input).
 * @example validateTrackEvent({ event_name: 'Lead', event_id: 'e1' }).ok // true
 */
export function validateTrackEvent(body: unknown): Result<ParsedTrackEvent, IngestError> {
  const parsed = TrackEventSchema.safeParse(body)
  return parsed.success ? ok(parsed.data) : err(invalidBody(toIssues(parsed.error, '')))
}

/**
 * Validates a beacon body: one event, or an array of at most MAX_EVENTS_PER_BEACON events, each checked
 * on its own (issue paths start with the index: `1.custom_data.value`). One bad event refuses the beacon:
 * the browser sends a batch as one unit, and a partial accept would hide the bug.
 */
export function validateBeacon(body: unknown): Result<ParsedTrackEvent[], IngestError> {
  if (!Array.isArray(body)) {
    const one = validateTrackEvent(body)
    return one.ok ? ok([one.value]) : one
  }
  if (body.length === 0 || body.length > MAX_EVENTS_PER_BEACON) {
    return err(invalidBody([{ path: '', message: `a beacon carries 1 to ${MAX_EVENTS_PER_BEACON} events` }]))
  }
  const events: ParsedTrackEvent[] = []
  const issues: IngestIssue[] = []
  body.forEach((item, index) => {
    const parsed = TrackEventSchema.safeParse(item)
    if (parsed.success) events.push(parsed.data)
    else issues.push(...toIssues(parsed.error, `${index}.`))
  })
  return issues.length === 0 ? ok(events) : err(invalidBody(issues))
}

/**
 * Meta and TikTok refuse a `website` event without its page URL and the browser's user agent
 * (platforms.md 1.2, 3.2); refusing it here gives the sender a clear 4xx instead of a dead letter later.
 * A beacon's user agent comes from its request; a server event must carry it, or use another
 * action_source (`system_generated` for a payment webhook, say).
 */
export function requireWebsiteContext(
  events: readonly ParsedTrackEvent[],
  options: { indexed: boolean; requestUserAgent?: string },
): Result<readonly ParsedTrackEvent[], IngestError> {
  const issues: IngestIssue[] = []
  events.forEach((event, index) => {
    if ((event.action_source ?? 'website') !== 'website') return
    const prefix = options.indexed ? `${index}.` : ''
    if (event.event_source_url === undefined) {
      issues.push({ path: `${prefix}event_source_url`, message: 'a website event needs event_source_url (the page URL)' })
    }
    if (options.requestUserAgent === undefined && event.user_data?.client_user_agent === undefined) {
      issues.push({
        path: `${prefix}user_data.client_user_agent`,
        message: 'a website event needs the browser user agent; for a conversion without a browser, set action_source (e.g. system_generated)',
      })
    }
  })
  return issues.length === 0 ? ok(events) : err(invalidBody(issues))
}
