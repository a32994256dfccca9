// Real IAB TCF v2.2 TC strings for tests (the browser's unit tests and the consent e2e): encoded and
// decoded by @iabtcf/core, with the smallest vendor list it needs.
import { GVL, TCModel, TCString } from '@iabtcf/core'

/** Google Advertising Products' GVL id. */
export const GOOGLE_VENDOR = 755
/** A second advertising vendor the site lists in its CMP: a stand-in id (Meta is no TCF vendor; see the README). */
export const STAND_IN_AD_VENDOR = 1000
export const ALL_PURPOSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]

/** The smallest vendor list TCModel needs to encode: the eleven purposes and the two vendors. */
const gvl = new GVL({
  gvlSpecificationVersion: 3,
  vendorListVersion: 1,
  tcfPolicyVersion: 5,
  lastUpdated: '2026-01-01T00:00:00Z',
  purposes: Object.fromEntries(ALL_PURPOSES.map((id) => [id, { id, name: `Purpose ${id}`, description: '', illustrations: [] }])),
  specialPurposes: {},
  features: {},
  specialFeatures: {},
  stacks: {},
  dataCategories: {},
  vendors: Object.fromEntries(
    [GOOGLE_VENDOR, STAND_IN_AD_VENDOR].map((id) => [
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

/** A real TC string with these purpose and vendor consents. */
export function encodeTcString(purposes: number[], vendors: number[]): string {
  const model = new TCModel(gvl)
  model.cmpId = 10
  model.cmpVersion = 1
  model.isServiceSpecific = true
  model.purposeConsents.set(purposes)
  model.vendorConsents.set(vendors)
  return TCString.encode(model)
}

/** The TCData a CMP answers for a TC string (a `TcData` and more): it decodes the string, as a CMP does. */
export function tcDataOf(tcString: string, eventStatus = 'useractioncomplete') {
  const decoded = TCString.decode(tcString)
  const consents = (vector: typeof decoded.purposeConsents) => {
    const map: Record<number, boolean> = {}
    vector.forEach((has, id) => (map[id] = has))
    return map
  }
  return {
    tcString,
    tcfPolicyVersion: decoded.policyVersion,
    cmpStatus: 'loaded',
    eventStatus,
    gdprApplies: true,
    purpose: { consents: consents(decoded.purposeConsents), legitimateInterests: {} },
    vendor: { consents: consents(decoded.vendorConsents), legitimateInterests: {} },
  }
}
