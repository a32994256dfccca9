import type { RawUserData } from '../event/event.schema.js'
import type { HashedUserData } from './hashed-user-data.js'
import { isSha256 } from './is-sha256.js'
import { mapHashedSlots } from './map-hashed-slots.js'
import { normalizePhoneQuickly } from './normalize/quick-phone.js'
import { layOutUserData, normalizeUserData, type NormalizeUserDataOptions, type SlotHasher } from './normalize-user-data.js'
import type { Sha256, Sha256Async } from './sha256.js'

export type HashUserDataOptions = NormalizeUserDataOptions & {
  /** SHA-256 function (node:crypto on the relay). */
  sha256: Sha256
}

export type HashUserDataAsyncOptions = NormalizeUserDataOptions & {
  /** SHA-256 function: `webCryptoSha256` in browsers (SubtleCrypto has no synchronous API). */
  sha256: Sha256Async
}

/**
 * Normalises each PII value per platform (`normalizeUserData`), then hashes it: an empty or invalid value
 * is dropped, an already hashed value passes through unchanged (never hashed twice). Each distinct
 * string is hashed once, however many platforms take it. Raw PII ends here.
 * @example hashUserData({ email: 'A@B.co' }, { sha256 }).meta.em // [sha256('a@b.co')]
 */
export function hashUserData(raw: RawUserData, options: HashUserDataOptions): HashedUserData {
  // Hashed as the slots are laid out: no normalised copy to hash afterwards. The phone normaliser with
  // the table of international numbers: the relay's alone (the browser add-on does without its code).
  return layOutUserData(raw, options, new DigestMemo(options.sha256), normalizePhoneQuickly) as HashedUserData
}

/**
 * The per-event memo: each distinct string hashed once, digests passed through. An event has about ten
 * distinct values, so a scan of two short arrays beats a Map (no string hashing, no table); past
 * SCAN_LIMIT values a Map takes over. It lives for one `hashUserData` call: nothing is kept across events.
 * (A class rather than a closure: one shape, and no function allocated per event.)
 */
class DigestMemo implements SlotHasher {
  private readonly clear: string[] = []
  private readonly digests: string[] = []
  private byValue: Map<string, string> | undefined
  private readonly sha256: Sha256

  constructor(sha256: Sha256) {
    this.sha256 = sha256
  }

  hash(value: string): string {
    if (isSha256(value)) return value
    const { clear, digests, byValue } = this
    if (byValue !== undefined) {
      let digest = byValue.get(value)
      if (digest === undefined) byValue.set(value, (digest = this.sha256(value)))
      return digest
    }
    for (let i = 0; i < clear.length; i += 1) if (clear[i] === value) return digests[i]!
    const digest = this.sha256(value)
    if (clear.length < SCAN_LIMIT) {
      clear.push(value)
      digests.push(digest)
    } else {
      this.byValue = new Map(clear.map((known, i) => [known, digests[i]!]))
      this.byValue.set(value, digest)
    }
    return digest
  }
}

const SCAN_LIMIT = 16

/**
 * `hashUserData` with an asynchronous SHA-256, for the browser (`hashInBrowser: true`): the same
 * normalisation, so a hash made on the page equals the one the relay would have made.
 * @example await hashUserDataAsync({ email: 'A@B.co' }, { sha256: webCryptoSha256, hashesOnly: true })
 */
export async function hashUserDataAsync(raw: RawUserData, options: HashUserDataAsyncOptions): Promise<HashedUserData> {
  const normalized = normalizeUserData(raw, options)
  const clear = new Set<string>()
  mapHashedSlots(normalized, (value) => {
    if (!isSha256(value)) clear.add(value)
    return value
  })
  const digests = new Map(await Promise.all([...clear].map(async (value) => [value, await options.sha256(value)] as const)))
  const hash = (value: string): string => {
    const digest = isSha256(value) ? value : digests.get(value)
    // Every clear value was collected above; reaching this would be a bug, and a clear value must not leak.
    if (digest === undefined) throw new Error('hashUserDataAsync: a value was not hashed')
    return digest
  }
  return mapHashedSlots(normalized, hash) as HashedUserData
}
