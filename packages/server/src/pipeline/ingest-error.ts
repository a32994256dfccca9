/** Why the relay refused input: a closed union, mapped to HTTP status in http/error-response.ts. */
export type IngestErrorCode =
  | 'invalid_json'
  | 'invalid_body'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'relay_closing'
  | 'store_unavailable'

export type IngestIssue = { path: string; message: string }

/** A refusal as a value: the code, a message naming the problem (never echoing a value), and field issues. */
export type IngestError = { code: IngestErrorCode; message: string; issues?: IngestIssue[] }

/**
 * What `relay.track()` rejects with: the same code, message and issues a beacon would get in its 4xx body.
 * @example try { await relay.track(event) } catch (e) { if (e instanceof RelayInputError) e.code // 'invalid_body' }
 */
export class RelayInputError extends Error {
  override readonly name = 'RelayInputError'
  readonly code: IngestErrorCode
  readonly issues: IngestIssue[]
  constructor(error: IngestError) {
    super(error.message)
    this.code = error.code
    this.issues = error.issues ?? []
  }
}
