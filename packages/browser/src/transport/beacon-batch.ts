import type { TrackEvent } from '@pairtrack/shared'

/** The relay's limit of events per beacon (MAX_EVENTS_PER_BEACON in shared's event.schema.ts, which
 * imports zod and so stays out of the bundle). */
export const MAX_EVENTS_PER_BEACON = 50

/** What `createBeaconBatch` returns: `add` an event to this tick's batch, `flush` it now (`hiding`: the page is being hidden or left). */
export type BeaconBatch = { add(event: TrackEvent): void; flush(hiding?: boolean): void }

/**
 * A beacon body: one event as an object, several as a JSON array (the relay accepts both).
 * @example toBeaconBody([event]) // '{"event_name":"Lead",…}'
 */
export function toBeaconBody(events: readonly TrackEvent[]): string {
  return JSON.stringify(events[1] ? events : events[0])
}

/**
 * Collects the events tracked in one tick and hands them over together, at most 50 at a time. A
 * microtask, not a timer, runs the flush, so a track() in a click handler that navigates away is sent
 * before the page unloads; `flush` sends at once (the tracker calls it on pagehide and visibilitychange,
 * with `hiding` true when the page is being hidden or left: the send then goes by `sendBeacon`).
 * @example const batch = createBeaconBatch((events, hiding) => send(url, toBeaconBody(events), navigator, hiding)); batch.add(event)
 */
export function createBeaconBatch(
  flush: (events: TrackEvent[], hiding?: boolean) => unknown,
  schedule: (run: () => void) => void = queueMicrotask,
): BeaconBatch {
  const pending: TrackEvent[] = []
  const run = (hiding?: boolean) => {
    while (pending[0]) flush(pending.splice(0, MAX_EVENTS_PER_BEACON), hiding)
  }
  return {
    add: (event) => {
      if (pending.push(event) == 1) schedule(run)
    },
    flush: run,
  }
}
