import { GVL, TCModel, TCString } from '@iabtcf/core'
import { describe, expect, it, vi } from 'vitest'
import { toConsentState, watchTcfConsent, type TcData } from './tcf.js'

const GOOGLE = 755
// A second advertising vendor the site lists in its CMP (a stand-in id: see the README on Meta and TikTok).
const OTHER_AD_VENDOR = 1000

/** The smallest vendor list TCModel needs to encode: the eleven purposes and the vendors used here. */
const gvl = new GVL({
  gvlSpecificationVersion: 3,
  vendorListVersion: 1,
  tcfPolicyVersion: 5,
  lastUpdated: '2026-01-01T00:00:00Z',
  purposes: Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((id) => [id, { id, name: `Purpose ${id}`, description: '', illustrations: [] }]),
  ),
  specialPurposes: {},
  features: {},
  specialFeatures: {},
  stacks: {},
  dataCategories: {},
  vendors: Object.fromEntries(
    [GOOGLE, OTHER_AD_VENDOR].map((id) => [
      id,
      {
        id,
        name: `Vendor ${id}`,
        purposes: [1, 3, 4, 7],
        legIntPurposes: [],
        flexiblePurposes: [],
        specialPurposes: [],
        features: [],
        specialFeatures: [],
        cookieMaxAgeSeconds: 86400,
        usesCookies: true,
        cookieRefresh: false,
        usesNonCookieAccess: false,
        urls: [],
      },
    ]),
  ),
} as never)

/** A real TC string with these purpose and vendor consents, encoded by @iabtcf/core. */
function encodeTcString(purposes: number[], vendors: number[]): string {
  const model = new TCModel(gvl)
  model.cmpId = 10
  model.cmpVersion = 1
  model.isServiceSpecific = true
  model.purposeConsents.set(purposes)
  model.vendorConsents.set(vendors)
  return TCString.encode(model)
}

/** The TCData a CMP answers for a TC string: it decodes the string, as this does. */
function tcDataOf(tcString: string, eventStatus = 'useractioncomplete'): TcData & { tcString: string } {
  const model = TCString.decode(tcString)
  const consents = (vector: typeof model.purposeConsents) => {
    const map: Record<number, boolean> = {}
    vector.forEach((has, id) => (map[id] = has))
    return map
  }
  return { tcString, eventStatus, gdprApplies: true, purpose: { consents: consents(model.purposeConsents) }, vendor: { consents: consents(model.vendorConsents) } }
}

const ALL_PURPOSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
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
