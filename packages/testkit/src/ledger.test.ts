import { describe, expect, it } from 'vitest'
import { createLedgerStore, type LedgerEntry } from './ledger.js'
import { ga4DedupRule } from './platforms/ga4/ga4-dedup-rule.js'
import { metaDedupRule } from './platforms/meta/meta-dedup-rule.js'
import { tiktokDedupRule } from './platforms/tiktok/tiktok-dedup-rule.js'

const HOUR_MS = 3_600_000

function entry(overrides: Partial<LedgerEntry>): LedgerEntry {
  return { platform: 'meta', channel: 'browser', eventName: 'Purchase', eventId: 'e1', pixelId: 'P1', receivedAtMs: 0, payload: {}, ...overrides }
}

const newStore = () => createLedgerStore({ meta: metaDedupRule, ga4: ga4DedupRule, tiktok: tiktokDedupRule })

describe('createLedgerStore', () => {
  it('keeps each platform’s entries and conversions apart', () => {
    const store = newStore()
    store.record(entry({ platform: 'meta' }))
    store.record(entry({ platform: 'tiktok' }))
    const ledger = store.snapshot()
    expect(ledger.meta.conversions).toHaveLength(1)
    expect(ledger.tiktok.conversions).toHaveLength(1)
    expect(ledger.ga4.received).toEqual([])
  })

  it('collapses a duplicate inside the window and opens a new conversion after it', () => {
    const store = newStore()
    store.record(entry({ channel: 'server', receivedAtMs: 0 }))
    store.record(entry({ channel: 'browser', receivedAtMs: 47 * HOUR_MS }))
    store.record(entry({ channel: 'browser', receivedAtMs: 49 * HOUR_MS }))
    store.record(entry({ channel: 'server', receivedAtMs: 50 * HOUR_MS }))
    expect(store.snapshot().meta.conversions.map((c) => [c.channels, c.firstChannel, c.duplicates])).toEqual([
      [['server', 'browser'], 'server', 1],
      [['browser', 'server'], 'browser', 1],
    ])
  })

  it('gives never-deduplicated entries distinct unique keys, restarting after reset', () => {
    const store = newStore()
    store.record(entry({ eventId: null }))
    store.record(entry({ eventId: null }))
    expect(store.snapshot().meta.conversions.map((c) => c.key)).toEqual(['unique:1', 'unique:2'])
    store.reset()
    store.record(entry({ eventId: null }))
    expect(store.snapshot().meta.conversions.map((c) => c.key)).toEqual(['unique:1'])
  })

  it('forgets open conversions on reset', () => {
    const store = newStore()
    store.record(entry({}))
    store.reset()
    store.record(entry({}))
    expect(store.snapshot().meta.conversions[0]?.duplicates).toBe(0)
  })
})

describe('dedup rules', () => {
  it.each([
    ['meta: pixel, name and id', metaDedupRule, entry({}), 'P1|Purchase|e1'],
    ['meta: no event id', metaDedupRule, entry({ eventId: null }), null],
    ['meta: empty event id', metaDedupRule, entry({ eventId: '' }), null],
    ['tiktok: name and id', tiktokDedupRule, entry({ platform: 'tiktok' }), 'Purchase|e1'],
    ['tiktok: no event id', tiktokDedupRule, entry({ platform: 'tiktok', eventId: null }), null],
    ['ga4: purchase by transaction id', ga4DedupRule, entry({ platform: 'ga4', eventName: 'purchase', transactionId: 'T1' }), 'P1|purchase|T1'],
    ['ga4: empty transaction id still collapses', ga4DedupRule, entry({ platform: 'ga4', eventName: 'purchase', transactionId: '' }), 'P1|purchase|'],
    ['ga4: purchase without transaction id', ga4DedupRule, entry({ platform: 'ga4', eventName: 'purchase' }), null],
    ['ga4: other events never', ga4DedupRule, entry({ platform: 'ga4', eventName: 'refund', transactionId: 'T1' }), null],
  ])('%s', (_case, rule, input, key) => {
    expect(rule.key(input)).toBe(key)
  })

  it('uses a 48 h window for Meta and TikTok and none for GA4', () => {
    expect(metaDedupRule.windowMs).toBe(48 * HOUR_MS)
    expect(tiktokDedupRule.windowMs).toBe(48 * HOUR_MS)
    expect(ga4DedupRule.windowMs).toBe(Number.POSITIVE_INFINITY)
  })
})
