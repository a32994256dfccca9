import { watchGcmConsent, type GcmHost } from './gcm.js'
import { watchTcfConsent, type TcfHost } from './tcf.js'

/** The add-on's settings: the `data-*` attributes of its script tag. */
export type ConsentSourceConfig = {
  /** `gcm` (Google Consent Mode in `dataLayer`) or `tcf` (an IAB TCF v2.2 CMP); anything else: nothing. */
  source?: string | undefined
  /** `tcf` only: comma-separated GVL ids of the advertising vendors whose consent the ad signals need, e.g. "755". */
  tcfVendors?: string | undefined
}

/** The page the add-on runs in: the consent source's globals and the `pairtrack` global (stub or loaded). */
export type ConsentSourceHost = GcmHost & TcfHost & { pairtrack?: ((command: string, ...args: unknown[]) => unknown) | undefined }

/**
 * The script-tag consent add-on (`pairtrack-consent.js`): watches the chosen source and hands each answer
 * to `pairtrack('consent', …)`, looked up at each answer, so that it reaches the stub's queue before
 * pairtrack.js has loaded and the tracker after. The core script carries no source reader: a site pays for
 * the one it uses.
 * @example installConsentSource(window, { source: 'tcf', tcfVendors: '755' })
 */
export function installConsentSource(host: ConsentSourceHost, { source, tcfVendors }: ConsentSourceConfig): void {
  const update = (state: unknown) => host.pairtrack?.('consent', state)
  if (source == 'gcm') watchGcmConsent(host, update)
  if (source == 'tcf') watchTcfConsent(host, update, tcfVendors?.split(',').map(Number).filter((id) => id > 0))
}
