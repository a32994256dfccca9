/** Why Meta refuses a request, before it is turned into Meta's Graph error object. */
export type MetaIssueKind = 'required' | 'invalid' | 'too_old' | 'in_future'

export type MetaIssue = {
  kind: MetaIssueKind
  /** The offending field, e.g. ['data', 0, 'event_time']. */
  path: ReadonlyArray<string | number>
  /** What is wrong, without echoing the value (it may be raw PII). */
  problem: string
}

/**
 * Meta's way of naming a field in error messages (platforms.md 1.5: `$['data'][0]['event_time']`).
 * @example toMetaFieldPath(['data', 0, 'event_time']) // "$['data'][0]['event_time']"
 */
export function toMetaFieldPath(path: ReadonlyArray<string | number>): string {
  return '$' + path.map((part) => (typeof part === 'number' ? `[${part}]` : `['${part}']`)).join('')
}

/** Shorthand for an issue. @example metaIssue('required', ['data', 0, 'event_name'], 'is required') */
export function metaIssue(kind: MetaIssueKind, path: ReadonlyArray<string | number>, problem: string): MetaIssue {
  return { kind, path, problem }
}
