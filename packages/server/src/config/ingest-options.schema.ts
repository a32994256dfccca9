import { z } from 'zod'
import { DEFAULT_BOT_USER_AGENTS } from '../pipeline/bot-filter.js'
import { DEFAULT_ALLOWED_EVENTS } from '../pipeline/beacon-policy.js'

// The event_name rule of the beacon schema: a name that could never arrive is a typo in the config.
const eventName = z
  .string({ error: 'an event name must be a string' })
  .regex(/^[A-Za-z][A-Za-z0-9_ -]{0,99}$/, 'an event name starts with a letter and holds letters, digits, _ - or space')

const secret = (key: string) =>
  z
    .string({ error: `${key} must be a string` })
    .min(32, `${key} must be at least 32 characters (e.g. openssl rand -base64 32)`)
    .max(512, `${key} must be at most 512 characters`)

const origin = z.string({ error: 'an origin must be a string' }).refine((value) => {
  try {
    return new URL(value).origin === value
  } catch {
    return false
  }
}, 'an origin is a scheme, host and optional port, without path or trailing slash, e.g. https://shop.example')

const userAgentPieces = z.array(z.string().min(1).max(200)).max(500)

/**
 * The relay's options for its public ingest (POST /events): who may send what. Documented in
 * the README (Security); every default is safe to run with.
 */
export const IngestOptionsShape = {
  /**
   * Event names the relay accepts from browsers; others get 403 event_not_allowed. Replaces the default,
   * so spread DEFAULT_ALLOWED_EVENTS to add a custom name (or give it an `open`/`signed` policy).
   * @default the standard events (PageView, ViewContent, …, Purchase, Subscribe, StartTrial, …)
   */
  allowedEvents: z.array(eventName, { error: 'allowedEvents must be a list of event names' }).max(500).default([...DEFAULT_ALLOWED_EVENTS]),
  /**
   * Per event name: `signed` (needs a relay.sign() token), `open`, or `server-only` (relay.track() only).
   * Laid over the defaults { Purchase, Subscribe, StartTrial: 'signed' }; other names are `open`.
   * A name given `open` or `signed` here is also accepted from browsers.
   */
  eventPolicies: z
    .record(eventName, z.enum(['signed', 'open', 'server-only'], { error: 'a policy is signed, open or server-only' }))
    .default({}),
  /**
   * HMAC-SHA256 key of relay.sign() tokens, at least 32 characters. Without it, relay.sign() throws and
   * browser beacons of `signed` events are refused (403), with a warning at start.
   */
  signingSecret: secret('signingSecret').optional(),
  /** Secrets being rotated out: tokens they signed still verify; nothing new is signed with them. */
  previousSigningSecrets: z.array(secret('previousSigningSecrets'), { error: 'previousSigningSecrets must be a list' }).max(5).default([]),
  /**
   * Origins whose pages may send beacons (`https://shop.example`), checked against Origin, else Referer;
   * `'*'` turns the check off. @default the relay's own host: pages served by the app that mounts it
   */
  allowedOrigins: z.union([z.literal('*'), z.array(origin).min(1).max(100)], { error: "allowedOrigins must be a list of origins or '*'" }).optional(),
  /** Beacons per IP per window on POST /events; false turns it off. @default { windowMs: 60000, max: 300 } */
  rateLimit: z
    .union(
      [
        z.literal(false),
        z.strictObject({
          windowMs: z.number({ error: 'rateLimit.windowMs must be a number of milliseconds' }).int().min(1000).max(86_400_000).default(60_000),
          max: z.number({ error: 'rateLimit.max must be a number' }).int().min(1).max(1_000_000).default(300),
        }),
      ],
      { error: 'rateLimit must be { windowMs, max } or false' },
    )
    .default({ windowMs: 60_000, max: 300 }),
  /**
   * Beacons whose user agent holds a `block` piece (case-insensitive) and no `allow` piece are answered
   * 202 but neither stored nor sent (counted as bot_filtered); false turns the filter off.
   * @default { block: DEFAULT_BOT_USER_AGENTS, allow: [] }
   */
  botFilter: z
    .union([z.literal(false), z.strictObject({ block: userAgentPieces.default([...DEFAULT_BOT_USER_AGENTS]), allow: userAgentPieces.default([]) })], {
      error: 'botFilter must be { block?, allow? } or false',
    })
    .default({ block: [...DEFAULT_BOT_USER_AGENTS], allow: [] }),
  /** Serve the Prometheus counters at GET {mount}/metrics. Off: use relay.metrics() behind your own auth. @default false */
  metricsRoute: z.boolean({ error: 'metricsRoute must be true or false' }).default(false),
}
