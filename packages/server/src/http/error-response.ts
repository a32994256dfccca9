import type { Response } from 'express'
import type { IngestError, IngestErrorCode } from '../pipeline/ingest-error.js'

/** The one table from refusal code to HTTP status. */
export const STATUS_OF: Record<IngestErrorCode, number> = {
  invalid_json: 400,
  invalid_body: 400,
  body_too_large: 413,
  unsupported_media_type: 415,
  relay_closing: 503,
  store_unavailable: 503,
  event_not_allowed: 403,
  server_only: 403,
  token_missing: 403,
  token_invalid: 403,
  token_expired: 403,
  token_mismatch: 403,
  origin_not_allowed: 403,
  rate_limited: 429,
}

/**
 * Answers a refusal: `{ error, message, issues? }`, status from STATUS_OF.
 * @example sendIngestError(res, { code: 'invalid_json', message: 'the body is not valid JSON' })
 */
export function sendIngestError(res: Response, error: IngestError): void {
  res
    .status(STATUS_OF[error.code])
    // An answer about one request: no cache may keep it or hand it to another client.
    .set('Cache-Control', 'no-store')
    .json({ error: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) })
}
