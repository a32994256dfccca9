/**
 * A response body as a JSON object, or undefined when it is empty, not JSON, or not an object. Platform
 * answers are untrusted input: classify reads them through this and checks every field's type.
 * @example parseJsonObject('{"code":0}') // { code: 0 }
 * @example parseJsonObject('<html>') // undefined
 */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
