import type { RequestHandler, Response } from 'express'
import { MemoryStore, rateLimit } from 'express-rate-limit'
import type { RelayLogger } from '../config/relay-config.schema.js'
import type { IngestError } from '../pipeline/ingest-error.js'

export type RateLimitOptions = { windowMs: number; max: number }

/** The per-IP limiter of POST /events, and how to stop its timer. */
export type BeaconRateLimit = { handler: RequestHandler; close(): Promise<void> }

/**
 * Per-IP rate limit (express-rate-limit, in memory: one relay process per count). The IP is Express's
 * `req.ip`, so the host app's `trust proxy` decides whether X-Forwarded-For counts; IPv6 addresses are
 * grouped by /56. Over the limit: 429 rate_limited with Retry-After and the standard RateLimit headers.
 * @example createBeaconRateLimit({ windowMs: 60_000, max: 300 }, sendIngestError, logger)
 */
export function createBeaconRateLimit(
  options: RateLimitOptions,
  refuse: (res: Response, error: IngestError) => void,
  logger: RelayLogger,
): BeaconRateLimit {
  const store = new MemoryStore()
  const handler = rateLimit({
    windowMs: options.windowMs,
    limit: options.max,
    store,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => refuse(res, { code: 'rate_limited', message: 'too many beacons from this address; retry later' }),
    // Its configuration warnings (e.g. X-Forwarded-For seen while the app does not trust proxies) go to
    // the relay's log instead of the console.
    logger: {
      warn: (warning: unknown) => logger.warn({ code: codeOf(warning) }, `rate limit: ${messageOf(warning)}`),
      error: (error: unknown) => logger.error({ code: codeOf(error) }, `rate limit: ${messageOf(error)}`),
    },
  })
  return { handler, close: async () => store.shutdown() }
}

const codeOf = (error: unknown): string =>
  String((typeof error === 'object' && error !== null && (error as { code?: unknown }).code) || (error instanceof Error ? error.name : 'unknown'))
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))
