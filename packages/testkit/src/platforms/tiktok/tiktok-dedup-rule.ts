import type { DedupRule } from '../../ledger.js'

const HOURS_48_MS = 48 * 60 * 60 * 1000

/**
 * TikTok: identical `event` + `event_id` within 48 h of the first arrival is one conversion, for pixel↔pixel,
 * API↔API and pixel↔API alike (platforms.md 3.4). Entries without an event id never deduplicate.
 * @example tiktokDedupRule.key({ eventName: 'Purchase', eventId: 'e1', ... }) // 'Purchase|e1'
 */
export const tiktokDedupRule: DedupRule = {
  key: (entry) => (entry.eventId ? `${entry.eventName}|${entry.eventId}` : null),
  windowMs: HOURS_48_MS,
}
