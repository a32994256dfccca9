/** Why the relay refused input: a closed union, mapped to HTTP status in http/error-response.ts. */
export type IngestErrorCode =
  | 'invalid_json'
  | 'invalid_body'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'relay_closing'
  | 'store_unavailable'
  /** The event name is not in the relay's `allowedEvents` (nor given an `open`/`signed` policy). */
  | 'event_not_allowed'
  /** The event's policy is `server-only`: only `relay.track()` may send it. */
  | 'server_only'
  /** A `signed` event came without a token. */
  | 'token_missing'
  /** The token's signature does not verify (forged, truncated, or signed with an unknown secret). */
  | 'token_invalid'
  /** The token verified but its time is up. */
  | 'token_expired'
  /** The token verified but was minted for another event id, name, value or currency. */
  | 'token_mismatch'
  /** The beacon's Origin (or Referer) is not in `allowedOrigins`. */
  | 'origin_not_allowed'
  /** Too many beacons from one IP in the rate limit's window. */
  | 'rate_limited'

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
