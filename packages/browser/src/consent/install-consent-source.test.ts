import { describe, expect, it, vi } from 'vitest'
import { installConsentSource, type ConsentSourceHost } from './install-consent-source.js'
import type { TcData } from './tcf.js'

describe('installConsentSource (the pairtrack-consent.js add-on)', () => {
  it('hands Google Consent Mode calls to pairtrack("consent"), looking the global up at each call', () => {
    const first = vi.fn()
    const host: ConsentSourceHost = { pairtrack: first }
    installConsentSource(host, { source: 'gcm' })
    const gtag = (...args: unknown[]) => (host.dataLayer as unknown[]).push(args)

    gtag('consent', 'default', { ad_storage: 'denied' })
    const loaded = vi.fn()
    host.pairtrack = loaded
    gtag('consent', 'update', { ad_storage: 'granted' })

    expect(first.mock.calls).toEqual([['consent', { ad_storage: 'denied' }]])
    expect(loaded.mock.calls).toEqual([['consent', { ad_storage: 'granted' }]])
  })

  it('maps a TCF answer with the vendors of data-tcf-vendors', () => {
    let listener: ((tcData: TcData, success: boolean) => void) | undefined
    const pairtrack = vi.fn()
    const host: ConsentSourceHost = {
      pairtrack,
      __tcfapi: (_: string, __: number, callback: typeof listener) => (listener = callback),
    }
    installConsentSource(host, { source: 'tcf', tcfVendors: '755, 1000' })
    const purposes = { consents: { 1: true, 3: true, 4: true, 7: true, 8: true } }

    listener?.({ eventStatus: 'tcloaded', gdprApplies: true, purpose: purposes, vendor: { consents: { 755: true } } }, true)
    listener?.({ eventStatus: 'useractioncomplete', gdprApplies: true, purpose: purposes, vendor: { consents: { 755: true, 1000: true } } }, true)

    expect(pairtrack.mock.calls.map(([, state]) => (state as { ad_storage: string }).ad_storage)).toEqual(['denied', 'granted'])
  })

  it('does nothing without a known source', () => {
    const host: ConsentSourceHost = { pairtrack: vi.fn() }
    installConsentSource(host, {})
    installConsentSource(host, { source: 'api' })
    expect(host).toEqual({ pairtrack: expect.any(Function) })
  })
})
