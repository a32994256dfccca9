/**
 * GA4's `client_id` from the `_ga` cookie: the last two parts of `GA1.<domainLevel>.<random>.<firstSeen>`
 * (platforms.md 2.7). A client id must be two numbers joined by a period (platforms.md 11.7), so anything
 * else gives `undefined`.
 * @example toGaClientId('GA1.1.1197596843.1673515099') // '1197596843.1673515099'
 */
export function toGaClientId(gaCookie: string | null | undefined): string | undefined {
  // A missing value reads as 'null' or 'undefined', which the pattern cannot match: no check or `?? ''`
  // (bytes of the browser bundle).
  return /^GA\d\.[\d-]+\.(\d{1,20}\.\d{1,20})$/.exec(gaCookie as string)?.[1]
}

/**
 * A new `_ga` cookie value in gtag's format `GA1.1.<random>.<firstSeenUnixSeconds>` (platforms.md 2.7),
 * for a page that has none yet: written as `_ga`, the Google tag adopts it when it loads, so the browser
 * hits and the server events share one client id. The random part is 9–10 digits like gtag's.
 * @example newGaCookie(1700000000123, () => 0) // 'GA1.1.100000000.1700000000'
 */
export function newGaCookie(nowMs: number, random: () => number = Math.random): string {
  return `GA1.1.${Math.floor(1e8 + random() * 2e9)}.${Math.floor(nowMs / 1000)}`
}
