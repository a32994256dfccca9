// Pure ASCII is always NFC; testing for it is ~5× cheaper than String.prototype.normalize, and this runs
// a dozen times per event on the relay.
const ASCII = /^[\x00-\x7f]*$/

/**
 * Unicode NFC: the platforms hash UTF-8 bytes, so `Valéry` typed with a combining accent must hash like
 * the precomposed `é` (platforms.md 10, vector 5).
 * @example toNfc('Vale\u0301ry') // 'Valéry' (precomposed)
 */
export function toNfc(value: string): string {
  return ASCII.test(value) ? value : value.normalize('NFC')
}

/**
 * The first step of every text normaliser: lowercase, NFC, trimmed. `toLowerCase` is locale-independent,
 * so a Turkish server locale cannot change a hash.
 * @example toLowerText('  Valéry ') // 'valéry'
 */
export function toLowerText(value: string): string {
  return toNfc(value.toLowerCase()).trim()
}
