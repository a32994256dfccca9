import type { PlatformId } from '@pairtrack/shared'

/** Which copy of an event reached the platform: the pixel in the page, or a server API call. */
export type Channel = 'browser' | 'server'

/** One accepted event (server API) or hit (pixel), in arrival order. */
export type LedgerEntry = {
  platform: PlatformId
  channel: Channel
  eventName: string
  eventId: string | null
  /** GA4 only: the `transaction_id` param, when the event carries one. */
  transactionId?: string
  /** Meta pixel id, GA4 measurement id or TikTok pixel code. */
  pixelId: string | null
  receivedAtMs: number
  testEventCode?: string
  /** The event as sent (server) or the hit's parameters (browser). */
  payload: unknown
}

/** A request or event the platform refused (or, for GA4, silently dropped). */
export type Rejection = {
  platform: PlatformId
  channel: Channel
  receivedAtMs: number
  reason: string
  /** The HTTP status the emulator answered with (GA4 answers 2xx even when it drops). */
  status: number
  payload: unknown
}

/** What the platform counts: arrivals that share a dedup key inside the platform's window are one conversion. */
export type Conversion = {
  platform: PlatformId
  eventName: string
  /** The dedup key; arrivals that can never deduplicate get a unique `unique:<n>` key. */
  key: string
  /** Channels in arrival order, duplicates included. */
  channels: Channel[]
  firstChannel: Channel
  /** Arrivals beyond the first. */
  duplicates: number
}

export type PlatformLedger = { received: LedgerEntry[]; rejected: Rejection[]; conversions: Conversion[] }

/** Everything the emulator saw, per platform (`GET /_emulator/ledger` returns this as JSON). */
export type Ledger = Record<PlatformId, PlatformLedger>

/** A platform's deduplication rule: which arrivals count as the same conversion, and for how long. */
export type DedupRule = {
  /** The key shared by duplicates, or null when the entry can never be deduplicated. */
  key(entry: LedgerEntry): string | null
  /** How long after a conversion's first arrival a duplicate still collapses into it. */
  windowMs: number
}

/** The emulator's mutable ledger; `snapshot()` hands out copies. */
export type LedgerStore = {
  record(entry: LedgerEntry): void
  reject(rejection: Rejection): void
  snapshot(): Ledger
  reset(): void
}

type OpenConversion = { conversion: Conversion; firstAtMs: number }

// The latest conversion with this key whose window still covers the entry.
function findOpen(open: OpenConversion[], entry: LedgerEntry, key: string, windowMs: number): OpenConversion | undefined {
  for (let i = open.length - 1; i >= 0; i--) {
    const item = open[i]
    if (
      item !== undefined &&
      item.conversion.platform === entry.platform &&
      item.conversion.key === key &&
      entry.receivedAtMs - item.firstAtMs <= windowMs
    ) {
      return item
    }
  }
  return undefined
}

function emptyLedger(): Ledger {
  return {
    meta: { received: [], rejected: [], conversions: [] },
    ga4: { received: [], rejected: [], conversions: [] },
    tiktok: { received: [], rejected: [], conversions: [] },
  }
}

/**
 * A ledger that applies each platform's dedup rule as entries arrive.
 * @example
 * const store = createLedgerStore({ meta: metaDedupRule, ga4: ga4DedupRule, tiktok: tiktokDedupRule })
 * store.record(entry)
 * store.snapshot().meta.conversions
 */
export function createLedgerStore(rules: Record<PlatformId, DedupRule>): LedgerStore {
  let ledger = emptyLedger()
  let open: OpenConversion[] = []
  let uniqueSeq = 0

  function record(entry: LedgerEntry): void {
    const platformLedger = ledger[entry.platform]
    platformLedger.received.push(entry)
    const rule = rules[entry.platform]
    const key = rule.key(entry)
    const match = key === null ? undefined : findOpen(open, entry, key, rule.windowMs)
    if (match) {
      match.conversion.channels.push(entry.channel)
      match.conversion.duplicates += 1
      return
    }
    const conversion: Conversion = {
      platform: entry.platform,
      eventName: entry.eventName,
      key: key ?? `unique:${++uniqueSeq}`,
      channels: [entry.channel],
      firstChannel: entry.channel,
      duplicates: 0,
    }
    platformLedger.conversions.push(conversion)
    if (key !== null) open.push({ conversion, firstAtMs: entry.receivedAtMs })
  }

  return {
    record,
    reject(rejection) {
      ledger[rejection.platform].rejected.push(rejection)
    },
    snapshot: () => structuredClone(ledger),
    reset() {
      ledger = emptyLedger()
      open = []
      uniqueSeq = 0
    },
  }
}
