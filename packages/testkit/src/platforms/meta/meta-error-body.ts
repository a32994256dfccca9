import type { MetaIssue, MetaIssueKind } from './meta-issue.js'
import { toMetaFieldPath } from './meta-issue.js'

/** Meta's Graph API error object (platforms.md 1.5). */
export type MetaErrorBody = {
  error: {
    message: string
    type: 'OAuthException'
    code: number
    error_subcode?: number
    is_transient: boolean
    error_user_title: string
    error_user_msg: string
    fbtrace_id: string
  }
}

// Code 100 with 2804xxx subcodes for invalid parameters (platforms.md 1.5). 2804019 "is required" was observed
// in a real error; 2804003 "event too old" comes from rudder-transformer; 2804004 (future) and 2804001 (other
// invalid values) are the emulator's choice: UNCONFIRMED against Meta's table.
const ISSUE_SUBCODES: Record<MetaIssueKind, { subcode: number; title: string }> = {
  required: { subcode: 2804019, title: 'Missing Parameter' },
  invalid: { subcode: 2804001, title: 'Invalid Parameter' },
  too_old: { subcode: 2804003, title: 'Event Timestamp Too Old' },
  in_future: { subcode: 2804004, title: 'Event Timestamp In Future' },
}

/**
 * The Graph error object for a parameter issue: code 100, a 2804xxx subcode, and the field named Meta's way.
 * @example toMetaIssueError(metaIssue('required', ['data', 0, 'event_time'], 'is required'), 't1').error.message
 * // "The parameter $['data'][0]['event_time'] is required."
 */
export function toMetaIssueError(issue: MetaIssue, fbtraceId: string): MetaErrorBody {
  const { subcode, title } = ISSUE_SUBCODES[issue.kind]
  const message = `The parameter ${toMetaFieldPath(issue.path)} ${issue.problem}.`
  return metaErrorBody({ message, code: 100, subcode, title, userMessage: message, fbtraceId })
}

/**
 * Any Graph error object.
 * @example metaErrorBody({ message: 'Invalid OAuth access token.', code: 190, title: 'Invalid token',
 *   userMessage: 'Invalid OAuth access token.', fbtraceId: 't1' })
 */
export function metaErrorBody(options: {
  message: string
  code: number
  subcode?: number
  title: string
  userMessage: string
  transient?: boolean
  fbtraceId: string
}): MetaErrorBody {
  return {
    error: {
      message: options.message,
      type: 'OAuthException',
      code: options.code,
      ...(options.subcode !== undefined ? { error_subcode: options.subcode } : {}),
      is_transient: options.transient ?? false,
      error_user_title: options.title,
      error_user_msg: options.userMessage,
      fbtrace_id: options.fbtraceId,
    },
  }
}
