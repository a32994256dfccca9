import type { ConsentState } from '@pairtrack/shared'

/** The part of a TCF v2.2 `TCData` object the mapping reads. */
export type TcData = {
  eventStatus?: string
  gdprApplies?: boolean
  purpose?: { consents?: Record<number, boolean | undefined> }
  vendor?: { consents?: Record<number, boolean | undefined> }
}

/** Where an IAB TCF CMP lives: `window.__tcfapi`. */
export type TcfHost = { __tcfapi?: unknown }

type TcfApi = (command: string, version: number, callback: (tcData: TcData, success: boolean) => void) => void

/**
 * Maps a CMP's answer to the four Consent Mode signals, as Google maps TCF purposes to Consent Mode
 * (Purpose 1 store/access on a device, 3 and 4 personalised ads, 7 measure ad performance), plus
 * Purpose 8 (measure content performance) for analytics:
 * - `ad_storage`: purpose 1; `ad_user_data`: purposes 1 and 7; `ad_personalization`: purposes 3 and 4;
 *   each also needs consent for every vendor in `vendors` (the site's advertising vendors' GVL ids);
 * - `analytics_storage`: purposes 1 and 8.
 * When GDPR does not apply (`gdprApplies: false`), every signal is granted.
 * @example toConsentState({ gdprApplies: true, purpose: { consents: { 1: true } } }).ad_storage // 'granted'
 */
export function toConsentState({ gdprApplies, purpose, vendor }: TcData, vendors: readonly number[] = []): ConsentState {
  const consents = purpose?.consents ?? {}
  const vendorsAgree = vendors.every((id) => vendor?.consents?.[id] === true)
  const signal = (needsVendors: boolean, ...purposes: number[]) =>
    gdprApplies === false || ((!needsVendors || vendorsAgree) && purposes.every((id) => consents[id] === true)) ? 'granted' : 'denied'
  return {
    ad_storage: signal(true, 1),
    analytics_storage: signal(false, 1, 8),
    ad_user_data: signal(true, 1, 7),
    ad_personalization: signal(true, 3, 4),
  }
}

/**
 * Listens to an IAB TCF v2.2 CMP (`__tcfapi('addEventListener', 2, …)`) and calls `update` with the mapped
 * state each time the CMP has loaded a choice (`tcloaded`) or the user has made one (`useractioncomplete`).
 * Does nothing when the page has no `__tcfapi` (the default consent then stays).
 * @example watchTcfConsent(window, tracker.consent, [755])
 */
export function watchTcfConsent(host: TcfHost, update: (state: ConsentState) => void, vendors?: readonly number[]): void {
  const api = host.__tcfapi
  if (typeof api == 'function')
    (api as TcfApi)('addEventListener', 2, (tcData, success) => {
      if (success && /^(tcloaded|useractioncomplete)$/.test(`${tcData?.eventStatus}`)) update(toConsentState(tcData, vendors))
    })
}
