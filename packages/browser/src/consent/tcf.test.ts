import { describe, expect, it, vi } from 'vitest'
import { ALL_PURPOSES, encodeTcString, GOOGLE_VENDOR, STAND_IN_AD_VENDOR, tcDataOf } from '../../test/tc-data.js'
import { toConsentState, watchTcfConsent, type TcData } from './tcf.js'

const GOOGLE = GOOGLE_VENDOR
// A second advertising vendor the site lists in its CMP (a stand-in id: see the README on Meta and TikTok).
const OTHER_AD_VENDOR = STAND_IN_AD_VENDOR

const GRANTED = { ad_storage: 'granted', analytics_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }
const DENIED = { ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }

describe('toConsentState (the TCF mapping table)', () => {
  it.each([
    ['all purposes and vendors', ALL_PURPOSES, [GOOGLE, OTHER_AD_VENDOR], [GOOGLE], GRANTED],
    ['purpose 1 (store/access on a device) denied', ALL_PURPOSES.slice(1), [GOOGLE, OTHER_AD_VENDOR], [GOOGLE], { ...DENIED, ad_personalization: 'granted' }],
    ['no purpose at all', [], [GOOGLE], [GOOGLE], DENIED],
    ['purpose 7 (measure ad performance) denied', [1, 3, 4, 8], [GOOGLE], [GOOGLE], { ...GRANTED, ad_user_data: 'denied' }],
    ['purpose 4 (personalised ads) denied', [1, 3, 7, 8], [GOOGLE], [GOOGLE], { ...GRANTED, ad_personalization: 'denied' }],
    ['purpose 8 (measure content performance) denied', [1, 3, 4, 7], [GOOGLE], [GOOGLE], { ...GRANTED, analytics_storage: 'denied' }],
    ['a required ad vendor denied', ALL_PURPOSES, [GOOGLE], [GOOGLE, OTHER_AD_VENDOR], { ...DENIED, analytics_storage: 'granted' }],
    ['an ad vendor the site does not require denied', ALL_PURPOSES, [GOOGLE], [GOOGLE], GRANTED],
    ['no vendors required, none consented', ALL_PURPOSES, [], [], GRANTED],
  ])('%s', (_, purposes, vendorConsents, required, expected) => {
    expect(toConsentState(tcDataOf(encodeTcString(purposes, vendorConsents)), required)).toEqual(expected)
  })

  it('grants everything when GDPR does not apply (the CMP says no consent is needed)', () => {
    expect(toConsentState({ gdprApplies: false, purpose: { consents: {} } }, [GOOGLE])).toEqual(GRANTED)
  })

  it('denies everything on an answer without purposes', () => {
    expect(toConsentState({ gdprApplies: true })).toEqual(DENIED)
  })
})

describe('watchTcfConsent', () => {
  /** A CMP stub: `__tcfapi` that records listeners, and `answer` to call them as the CMP would. */
  function cmp() {
    const listeners: Array<(tcData: TcData, success: boolean) => void> = []
    const __tcfapi = vi.fn((command: string, version: number, callback: (tcData: TcData, success: boolean) => void) => {
      if (command == 'addEventListener' && version == 2) listeners.push(callback)
    })
    const answer = (tcData: TcData, success = true) => listeners.forEach((listener) => listener(tcData, success))
    return { host: { __tcfapi }, answer, __tcfapi }
  }

  it('adds a version 2 listener and maps every loaded or user-made choice', () => {
    const { host, answer, __tcfapi } = cmp()
    const update = vi.fn()

    watchTcfConsent(host, update, [GOOGLE])
    answer(tcDataOf(encodeTcString(ALL_PURPOSES, [GOOGLE]), 'tcloaded'))
    answer(tcDataOf(encodeTcString([], []), 'useractioncomplete'))

    expect(__tcfapi).toHaveBeenCalledWith('addEventListener', 2, expect.any(Function))
    expect(update.mock.calls).toEqual([[GRANTED], [DENIED]])
  })

  it('ignores the CMP showing its UI and failed answers', () => {
    const { host, answer } = cmp()
    const update = vi.fn()
    watchTcfConsent(host, update)
    answer(tcDataOf(encodeTcString(ALL_PURPOSES, []), 'cmpuishown'))
    answer(tcDataOf(encodeTcString(ALL_PURPOSES, []), 'tcloaded'), false)
    expect(update).not.toHaveBeenCalled()
  })

  it('does nothing on a page without a CMP', () => {
    expect(() => watchTcfConsent({}, vi.fn())).not.toThrow()
    expect(() => watchTcfConsent({ __tcfapi: 'not a function' }, vi.fn())).not.toThrow()
  })
})
