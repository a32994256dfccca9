import { estimateMatchQuality, type ConsentSignal, type MatchQualityEstimate, type ParsedTrackEvent } from '@pairtrack/shared'
import type { Destination, DestinationId } from '../destinations/destination.js'
import type { EnqueueResult, NewOutboxRow, OutboxEvent, OutboxStore } from '../outbox/index.js'
import { decideConsent, decisionWithSource, effectiveConsent, type ConsentSource } from './consent.js'
import { identifyEvent, type ClientContext } from './identify.js'

/**
 * What became of an accepted event at one destination, with pairtrack's match quality estimate (0–10,
 * and the identifiers that would raise it: an estimate, not the platform's own score).
 */
export type DestinationResult = (
  | { status: 'queued' }
  /** The same event name and id arrived before: nothing is sent again. */
  | { status: 'duplicate' }
  /** Accepted and recorded, but not to be sent (consent denied), with the reason. */
  | { status: 'skipped'; reason: string }
) & { matchQuality: MatchQualityEstimate }

/** What `relay.track()` resolves with, per event. */
export type TrackResult = {
  eventId: string
  eventName: string
  destinations: Partial<Record<DestinationId, DestinationResult>>
}

export type PipelineOptions = {
  store: OutboxStore
  /** The configured destinations (only their id and consent purpose matter here). */
  destinations: ReadonlyArray<Pick<Destination<unknown>, 'id' | 'purpose'>>
  defaultConsent: ConsentSignal
  /** 'hashed': an event suppressed by consent is recorded (hashed data only); 'none': no record at all. */
  recordSuppressed?: 'hashed' | 'none'
  defaultCountry?: string
  now: () => number
  /** Called after rows were written, with the destinations that got new pending rows. */
  onQueued?: (destinations: DestinationId[]) => void
}

export type Pipeline = {
  /**
   * Runs validated events through consent → identify → enqueue; resolves once the rows are on disk.
   * Rejects only if the store fails (nothing was accepted then). `sources` says, per event, where its
   * consent came from (default: the event itself); the decision records it.
   */
  accept(
    events: readonly ParsedTrackEvent[],
    origin: OutboxEvent['origin'],
    client?: ClientContext,
    sources?: readonly ConsentSource[],
  ): Promise<TrackResult[]>
}

/**
 * The ingest pipeline, framework-neutral: the only place that knows the order of the steps.
 * @example const results = await pipeline.accept([event], 'server')
 */
export function createPipeline(options: PipelineOptions): Pipeline {
  return {
    async accept(events, origin, client, sources) {
      const receivedAtMs = options.now()
      const rows: NewOutboxRow[] = []
      for (const [index, event] of events.entries()) {
        const identified = identifyEvent(event, {
          origin,
          receivedAtMs,
          // Only the configured destinations' forms are normalised and hashed.
          platforms: options.destinations.map((destination) => destination.id),
          ...(client !== undefined ? { client } : {}),
          ...(options.defaultCountry !== undefined ? { defaultCountry: options.defaultCountry } : {}),
        })
        const matchQuality = Object.fromEntries(
          options.destinations.map((destination) => [destination.id, estimateMatchQuality(identified.userData, destination.id)]),
        )
        const stored: OutboxEvent = { ...identified, consent: effectiveConsent(event.consent, options.defaultConsent), matchQuality }
        for (const destination of options.destinations) {
          const { send, decision } = decideConsent(stored.consent, destination.purpose)
          rows.push({
            destination: destination.id,
            status: send ? 'pending' : 'suppressed',
            decision: decisionWithSource(decision, sources?.[index]),
            event: stored,
            nextAttemptAtMs: receivedAtMs,
          })
        }
      }
      const kept = options.recordSuppressed === 'none' ? rows.filter((row) => row.status !== 'suppressed') : rows
      const written = kept.length > 0 ? await options.store.enqueue(kept, receivedAtMs) : []
      const queued = [...new Set(written.filter((w) => w.result === 'queued').map((w) => w.destination))]
      if (queued.length > 0) options.onQueued?.(queued)
      return toTrackResults(events, rows, resultsPerRow(rows, kept, written))
    },
  }
}

/**
 * The store's answer for every planned row, in order; a suppressed row that was not recorded
 * (`recordSuppressed: 'none'`) answers as suppressed all the same.
 */
function resultsPerRow(rows: readonly NewOutboxRow[], kept: readonly NewOutboxRow[], written: readonly EnqueueResult[]): EnqueueResult[] {
  if (kept.length === rows.length) return [...written]
  let next = 0
  return rows.map((row) =>
    kept.includes(row)
      ? written[next++]!
      : { destination: row.destination, eventId: row.event.eventId, eventName: row.event.eventName, result: 'suppressed' as const },
  )
}

function toTrackResults(
  events: readonly ParsedTrackEvent[],
  rows: readonly NewOutboxRow[],
  written: readonly EnqueueResult[],
): TrackResult[] {
  const results = events.map((event) => ({ eventId: event.event_id, eventName: event.event_name, destinations: {} as TrackResult['destinations'] }))
  // enqueue answers row by row, in order; rows were laid out event by event.
  const perEvent = rows.length / Math.max(events.length, 1)
  written.forEach((entry, index) => {
    const result = results[Math.floor(index / perEvent)]
    const row = rows[index]
    if (result === undefined || row === undefined) return
    const matchQuality = row.event.matchQuality?.[entry.destination] ?? { score: 0, missing: [] }
    result.destinations[entry.destination] =
      entry.result === 'queued'
        ? { status: 'queued', matchQuality }
        : entry.result === 'duplicate'
          ? { status: 'duplicate', matchQuality }
          : { status: 'skipped', reason: row.decision, matchQuality }
  })
  return results
}
