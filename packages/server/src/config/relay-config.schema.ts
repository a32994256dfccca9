import { z } from 'zod'
import type { Destination, DestinationId } from '../destinations/destination.js'
import { destinations, type Destinations } from '../destinations/registry.js'
import type { ResolveConsent } from '../http/resolve-consent.js'
import { DEFAULT_OUTBOX_URL } from '../outbox/index.js'
import { IngestOptionsShape } from './ingest-options.schema.js'

/** A pino-compatible logger: structured fields first, then the message. */
export type RelayLogger = {
  debug(fields: Record<string, unknown>, message: string): void
  info(fields: Record<string, unknown>, message: string): void
  warn(fields: Record<string, unknown>, message: string): void
  error(fields: Record<string, unknown>, message: string): void
}

const isRelayLogger = (value: unknown): value is RelayLogger =>
  typeof value === 'object' &&
  value !== null &&
  ['debug', 'info', 'warn', 'error'].every((level) => typeof (value as Record<string, unknown>)[level] === 'function')

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** The relay's own options, beside one key per destination. */
const RelayOptionsShape = {
  /** Outbox URL: `sqlite:<path>` (embedded, WAL). */
  store: z.string({ error: 'store must be a URL such as sqlite:./pairtrack.db' }).min(1).default(DEFAULT_OUTBOX_URL),
  /** ISO 3166-1 alpha-2 country for phone numbers typed without an international prefix. */
  defaultCountry: z
    .string({ error: 'defaultCountry must be a two-letter country code such as GB' })
    .regex(/^[A-Za-z]{2}$/, 'defaultCountry must be a two-letter country code such as GB')
    .transform((code) => code.toUpperCase())
    .optional(),
  /** Consent assumed for events that carry none (and for signals an event leaves unstated). */
  defaultConsent: z.enum(['granted', 'denied'], { error: 'defaultConsent must be granted or denied' }).default('granted'),
  /**
   * The site's own consent authority for beacons, `(req, event) => ConsentState | undefined` (sync or
   * async): its stated signals win over what the browser sent; `undefined` keeps the browser's. If it
   * throws or answers an invalid state, the event is kept with `defaultConsent` (signals the browser
   * denied stay denied) and a warning is logged. Not used for `relay.track()`, whose events carry
   * their own `consent`.
   */
  resolveConsent: z
    .custom<ResolveConsent>((value) => typeof value === 'function', { error: 'resolveConsent must be a function (req, event) => consent' })
    .optional(),
  /**
   * What is kept of an event that consent suppresses at a destination: 'hashed' records it (hashed data
   * only, never sent, purged after retentionDays); 'none' leaves no record at all.
   */
  recordSuppressed: z.enum(['hashed', 'none'], { error: 'recordSuppressed must be hashed or none' }).default('hashed'),
  /**
   * Per destination, which consent gates it: 'ads' (ad_storage + ad_user_data) or 'analytics'
   * (analytics_storage). Defaults: Meta and TikTok 'ads', GA4 'analytics' (GA4 then gets analytics-only
   * data while advertising is denied); `{ ga4: 'ads' }` sends GA4 nothing unless advertising is granted.
   */
  consentPurpose: z
    .partialRecord(
      z.enum(Object.keys(destinations) as [DestinationId, ...DestinationId[]]),
      z.enum(['ads', 'analytics'], { error: "consentPurpose values must be 'ads' or 'analytics'" }),
    )
    .default({}),
  /** How long delivery waits for a fuller batch after new events. */
  lingerMs: z.number({ error: 'lingerMs must be a number of milliseconds' }).int().min(0).max(60_000).default(1000),
  /** Budget for one request to a platform. */
  deliveryTimeoutMs: z.number({ error: 'deliveryTimeoutMs must be a number of milliseconds' }).int().min(100).max(120_000).default(10_000),
  /** How long close() waits for requests in flight before it leaves them to the next start. */
  shutdownDeadlineMs: z.number({ error: 'shutdownDeadlineMs must be a number of milliseconds' }).int().min(0).max(120_000).default(10_000),
  /** Delivered, dead and suppressed records older than this are purged by the relay (at start, then hourly). */
  retentionDays: z.number({ error: 'retentionDays must be a number of days' }).int().min(1).max(3650).default(30),
  /**
   * Advanced: how one record's retries are spaced and when it gives up (full-jitter exponential backoff).
   * Omitted fields keep their defaults: maxAttempts 12, baseDelayMs 1000, maxDelayMs 600000, maxRetryAfterMs 3600000.
   */
  retry: z
    .strictObject({
      maxAttempts: z.number({ error: 'retry.maxAttempts must be a number' }).int().min(1).max(100).optional(),
      baseDelayMs: z.number({ error: 'retry.baseDelayMs must be a number of milliseconds' }).int().min(1).max(3_600_000).optional(),
      maxDelayMs: z.number({ error: 'retry.maxDelayMs must be a number of milliseconds' }).int().min(1).max(86_400_000).optional(),
      maxRetryAfterMs: z.number({ error: 'retry.maxRetryAfterMs must be a number of milliseconds' }).int().min(0).max(86_400_000).optional(),
    })
    .optional(),
  /**
   * Advanced: pause of a whole destination after a pass in which every request failed, doubled per failed
   * pass (at least any Retry-After). Defaults: baseDelayMs 1000, maxDelayMs 60000.
   */
  destinationPause: z
    .strictObject({
      baseDelayMs: z.number({ error: 'destinationPause.baseDelayMs must be a number of milliseconds' }).int().min(1).max(3_600_000),
      maxDelayMs: z.number({ error: 'destinationPause.maxDelayMs must be a number of milliseconds' }).int().min(1).max(3_600_000),
    })
    .optional(),
  /**
   * Advanced: a record claimed by a relay that died (crash, SIGKILL) is sent again after this. Keep it well
   * above deliveryTimeoutMs. @default 120000
   */
  leaseMs: z.number({ error: 'leaseMs must be a number of milliseconds' }).int().min(500).max(3_600_000).optional(),
  /**
   * Where the outbox (SQLite) and the delivery loops run: 'main', the thread that serves the requests;
   * 'worker', a worker thread of their own, so that POST /events never waits behind a commit's fsync, a
   * claim or the building of a platform request. The worker costs more CPU in all (BENCHMARKS.md, Ingest):
   * choose it where cores are to spare and the event-loop thread is the limit.
   */
  outboxThread: z.enum(['main', 'worker'], { error: 'outboxThread must be main or worker' }).default('main'),
  /** Level of the built-in pino logger (ignored when `logger` is given). */
  logLevel: z.enum(LOG_LEVELS, { error: `logLevel must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  /** Your own pino (or compatible) logger. */
  logger: z.custom<RelayLogger>(isRelayLogger, { error: 'logger must have debug, info, warn and error methods' }).optional(),
}

type ConfigOf<D> = D extends Destination<infer Config, infer _Input> ? Config : never
type ConfigInputOf<D> = D extends Destination<infer _Config, infer Input> ? Input : never

/** Each destination's options under its id, all optional: configure any subset. */
export type DestinationConfigs = { [K in keyof Destinations]?: ConfigOf<Destinations[K]> }
type DestinationConfigInputs = { [K in keyof Destinations]?: ConfigInputOf<Destinations[K]> }

const destinationShape = Object.fromEntries(
  Object.entries(destinations).map(([id, destination]) => [id, destination.configSchema.optional()]),
) as { [K in keyof Destinations]: z.ZodOptional<Destinations[K]['configSchema']> }

/**
 * The relay's config: one key per destination in the registry plus the relay's own options. Unknown keys
 * are refused, so that a misspelt option is named at start.
 */
export const RelayConfigSchema = z
  .object({ ...destinationShape, ...RelayOptionsShape, ...IngestOptionsShape })
  .strict()
  .refine((config) => Object.keys(destinations).some((id) => config[id as keyof Destinations] !== undefined), {
    error: `configure at least one destination: ${Object.keys(destinations).join(', ')}`,
  })
  .refine((config) => config.leaseMs === undefined || config.leaseMs > config.deliveryTimeoutMs, {
    error: 'leaseMs must be longer than deliveryTimeoutMs, or a slow request could be sent twice',
    path: ['leaseMs'],
  })

type RelayOptions = z.output<z.ZodObject<typeof RelayOptionsShape>> & z.output<z.ZodObject<typeof IngestOptionsShape>>
type RelayOptionsInput = z.input<z.ZodObject<typeof RelayOptionsShape>> & z.input<z.ZodObject<typeof IngestOptionsShape>>

/** The config as the relay uses it: validated, defaults filled in. */
export type RelayConfig = DestinationConfigs & RelayOptions

/** The config as a site writes it. */
export type RelayConfigInput = DestinationConfigInputs & RelayOptionsInput

/** A wrong config: the message names every field at fault. */
export class RelayConfigError extends Error {
  override readonly name = 'RelayConfigError'
  constructor(readonly issues: ReadonlyArray<{ path: string; message: string }>) {
    super(`invalid pairtrack relay config: ${issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')}`)
  }
}

/**
 * Validates a relay config, filling in defaults; throws RelayConfigError naming each wrong field.
 * @example parseRelayConfig({ meta: { pixelId: '123', accessToken: 't' } }).store // 'sqlite:./pairtrack.db'
 */
export function parseRelayConfig(input: unknown): RelayConfig {
  const parsed = RelayConfigSchema.safeParse(input)
  if (!parsed.success) {
    throw new RelayConfigError(
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    )
  }
  return parsed.data as RelayConfig
}
