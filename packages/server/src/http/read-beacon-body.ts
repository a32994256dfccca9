import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express'
import { err, ok, type Result } from '@pairtrack/shared'
import type { IngestError } from '../pipeline/ingest-error.js'
import { parseBeaconText } from '../pipeline/ingest.js'

/** Beacons are small; 64 KB is also the most a keepalive fetch may carry. */
export const MAX_BEACON_BYTES = 64 * 1024

// sendBeacon and a no-preflight fetch send text/plain; servers and tests send application/json.
const ACCEPTED_TYPES = ['text/plain', 'application/json']

/**
 * Reads the raw bytes whatever the type, up to MAX_BEACON_BYTES. Compressed bodies are refused
 * (`inflate: false`): a beacon is never compressed, and inflating invites a zip bomb.
 */
export const readBeaconBytes: RequestHandler = express.raw({ type: () => true, limit: MAX_BEACON_BYTES, inflate: false })

// Strict: a body that is not valid UTF-8 is refused, not repaired with U+FFFD into something else.
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Maps body-parser's refusals (too large, bad charset, aborted) to a 4xx IngestError. */
export function toBodyReadError(error: unknown): IngestError {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined
  if (type === 'entity.too.large') return { code: 'body_too_large', message: `the body is larger than ${MAX_BEACON_BYTES} bytes` }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return { code: 'unsupported_media_type', message: 'the body must be UTF-8 JSON, without content encoding' }
  }
  return { code: 'invalid_json', message: 'the body could not be read' }
}

/**
 * The beacon body as a value: checks the content type, then parses the text. A host app that already
 * parsed JSON (express.json() before the relay) hands over its parsed value.
 */
export function beaconBodyOf(req: Request): Result<unknown, IngestError> {
  const [mediaType, ...parameters] = (req.get('content-type') ?? '').split(';')
  const type = mediaType?.trim().toLowerCase()
  if (type !== undefined && type !== '' && !ACCEPTED_TYPES.includes(type)) {
    return err({ code: 'unsupported_media_type', message: 'send the events as JSON with Content-Type text/plain or application/json' })
  }
  const charset = parameters.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('charset='))?.slice('charset='.length)
  if (charset !== undefined && !['utf-8', 'utf8', '"utf-8"'].includes(charset)) {
    return err({ code: 'unsupported_media_type', message: 'the body must be UTF-8 JSON' })
  }
  let body: unknown = req.body
  if (Buffer.isBuffer(body)) {
    try {
      body = utf8.decode(body)
    } catch {
      return err({ code: 'invalid_json', message: 'the body is not valid UTF-8' })
    }
  }
  if (typeof body === 'string') return body.trim() === '' ? err({ code: 'invalid_json', message: 'the body is empty' }) : parseBeaconText(body)
  if (body !== undefined && body !== null && typeof body === 'object') return ok(body)
  return err({ code: 'invalid_json', message: 'the body is empty' })
}

/** Express error middleware for the body reader only. */
export function bodyReadErrorHandler(onError: (res: Response, error: IngestError) => void) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error)
    onError(res, toBodyReadError(error))
  }
}
