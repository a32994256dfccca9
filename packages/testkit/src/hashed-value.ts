// Anchored checks only: an unanchored "contains 64 hex" test would pass "<hash>@example.com" (STYLE.md).
const LOWER_SHA256 = /^[a-f0-9]{64}$/
// capi-param-builder appends `.<appendix>` (base64url) to hashes (platforms.md 1.8, 11.3).
const META_HASHED = /^[a-f0-9]{64}(\.[A-Za-z0-9_-]+)?$/

/**
 * A lowercase SHA-256 hex digest, nothing else.
 * @example isLowerSha256('6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec') // true
 */
export function isLowerSha256(value: unknown): value is string {
  return typeof value === 'string' && LOWER_SHA256.test(value)
}

/**
 * A Meta hashed value: lowercase SHA-256 hex, optionally followed by a capi-param-builder appendix.
 * @example isMetaHashed('6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec.AQQCAQIB') // true
 */
export function isMetaHashed(value: unknown): value is string {
  return typeof value === 'string' && META_HASHED.test(value)
}

/**
 * A value that is one string or a non-empty array of strings, each passing `check`.
 * @example isOneOrMany(['a'], (v) => v === 'a') // true
 */
export function isOneOrMany(value: unknown, check: (item: unknown) => boolean): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(check)
  return check(value)
}
