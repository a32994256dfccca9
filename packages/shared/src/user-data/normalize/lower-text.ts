// Pure ASCII is always NFC; testing for it is ~5× cheaper than String.prototype.normalize, and this runs
// a dozen times per event on the relay (a loop over the short values here costs less than a regex call).

/**
 * Pure ASCII: no accents to fold, no combining marks, already NFC and NFD.
 * @example isAscii('Valéry') // false
 */
export function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) if (value.charCodeAt(i) > 0x7f) return false
  return true
}

/**
 * Only the letters a–z: nothing to fold, strip or collapse. The normalisers' shortcut for the usual
 * value (`jane`, `ca`); anything else takes their general rules.
 * @example isLowerLetters('jane') // true
 */
export function isLowerLetters(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i)
    if (code < 0x61 || code > 0x7a) return false
  }
  return true
}

/**
 * Unicode NFC: the platforms hash UTF-8 bytes, so `Valéry` typed with a combining accent must hash like
 * the precomposed `é` (platforms.md 10, vector 5).
 * @example toNfc('Vale\u0301ry') // 'Valéry' (precomposed)
 */
export function toNfc(value: string): string {
  return isAscii(value) ? value : value.normalize('NFC')
}

/**
 * The first step of every text normaliser: lowercase, NFC, trimmed. `toLowerCase` is locale-independent,
 * so a Turkish server locale cannot change a hash.
 * @example toLowerText('  Valéry ') // 'valéry'
 */
export function toLowerText(value: string): string {
  return toNfc(value.toLowerCase()).trim()
}
