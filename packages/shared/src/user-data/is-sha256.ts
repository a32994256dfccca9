// Anchored, so that "abc…(64 hex)…@x.com" is not mistaken for a hash (Segment's unanchored regex is the
// cautionary tale in STYLE.md).
const SHA256_HEX = /^[a-f0-9]{64}$/i

/**
 * A value that is already a SHA-256 hex digest: it passes through unchanged, never hashed twice.
 * @example isSha256('6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec') // true
 */
export function isSha256(value: string): boolean {
  // The length first: nearly every value is not a digest, and this runs for each value of each event.
  return value.length === 64 && SHA256_HEX.test(value)
}
