import type { DedupRule } from '../../ledger.js'

/**
 * GA4 deduplicates nothing except `purchase` events sharing a `transaction_id` in one property
 * (platforms.md 2.4). An empty transaction id is still an id: every `transaction_id: ""` purchase collapses
 * into one, as in GA4. Google gives no window, so none is applied.
 * @example ga4DedupRule.key({ pixelId: 'G-1', eventName: 'purchase', transactionId: 'A-1', ... }) // 'G-1|purchase|A-1'
 */
export const ga4DedupRule: DedupRule = {
  key: (entry) =>
    entry.eventName === 'purchase' && entry.transactionId !== undefined
      ? `${entry.pixelId ?? ''}|purchase|${entry.transactionId}`
      : null,
  windowMs: Number.POSITIVE_INFINITY,
}
