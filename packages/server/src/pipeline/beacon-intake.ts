import { err, ok, type ConsentSignal, type ConsentState, type ParsedTrackEvent, type Result } from '@pairtrack/shared'
import type { BeaconPolicy } from './beacon-policy.js'
import { isBotUserAgent, type BotFilter } from './bot-filter.js'
import { resolveEventConsent, type ConsentResolution, type ConsentSource } from './consent.js'
import type { ClientContext } from './identify.js'
import type { IngestError } from './ingest-error.js'
import { requireWebsiteContext } from './ingest.js'
import type { TrackResult } from './pipeline.js'

/** What became of an accepted beacon: the stored events, or none when it was filtered as a bot's. */
export type BeaconOutcome = { results: TrackResult[]; filtered?: 'bot_filtered' }

/** The site's consent hook bound to one request (the router binds it, so no Express type reaches here). */
export type ConsentOf = (event: ParsedTrackEvent) => ConsentState | undefined | Promise<ConsentState | undefined>

export type BeaconIntakeOptions = {
  policy: BeaconPolicy
  /** False: no filter. */
  botFilter: BotFilter | false
  /** The relay's accept step (pipeline + bookkeeping); resolves with the results or a refusal. */
  accept(events: readonly ParsedTrackEvent[], client: ClientContext, sources?: readonly ConsentSource[]): Promise<TrackResult[] | IngestError>
  /** Called once per beacon dropped as a bot's. */
  onFiltered(): void
  /** What a failing consent hook falls back to (signals the browser denied stay denied). */
  defaultConsent: ConsentSignal
  /** Called once per event whose consent hook threw or answered an invalid state (the event is kept). */
  onConsentFailure(failure: NonNullable<ConsentResolution['failure']>, event: ParsedTrackEvent): void
}

/**
 * The browser's way in, after the schema: page context (400) → allowed names, policies and tokens (403)
 * → bot filter (202, nothing stored) → the site's consent hook, when given → the pipeline. The bot filter
 * comes after the checks so that a bot gets the same refusal for a bad beacon as anyone else.
 * @example const intake = createBeaconIntake({ policy, botFilter, accept, onFiltered }); await intake(events, client)
 */
export function createBeaconIntake(options: BeaconIntakeOptions) {
  return async function acceptBeacon(
    events: readonly ParsedTrackEvent[],
    client: ClientContext,
    consentOf?: ConsentOf,
  ): Promise<Result<BeaconOutcome, IngestError>> {
    const complete = requireWebsiteContext(events, {
      indexed: events.length > 1,
      ...(client.userAgent !== undefined ? { requestUserAgent: client.userAgent } : {}),
    })
    if (!complete.ok) return complete
    const allowed = options.policy.check(complete.value)
    if (!allowed.ok) return allowed
    if (options.botFilter !== false && isBotUserAgent(client.userAgent, options.botFilter)) {
      options.onFiltered()
      return ok({ results: [], filtered: 'bot_filtered' })
    }
    let pending = allowed.value
    let sources: ConsentSource[] | undefined
    if (consentOf !== undefined) {
      const resolved = await Promise.all(pending.map((event) => resolveEventConsent(event, consentOf, options.defaultConsent)))
      resolved.forEach((resolution, index) => {
        if (resolution.failure !== undefined) options.onConsentFailure(resolution.failure, pending[index]!)
      })
      pending = pending.map((event, index) => withConsent(event, resolved[index]!.consent))
      sources = resolved.map((resolution) => resolution.source)
    }
    const accepted = await options.accept(pending, client, sources)
    return Array.isArray(accepted) ? ok({ results: accepted }) : err(accepted)
  }
}

function withConsent(event: ParsedTrackEvent, consent: ConsentState | undefined): ParsedTrackEvent {
  if (consent === event.consent) return event
  const { consent: _stated, ...rest } = event
  return consent === undefined ? rest : { ...rest, consent }
}
