// ESM entry `@pairtrack/browser/hash`: the `hashInBrowser` add-on. It carries the normalisers and
// libphonenumber-js's metadata, so it is a separate entry with its own size budget; the core tracker
// only looks for `window.pairtrackHash` (hash-in-browser-hook.ts).
import {
  hashUserDataAsync,
  webCryptoSha256,
  type BrowserHashedUserData,
  type RawUserData,
  type Sha256Async,
  type TrackEvent,
} from '@pairtrack/shared'
import { NEVER_HASHED_KEYS, type BrowserHasher } from './hash-in-browser-hook.js'

export type { BrowserHasher } from './hash-in-browser-hook.js'

export type HashInBrowserOptions = {
  /**
   * ISO 3166-1 alpha-2 country for phone numbers typed without `+`/`00` when the event names no
   * country: set it like the relay's `defaultCountry`, or such numbers are dropped (never hashed as typed).
   */
  defaultCountry?: string
  /** @default WebCrypto SHA-256 (SubtleCrypto: secure contexts, i.e. HTTPS or localhost) */
  sha256?: Sha256Async
}

/**
 * Per-platform hashes of raw user data, laid out as the beacon's `hashed_user_data`: the relay's own
 * normalisation (`hashUserDataAsync`, with `hashesOnly`, so that values platforms take in clear stay
 * home) and WebCrypto SHA-256. Equal, slot for slot, to what the relay's `hashUserData` makes.
 * @example await hashUserDataInBrowser({ email: 'Ada@Example.org' }) // { meta: { em: ['…'] }, ga4: {…}, tiktok: {…} }
 */
export async function hashUserDataInBrowser(userData: RawUserData, options: HashInBrowserOptions = {}): Promise<BrowserHashedUserData> {
  const { defaultCountry, sha256 = webCryptoSha256 } = options
  const { meta, ga4, tiktok } = await hashUserDataAsync(userData, { sha256, hashesOnly: true, ...(defaultCountry ? { defaultCountry } : {}) })
  const hashed: BrowserHashedUserData = {}
  if (Object.keys(meta).length) hashed.meta = meta
  if (Object.keys(ga4).length) hashed.ga4 = ga4
  if (Object.keys(tiktok).length) hashed.tiktok = tiktok
  return hashed
}

/**
 * The add-on's hasher (`window.pairtrackHash`): the event with only the never-hashed ids left in
 * `user_data` and its PII hashed into `hashed_user_data`. It never rejects: if hashing fails (no
 * SubtleCrypto outside a secure context, say), the PII is dropped and the event goes without it.
 * @example await createBrowserHasher({ defaultCountry: 'US' })(event) // { …event, user_data: { fbp }, hashed_user_data: {…} }
 */
export function createBrowserHasher(options: HashInBrowserOptions = {}): BrowserHasher {
  return async (event: TrackEvent): Promise<TrackEvent> => {
    const { user_data: userData = {}, ...rest } = event
    // Split by key; both halves keep RawUserData's keys and values, so the casts below are exact.
    const ids: Record<string, string | string[]> = {}
    const pii: Record<string, string | string[]> = {}
    for (const [key, value] of Object.entries(userData)) {
      if (value === undefined) continue
      if ((NEVER_HASHED_KEYS as readonly string[]).includes(key)) ids[key] = value
      else pii[key] = value
    }
    const out: TrackEvent = { ...rest, user_data: ids as RawUserData }
    if (Object.keys(pii).length === 0) return out
    try {
      const hashed = await hashUserDataInBrowser(pii as RawUserData, options)
      if (Object.keys(hashed).length > 0) out.hashed_user_data = hashed
    } catch {
      // Dropped, never sent raw.
    }
    return out
  }
}

/**
 * Installs the add-on on the page (`window.pairtrackHash`), where a tracker made with
 * `hashInBrowser: true` finds it. Call it before the first `track()`.
 * @example installHashInBrowser({ defaultCountry: 'GB' }); createTracker({ hashInBrowser: true })
 */
export function installHashInBrowser(options: HashInBrowserOptions = {}, target: object = globalThis): BrowserHasher {
  const hasher = createBrowserHasher(options)
  ;(target as { pairtrackHash?: BrowserHasher }).pairtrackHash = hasher
  return hasher
}
