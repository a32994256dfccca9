import { isClickIdValue } from './click-id-value.js'

/**
 * A Google Ads click id from the landing URL's `gclid`, else from the `_gcl_aw` cookie Google's tag
 * writes as `GCL.<unixSeconds>.<gclid>` (platforms.md 2.7).
 * @example toGclid(null, 'GCL.1700000000.Cj0KCQ') // 'Cj0KCQ'
 */
export function toGclid(urlValue: string | null | undefined, gclAwCookie?: string | null): string | undefined {
  if (isClickIdValue(urlValue)) return urlValue
  // A missing value reads as 'null' or 'undefined', which the pattern cannot match: no check or `?? ''`
  // (bytes of the browser bundle).
  const fromCookie = /^GCL\.\d+\.(.+)$/.exec(gclAwCookie as string)?.[1]
  return isClickIdValue(fromCookie) ? fromCookie : undefined
}
