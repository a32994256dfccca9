// Long enough for a platform's message naming the field, short enough that an answer echoing a payload
// (hashes, IPs) cannot fill the store's last_error column.
const MAX_DETAIL = 300

/**
 * A platform message made fit for a reason string: one line, trimmed, cut at 300 characters. Callers
 * never pass a request URL (the URL carries Meta's token and GA4's api_secret).
 * @example toReasonText('  bad\n value ') // 'bad value'
 */
export function toReasonText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line
}
