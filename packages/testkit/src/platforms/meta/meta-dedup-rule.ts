import type { DedupRule } from '../../ledger.js'

const HOURS_48_MS = 48 * 60 * 60 * 1000

/**
 * Meta: same pixel + same event name (case-sensitive) + same event id within 48 h of the first arrival is one
 * conversion (platforms.md 1.4). Applied to browser↔server, server↔server and browser↔browser alike (the
 * server↔server case is UNCONFIRMED in platforms.md; the emulator is strict so relays stay idempotent).
 * Entries without an event id never deduplicate.
 * @example metaDedupRule.key({ pixelId: '1', eventName: 'Purchase', eventId: 'e1', ... }) // '1|Purchase|e1'
 */
export const metaDedupRule: DedupRule = {
  key: (entry) => (entry.eventId ? `${entry.pixelId ?? ''}|${entry.eventName}|${entry.eventId}` : null),
  windowMs: HOURS_48_MS,
}
