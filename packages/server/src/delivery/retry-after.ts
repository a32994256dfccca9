// RFC 9110 §10.2.3: Retry-After is delay-seconds or an HTTP-date. HTTP-date has one preferred form
// (IMF-fixdate) and two obsolete ones recipients must still accept (RFC 850, asctime).
const DELAY_SECONDS = /^\d+$/
const HTTP_DATE = [
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
]

/**
 * Milliseconds to wait from `nowMs`, or undefined when the header is absent or unreadable. A date in
 * the past means "now" (0).
 * @example parseRetryAfter('120', now) // 120000
 * @example parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:00Z')) // 60000
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (DELAY_SECONDS.test(text)) return Number(text) * 1000
  if (!HTTP_DATE.some((form) => form.test(text))) return undefined
  // asctime has no zone: it is GMT by definition.
  const at = Date.parse(text.endsWith('GMT') ? text : `${text} GMT`)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}
