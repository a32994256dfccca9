/**
 * Whether JSON text nests arrays and objects deeper than `max` levels, found by one pass over the text
 * (brackets inside strings do not count). Run before JSON.parse so that a 64 KB body of `[[[[…` costs a
 * scan, not a deep parse and a deep revive.
 * @example exceedsJsonDepth('{"a":[1]}', 1) // true
 */
export function exceedsJsonDepth(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: the next character is escaped
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return false
}
