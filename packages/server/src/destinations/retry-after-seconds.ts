// RFC 9110 §10.2.3 delay-seconds: one or more digits. The HTTP-date form needs a clock, which a destination
// does not have (STYLE.md habit 1): the delivery worker parses the header itself whenever an outcome carries
// no retryAfterMs, so a date is still honoured there.
const DELAY_SECONDS = /^\d+$/

/**
 * A `Retry-After` header in delay-seconds, as milliseconds; undefined when absent or an HTTP-date.
 * @example parseRetryAfterSeconds({ 'retry-after': '30' }) // 30000
 * @example parseRetryAfterSeconds({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }) // undefined
 */
export function parseRetryAfterSeconds(headers: Readonly<Record<string, string>>): number | undefined {
  const value = headers['retry-after']?.trim()
  return value !== undefined && DELAY_SECONDS.test(value) ? Number(value) * 1000 : undefined
}
