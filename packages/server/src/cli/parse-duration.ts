import { err, ok, type Result } from '@pairtrack/shared'

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const
const DURATION = /^(\d+)(ms|s|m|h|d|w)$/

/**
 * A duration such as `30d`, `12h`, `90m`, `45s`, `2w` or `500ms`, in milliseconds.
 * @example parseDuration('30d') // ok(2592000000)
 */
export function parseDuration(text: string): Result<number, string> {
  const match = DURATION.exec(text.trim())
  if (match === null) return err(`"${text}" is not a duration: use a whole number and a unit, e.g. 30d, 12h, 90m`)
  return ok(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS])
}

/**
 * A point in time given as a duration back from now (`24h`: the last 24 hours) or as an ISO 8601 date
 * or date-time (`2025-06-01`, `2025-06-01T12:00:00Z`), in unix milliseconds.
 * @example parseSince('24h', Date.parse('2025-06-02T00:00:00Z')) // ok(Date.parse('2025-06-01T00:00:00Z'))
 */
export function parseSince(text: string, nowMs: number): Result<number, string> {
  const duration = parseDuration(text)
  if (duration.ok) return ok(nowMs - duration.value)
  const time = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(time)) return err(`"${text}" is neither a duration back from now (24h, 7d) nor an ISO date (2025-06-01)`)
  return ok(time)
}
