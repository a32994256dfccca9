/** Hit parameters with `prefix[key]` groups folded into objects: `cd[value]=5` → `{ cd: { value: '5' } }`. */
export type BracketParams = Record<string, string | Record<string, unknown>>

/**
 * Folds `name[key]=value` pairs into `{ name: { key: value } }`; values that look like JSON arrays or objects
 * (Meta's pixel JSON-encodes `cd[contents]`, `cd[content_ids]`: platforms.md 1.7) are decoded.
 * @example toBracketParams(new URLSearchParams('id=1&cd[value]=5')) // { id: '1', cd: { value: '5' } }
 */
export function toBracketParams(params: URLSearchParams): BracketParams {
  const out: BracketParams = {}
  for (const [name, value] of params) {
    const match = /^([^[\]]+)\[([^[\]]+)\]$/.exec(name)
    if (!match) {
      out[name] = value
      continue
    }
    const group = match[1] ?? ''
    const key = match[2] ?? ''
    const existing = out[group]
    const target = typeof existing === 'object' ? existing : {}
    target[key] = decodeJsonish(value)
    out[group] = target
  }
  return out
}

function decodeJsonish(value: string): unknown {
  if (!/^[[{]/.test(value)) return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return value
  }
}
