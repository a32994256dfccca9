import { err, ok, type ParsedTrackEvent, type Result } from '@pairtrack/shared'
import { MAX_EVENTS_PER_BEACON, TrackEventSchema } from '@pairtrack/shared/schema'
import type { z } from 'zod'
import type { IngestError, IngestIssue } from './ingest-error.js'
import { exceedsJsonDepth } from './json-depth.js'

// Keys that could reach an object's prototype if a later step ever copied with assignment semantics.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Deepest nesting a beacon body may have. A valid body nests five levels (array of events → event →
 * custom_data → contents → item); the schema refuses anything deeper, this refuses it before parsing.
 */
export const MAX_JSON_DEPTH = 8

// C0 controls but tab, LF and CR; DEL; and UTF-16 surrogates that are not part of a pair (JSON's \ud800
// escapes can produce them). No platform field needs them, and they break logs and downstream parsers.
const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udfff]/u
class UnsafeText extends Error {}
// A text with none of these can hold no unsafe string and no forbidden key: any escape (`\u0000`,
// `__prot\u006f__`), a raw DEL, a surrogate or a forbidden key name sends it through the reviver, which
// costs as much again as the parse. (Raw C0 controls are invalid JSON inside strings: JSON.parse refuses them.)
const NEEDS_REVIVER = /\\u|[\u007f\ud800-\udfff]|"(?:__proto__|constructor|prototype)"/

/**
 * Parses a beacon's text as JSON: refuses nesting deeper than MAX_JSON_DEPTH and strings (values or keys)
 * holding control characters or unpaired surrogates; drops keys that name the prototype chain
 * (`__proto__`, `constructor`, `prototype`), so no later copy of the value can pollute a prototype.
 * Duplicate keys keep the last value, as JSON.parse does: the policy check and delivery both read this
 * one parsed value, so there is no second parser to disagree with.
 * @example parseBeaconText('{"event_name":"Lead"}') // ok({ event_name: 'Lead' })
 */
export function parseBeaconText(text: string): Result<unknown, IngestError> {
  if (exceedsJsonDepth(text, MAX_JSON_DEPTH)) {
    return err(invalidBody([{ path: '', message: `the body nests deeper than ${MAX_JSON_DEPTH} levels` }]))
  }
  try {
    if (!NEEDS_REVIVER.test(text)) return ok(JSON.parse(text) as unknown)
    return ok(
      JSON.parse(text, (key, value: unknown) => {
        if (UNSAFE_TEXT.test(key) || (typeof value === 'string' && UNSAFE_TEXT.test(value))) throw new UnsafeText()
        return FORBIDDEN_KEYS.has(key) ? undefined : value
      }),
    )
  } catch (error) {
    return error instanceof UnsafeText
      ? err(invalidBody([{ path: '', message: 'a string holds control characters or unpaired surrogates' }]))
      : err({ code: 'invalid_json', message: 'the body is not valid JSON' })
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
