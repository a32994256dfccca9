import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express'
import { err, ok, type Result } from '@pairtrack/shared'
import type { IngestError } from '../pipeline/ingest-error.js'
import { parseBeaconText } from '../pipeline/ingest.js'

/** Beacons are small; 64 KB is also the most a keepalive fetch may carry. */
export const MAX_BEACON_BYTES = 64 * 1024

// sendBeacon and a no-preflight fetch send text/plain; servers and tests send application/json.
const ACCEPTED_TYPES = ['text/plain', 'application/json']

/** Reads the raw body as text whatever its type, up to MAX_BEACON_BYTES. */
export const readBeaconText: RequestHandler = express.text({ type: () => true, limit: MAX_BEACON_BYTES })

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
  const type = req.get('content-type')?.split(';')[0]?.trim().toLowerCase()
  if (type !== undefined && type !== '' && !ACCEPTED_TYPES.includes(type)) {
    return err({ code: 'unsupported_media_type', message: 'send the events as JSON with Content-Type text/plain or application/json' })
  }
  const body: unknown = req.body
  if (typeof body === 'string') return body.trim() === '' ? err({ code: 'invalid_json', message: 'the body is empty' }) : parseBeaconText(body)
  if (body !== undefined && body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return ok(body)
  return err({ code: 'invalid_json', message: 'the body is empty' })
}

/** Express error middleware for the body reader only. */
export function bodyReadErrorHandler(onError: (res: Response, error: IngestError) => void) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error)
    onError(res, toBodyReadError(error))
  }
}
