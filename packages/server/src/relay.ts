import type { Router } from 'express'
import type { TrackEvent } from '@pairtrack/shared'
import { parseRelayConfig, type RelayConfig, type RelayConfigInput, type RelayLogger } from './config/relay-config.schema.js'
import type { Destination, DestinationId } from './destinations/destination.js'
import { destinations } from './destinations/registry.js'
import { createRelayRouter } from './http/router.js'
import { createRelayLogger } from './observability/logger.js'
import { createRelayMetrics } from './observability/metrics.js'
import { createRetentionSweeper, type OutboxStore } from './outbox/index.js'
import { createBeaconIntake } from './pipeline/beacon-intake.js'
import { createBeaconPolicy, type BeaconPolicy } from './pipeline/beacon-policy.js'
import { signEventToken, type SignEventTokenInput } from './pipeline/event-token.js'
import { RelayInputError, type IngestError } from './pipeline/ingest-error.js'
import { requireWebsiteContext, validateTrackEvent } from './pipeline/ingest.js'
import { createPipeline, type TrackResult } from './pipeline/pipeline.js'
import type { DeliverySettings } from './relay-thread/delivery-settings.js'
import { openOutboxBackend } from './relay-thread/open-outbox-backend.js'

/** The relay: an Express router to mount, plus the server-side API. */
export type Relay = Router & {
  /**
   * Sends a server-side event through the same pipeline as beacons. Resolves once it is in the outbox,
   * with what happens per destination; rejects with RelayInputError for an invalid event (the same code
   * and issues a beacon would get).
   */
  track(event: TrackEvent): Promise<TrackResult>
  /**
   * Stops accepting, lets requests in flight finish within `shutdownDeadlineMs`, hands records whose answer
   * did not come back to the outbox (the next start sends them), closes the store.
   */
  close(): Promise<void>
  /** The validated config, defaults filled in (tokens included: keep it on the server). */
  readonly config: RelayConfig
  /**
   * Mints the token a page passes as `track(name, data, user, { eventId, token })` for an event whose
   * policy is `signed` (Purchase, Subscribe, StartTrial by default). Call it while rendering the page,
   * with the id, name, value and currency the page will send. Throws without `signingSecret`.
   * @example relay.sign({ eventId: order.purchaseEventId, eventName: 'Purchase', value: 24, currency: 'EUR', ttl: 3600 })
   */
  sign(input: SignEventTokenInput): string
  /** The Prometheus text exposition of the relay's counters (rejections by reason, events accepted). */
  metrics(): Promise<string>
  /**
   * Delivers everything due now, waits for sends already in flight, and resolves when nothing is left to
   * do right now (rows waiting for a retry later are left). For tests and scripts.
   */
  flush(options?: { timeoutMs?: number }): Promise<void>
}

/**
 * Creates the relay. The config is checked at once: a wrong one throws RelayConfigError naming the field.
 * @example
 * const relay = createRelay({ meta: { pixelId: '123', accessToken: process.env.META_TOKEN! }, store: 'sqlite:./pairtrack.db' })
 * app.use('/pairtrack', relay)
 */
export function createRelay(input: RelayConfigInput): Relay {
  const config = parseRelayConfig(input)
  const logger: RelayLogger = config.logger ?? createRelayLogger({ level: config.logLevel })
  const targets = configuredTargets(config)
  const settings: DeliverySettings = {
    targets,
    lingerMs: config.lingerMs,
    deliveryTimeoutMs: config.deliveryTimeoutMs,
    ...(config.retry !== undefined ? { retry: withoutUndefined(config.retry) } : {}),
    ...(config.destinationPause !== undefined ? { destinationPause: config.destinationPause } : {}),
    ...(config.leaseMs !== undefined ? { leaseMs: config.leaseMs } : {}),
  }
  // The outbox and delivery: in this thread, or in a worker thread of their own (outboxThread).
  const backend = openOutboxBackend(config.store, settings, logger, config.outboxThread)
  const store: OutboxStore = backend.store
  const sweeper = createRetentionSweeper({
    store,
    retentionDays: config.retentionDays,
    onSweep: ({ purged }) => {
      if (purged > 0) logger.info({ purged, retentionDays: config.retentionDays }, 'purged finished records past retention')
    },
    onError: (error) => logger.error({ error: error instanceof Error ? error.message : String(error) }, 'retention purge failed'),
  })
  const pipeline = createPipeline({
    store,
    destinations: targets.map(({ id }) => ({ id, purpose: config.consentPurpose[id] ?? destinationOf(id).purpose })),
    defaultConsent: config.defaultConsent,
    recordSuppressed: config.recordSuppressed,
    ...(config.defaultCountry !== undefined ? { defaultCountry: config.defaultCountry } : {}),
    now: Date.now,
    onQueued: (ids) => ids.forEach((id) => backend.wake(id)),
  })

  const metrics = createRelayMetrics()
  const policy = createBeaconPolicy({
    allowedEvents: config.allowedEvents,
    eventPolicies: config.eventPolicies,
    signingSecrets: [...(config.signingSecret !== undefined ? [config.signingSecret] : []), ...config.previousSigningSecrets],
    now: Date.now,
  })
  warnOfUnsignableEvents(config, policy, logger)
  warnOfNoConsentSource(input, logger)

  let closing: Promise<void> | null = null
  const inFlight = new Set<Promise<unknown>>()
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work)
    void work.finally(() => inFlight.delete(work)).catch(() => {})
    return work
  }

  const accept = async (...args: Parameters<typeof pipeline.accept>): Promise<TrackResult[] | IngestError> => {
    if (closing) return { code: 'relay_closing', message: 'the relay is shutting down; retry shortly' }
    try {
      const results = await track(pipeline.accept(...args))
      metrics.accepted(args[1], results.length)
      for (const result of results) {
        logger.debug({ event_name: result.eventName, event_id: result.eventId, origin: args[1], destinations: result.destinations }, 'event accepted')
      }
      return results
    } catch (error) {
      logger.error({ error: error instanceof Error ? error.message : String(error) }, 'outbox write failed')
      return { code: 'store_unavailable', message: 'the relay could not store the events; retry later' }
    }
  }

  const { router, close: closeRouter } = createRelayRouter({
    acceptBeacon: createBeaconIntake({
      policy,
      botFilter: config.botFilter,
      accept: (events, client, sources) => accept(events, 'browser', client, sources),
      onFiltered: () => metrics.rejected('bot_filtered'),
      defaultConsent: config.defaultConsent,
      // The event's name and id only: never the request, the answer or the error text (they may hold PII).
      onConsentFailure: (failure, event) =>
        logger.warn(
          { failure, event_name: event.event_name, event_id: event.event_id, fallback: config.defaultConsent },
          failure === 'threw'
            ? 'resolveConsent threw: the event is kept with defaultConsent (signals the browser denied stay denied)'
            : 'resolveConsent answered an invalid consent state: the event is kept with defaultConsent (signals the browser denied stay denied)',
        ),
    }),
    ...(config.resolveConsent !== undefined ? { resolveConsent: config.resolveConsent } : {}),
    onRefused: (error) => metrics.rejected(error.code),
    allowedOrigins: config.allowedOrigins,
    rateLimit: config.rateLimit,
    ...(config.metricsRoute ? { metrics: async () => ({ contentType: metrics.contentType, text: await metrics.text() }) } : {}),
    publicConfig: () => Object.fromEntries(targets.map(({ id, config: own }) => [id, destinationOf(id).publicConfig(own)])),
    health: async () => {
      const storeOk = !closing && (await store.countDue(targets[0]!.id, Date.now(), 1).then(() => true, () => false))
      return {
        ok: storeOk,
        body: { status: storeOk ? 'ok' : 'unavailable', store: storeOk ? 'ok' : 'unavailable', destinations: targets.map((t) => t.id) },
      }
    },
    logger,
  })

  sweeper.start()
  logger.info({ destinations: targets.map((t) => t.id), store: describeStore(config.store) }, 'pairtrack relay started')

  return Object.assign(router, {
    config,
    sign(input: SignEventTokenInput): string {
      if (config.signingSecret === undefined) throw new Error('relay.sign() needs signingSecret in the relay config')
      return signEventToken(input, config.signingSecret, Date.now())
    },
    metrics: () => metrics.text(),
    async track(event: TrackEvent): Promise<TrackResult> {
      const valid = validateTrackEvent(event)
      if (!valid.ok) throw new RelayInputError(valid.error)
      const complete = requireWebsiteContext([valid.value], { indexed: false })
      if (!complete.ok) throw new RelayInputError(complete.error)
      const accepted = await accept(complete.value, 'server')
      if (!Array.isArray(accepted)) throw new RelayInputError(accepted)
      return accepted[0]!
    },
    async flush(options: { timeoutMs?: number } = {}): Promise<void> {
      const deadline = Date.now() + (options.timeoutMs ?? 10_000)
      for (;;) {
        await backend.drain()
        if (!(await hasWorkNow(store, targets)) || Date.now() > deadline) return
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    },
    close(): Promise<void> {
      closing ??= (async () => {
        await Promise.allSettled([...inFlight])
        await closeRouter()
        await sweeper.stop()
        await backend.close(config.shutdownDeadlineMs)
        logger.info({}, 'pairtrack relay closed')
      })()
      return closing
    },
  })
}

/** Rows due now, or being sent by a worker loop. */
async function hasWorkNow(store: OutboxStore, targets: DeliverySettings['targets']): Promise<boolean> {
  const counts = await store.counts()
  if (counts.some((count) => count.status === 'in_flight' && count.count > 0)) return true
  const now = Date.now()
  for (const { id } of targets) if ((await store.countDue(id, now, 1)) > 0) return true
  return false
}

// The registry key and the config key are the same id, and the config was parsed by that destination's
// own schema, so the pair belongs together.
const destinationOf = (id: DestinationId): Destination<unknown> => destinations[id]

/** The configured destinations by id, each with its own parsed config (plain data: it crosses to the outbox thread). */
function configuredTargets(config: RelayConfig): Array<{ id: DestinationId; config: unknown }> {
  const targets: Array<{ id: DestinationId; config: unknown }> = []
  for (const id of Object.keys(destinations) as DestinationId[]) {
    const own = config[id]
    if (own !== undefined) targets.push({ id, config: own })
  }
  return targets
}

/** Drops keys whose value is undefined, so that spreading the result over defaults never unsets one. */
function withoutUndefined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> }
}

/** Without a signingSecret, browser beacons of `signed` events can only be refused: say so once, at start. */
function warnOfUnsignableEvents(config: RelayConfig, policy: BeaconPolicy, logger: RelayLogger): void {
  if (config.signingSecret !== undefined) return
  const names = [...new Set([...config.allowedEvents, ...Object.keys(config.eventPolicies)])].filter((name) => policy.policyOf(name) === 'signed')
  if (names.length === 0) return
  logger.warn(
    { events: names },
    'no signingSecret: browser beacons of these events are refused (403 token_missing); send them with relay.track(), or set signingSecret and pass relay.sign() tokens',
  )
}

/**
 * A site that states no consent source sends every event as granted: say so once, at start. "Stated" is
 * read from the raw input, since the parsed config always holds a defaultConsent.
 */
function warnOfNoConsentSource(input: RelayConfigInput, logger: RelayLogger): void {
  if (input.defaultConsent !== undefined || input.resolveConsent !== undefined) return
  logger.warn(
    { defaultConsent: 'granted' },
    "no consent source configured (neither defaultConsent nor resolveConsent): events without consent are sent as consent 'granted'; " +
      "set defaultConsent: 'denied' (EEA/UK) or a resolveConsent hook, see the README section \"Consent\"",
  )
}

/** The store URL without credentials, for logs. */
function describeStore(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//[redacted]@')
}
