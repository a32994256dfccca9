import type { TrackEvent } from '@pairtrack/shared'
import type { Logger } from './safely.js'
import { NEVER_HASHED_KEYS } from './user-data-keys.js'

export { NEVER_HASHED_KEYS } from './user-data-keys.js'

/**
 * What the `hashInBrowser` add-on (`pairtrack-hash.js`, or `installHashInBrowser()` from
 * `@pairtrack/browser/hash`) puts on the page as `window.pairtrackHash`: an event in, the same event out
 * with its PII replaced by per-platform SHA-256 hashes (`hashed_user_data`) and only the never-hashed ids
 * left in `user_data`. It never rejects: on failure the PII is dropped.
 */
export type BrowserHasher = (event: TrackEvent) => Promise<TrackEvent>

/**
 * Hands an event to `add` as the beacon may carry it: unchanged without `hashInBrowser`; with it, through
 * the add-on (awaited), or, when the add-on is not on the page, with every key but the never-hashed ids
 * dropped from `user_data`. Raw PII never reaches the beacon. Kept tiny: it is in the core script.
 * @example addHashedEvent(event, options.hashInBrowser, window, log, batch.add)
 */
export function addHashedEvent(event: TrackEvent, hashInBrowser: boolean | undefined, host: object, log: Logger, add: (event: TrackEvent) => void): void {
  const hash = hashInBrowser && (host as { pairtrackHash?: BrowserHasher }).pairtrackHash
  if (hash) return void hash(event).then(add)
  if (hashInBrowser) {
    log('no hash add-on')
    const all: Record<string, unknown> = event.user_data ?? {}
    const ids: Record<string, unknown> = (event.user_data = {})
    for (const key of NEVER_HASHED_KEYS) ids[key] = all[key]
  }
  add(event)
}
