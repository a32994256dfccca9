import { err, ok, type ParsedTrackEvent, type Result } from '@pairtrack/shared'
import type { BeaconPolicy } from './beacon-policy.js'
import { isBotUserAgent, type BotFilter } from './bot-filter.js'
import type { ClientContext } from './identify.js'
import type { IngestError } from './ingest-error.js'
import { requireWebsiteContext } from './ingest.js'
import type { TrackResult } from './pipeline.js'

/** What became of an accepted beacon: the stored events, or none when it was filtered as a bot's. */
export type BeaconOutcome = { results: TrackResult[]; filtered?: 'bot_filtered' }

export type BeaconIntakeOptions = {
  policy: BeaconPolicy
  /** False: no filter. */
  botFilter: BotFilter | false
  /** The relay's accept step (pipeline + bookkeeping); resolves with the results or a refusal. */
  accept(events: readonly ParsedTrackEvent[], client: ClientContext): Promise<TrackResult[] | IngestError>
  /** Called once per beacon dropped as a bot's. */
  onFiltered(): void
}

/**
 * The browser's way in, after the schema: page context (400) → allowed names, policies and tokens (403)
 * → bot filter (202, nothing stored) → the pipeline. The bot filter comes last so that a bot gets the
 * same refusal for a bad beacon as anyone else.
 * @example const intake = createBeaconIntake({ policy, botFilter, accept, onFiltered }); await intake(events, client)
 */
export function createBeaconIntake(options: BeaconIntakeOptions) {
  return async function acceptBeacon(events: readonly ParsedTrackEvent[], client: ClientContext): Promise<Result<BeaconOutcome, IngestError>> {
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
    const accepted = await options.accept(allowed.value, client)
    return Array.isArray(accepted) ? ok({ results: accepted }) : err(accepted)
  }
}
