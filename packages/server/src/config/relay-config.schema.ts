import { z } from 'zod'
import type { Destination } from '../destinations/destination.js'
import { destinations, type Destinations } from '../destinations/registry.js'
import { DEFAULT_OUTBOX_URL } from '../outbox/index.js'

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
  /** How long delivery waits for a fuller batch after new events. */
  lingerMs: z.number({ error: 'lingerMs must be a number of milliseconds' }).int().min(0).max(60_000).default(1000),
  /** Budget for one request to a platform. */
  deliveryTimeoutMs: z.number({ error: 'deliveryTimeoutMs must be a number of milliseconds' }).int().min(100).max(120_000).default(10_000),
  /** How long close() waits for requests in flight before it leaves them to the next start. */
  shutdownDeadlineMs: z.number({ error: 'shutdownDeadlineMs must be a number of milliseconds' }).int().min(0).max(120_000).default(10_000),
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
  .object({ ...destinationShape, ...RelayOptionsShape })
  .strict()
  .refine((config) => Object.keys(destinations).some((id) => config[id as keyof Destinations] !== undefined), {
    error: `configure at least one destination: ${Object.keys(destinations).join(', ')}`,
  })

type RelayOptions = z.output<z.ZodObject<typeof RelayOptionsShape>>
type RelayOptionsInput = z.input<z.ZodObject<typeof RelayOptionsShape>>

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
