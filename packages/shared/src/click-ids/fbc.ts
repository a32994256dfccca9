import { isClickIdValue } from './click-id-value.js'

/**
 * `fbc` built from a landing URL's `fbclid` (platforms.md 1.7): `fb.<subdomainIndex>.<creationTimeMs>.<fbclid>`.
 * The creation time is in milliseconds (seconds is a common bug) and the fbclid is kept as it came.
 * `undefined` when the fbclid is missing or not a safe opaque value.
 * @example toFbc('IwAR2i2gk7', 1700000000000) // 'fb.1.1700000000000.IwAR2i2gk7'
 */
export function toFbc(fbclid: string | null | undefined, creationTimeMs: number, subdomainIndex = 1): string | undefined {
  return isClickIdValue(fbclid) ? `fb.${subdomainIndex}.${Math.floor(creationTimeMs)}.${fbclid}` : undefined
}

/**
 * An `_fbc` cookie value Meta accepts: four segments, or five with the parameter builder's appendix
 * (platforms.md 1.7, 11.3); the creation time must be 13-digit milliseconds.
 * @example isFbc('fb.1.1700000000000.IwAR2i2gk7') // true
 */
export function isFbc(value: string | null | undefined): value is string {
  return isClickIdValue(value) && /^fb\.\d\.\d{13}\.[^.]/.test(value)
}
