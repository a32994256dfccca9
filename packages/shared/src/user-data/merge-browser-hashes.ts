import type { BrowserHashedUserData } from '../event/event.schema.js'
import { compactRecord } from './compact-record.js'
import type { HashedUserData, HashedUserDataFields } from './hashed-user-data.js'

/**
 * The relay's hashed user data with the hashes a page made itself (`hashInBrowser: true`) laid over it,
 * slot by slot: a slot the page hashed replaces the relay's (a list replaces the list; GA4's address
 * entries merge index by index), every other slot and the never-hashed ids stay. The page's hashes were
 * checked by `BrowserHashedUserDataSchema` (lowercase SHA-256 hex only) and are never hashed again.
 * @example mergeBrowserHashes(hashUserData({ fbp }, { sha256 }), { meta: { em: [digest] } }).meta.em // [digest]
 */
export function mergeBrowserHashes(hashed: HashedUserData, browser: BrowserHashedUserData): HashedUserData {
  const { meta = {}, ga4 = {}, tiktok = {} } = browser
  const { address, ...ga4Lists } = ga4
  const relayAddress = hashed.ga4.address ?? []
  const merged: HashedUserDataFields = {
    meta: { ...hashed.meta, ...meta },
    ga4: compactRecord({
      ...hashed.ga4,
      ...ga4Lists,
      address:
        address === undefined
          ? hashed.ga4.address
          : Array.from({ length: Math.max(address.length, relayAddress.length) }, (_, i) => ({ ...relayAddress[i], ...address[i] })),
    }),
    tiktok: { ...hashed.tiktok, ...tiktok },
    ids: hashed.ids,
  }
  // Only lowercase SHA-256 hex was added to a hashed branded value, so the result holds hashes only.
  return merged as HashedUserData
}
