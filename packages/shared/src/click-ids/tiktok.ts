import { isClickIdValue } from './click-id-value.js'

/**
 * TikTok's `ttclid` (landing URL parameter) and `_ttp` (pixel cookie) are opaque (platforms.md 3.7):
 * sent unhashed and unaltered when they are safe opaque values, dropped otherwise.
 * @example toTiktokId('E.C.P.abc-123') // 'E.C.P.abc-123'
 */
export function toTiktokId(value: string | null | undefined): string | undefined {
  return isClickIdValue(value) ? value : undefined
}
