import type { Request } from 'express'

/**
 * The request body as text ('' when there is none). The emulator reads every body as text and parses it per
 * route, because platforms accept JSON, form fields and newline-separated hits regardless of content type.
 * @example rawBody(req) // '{"data":[...]}'
 */
export function rawBody(req: Request): string {
  return typeof req.body === 'string' ? req.body : ''
}

/**
 * JSON text → value, or undefined when it is not JSON.
 * @example parseJson('{"a":1}') // { a: 1 }
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/**
 * The query string of a request, exactly as sent (repeated keys kept; no nested-object parsing).
 * @example requestQuery(req).get('id')
 */
export function requestQuery(req: Request): URLSearchParams {
  const question = req.originalUrl.indexOf('?')
  return new URLSearchParams(question === -1 ? '' : req.originalUrl.slice(question + 1))
}
