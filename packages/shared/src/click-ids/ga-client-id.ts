/**
 * GA4's `client_id` from the `_ga` cookie: the last two parts of `GA1.<domainLevel>.<random>.<firstSeen>`
 * (platforms.md 2.7). A client id must be two numbers joined by a period (platforms.md 11.7), so anything
 * else gives `undefined`.
 * @example toGaClientId('GA1.1.1197596843.1673515099') // '1197596843.1673515099'
 */
export function toGaClientId(gaCookie: string | null | undefined): string | undefined {
  return /^GA\d\.[\d-]+\.(\d{1,20}\.\d{1,20})$/.exec(gaCookie ?? '')?.[1]
}
