import {
  isFbc,
  isFbp,
  toFbc,
  toGaClientId,
  toGaSessionId,
  toGclid,
  toTiktokId,
  type ConsentState,
  type RawUserData,
} from '@pairtrack/shared'

/** The parts of a page the ids come from: `window` in a page, a plain object in tests. */
export type PageHost = { document: { cookie: string }; location: { href: string } }

export type PageIdsOptions = {
  /** Unix ms: the creation time of an `fbc` built from `fbclid` and of minted ids. */
  nowMs: number
  /** Picks the `_ga_<id>` cookie; without it the first parseable `_ga_*` cookie is used. */
  ga4MeasurementId?: string | undefined
  /** `ad_storage: 'denied'` stops the ad cookies (`_fbc`, `_fbp`, `ttclid`), `analytics_storage: 'denied'` `_ga`. */
  consent: ConsentState
  /** [0, 1), for minted ids. @default Math.random */
  random?: (() => number) | undefined
}

/** The browser and click ids of a page; keys without a value are `undefined` (dropped by JSON). */
export type PageIds = Pick<RawUserData, 'fbp' | 'fbc' | 'ga_client_id' | 'ga_session_id' | 'ttclid' | 'ttp' | 'gclid'>

/**
 * The browser and click ids the platforms match server events with, read from cookies and the URL, and
 * kept in first-party cookies for later pages (unless consent denies that storage):
 * - an `fbclid` the `_fbc` cookie does not hold yet becomes `fb.1.<nowMs>.<fbclid>` in `_fbc`, 90 days
 *   (platforms.md 1.7), as Meta's pixel does;
 * - without `_fbp` (Meta's pixel blocked, absent or not loaded yet) one is minted in Meta's format
 *   `fb.1.<nowMs>.<random < 2^31>` and written to `_fbp`, 90 days; the pixel adopts an existing `_fbp`;
 * - without `_ga`, a client id is minted in gtag's format `GA1.1.<9–10 digits>.<unix seconds>` and
 *   written to `_ga` (400 days, the longest browsers keep), which gtag adopts (platforms.md 2.7);
 * - a URL `ttclid` is kept in a `ttclid` cookie for 30 days, as stape does (platforms.md 3.7).
 * @example readPageIds(window, { nowMs: Date.now(), consent: {} }).fbp // 'fb.1.1596403881668.1116446470'
 */
export function readPageIds(host: PageHost, { nowMs, consent, ga4MeasurementId, random = Math.random }: PageIdsOptions): PageIds {
  const { href } = host.location
  const params = new URL(href).searchParams
  // The first cookie named `name` (a regexp source) whose value parses: several `_ga` cookies can exist, one
  // per domain level. `parse` returns the value to use, or true for the cookie's own value.
  const first = (name: string, parse: (value: string) => string | boolean | undefined) => {
    for (const [, value = ''] of host.document.cookie.matchAll(RegExp(`(?:^|;) *${name}=([^;]*)`, 'g'))) {
      const parsed = parse(value)
      if (parsed) return parsed === true ? value : parsed
    }
    return undefined
  }
  // Writes the cookie when `allowed`; returns the value either way.
  const write = (allowed: boolean, name: string, value: string, days: number) => {
    if (allowed) host.document.cookie = `${name}=${value};path=/;max-age=${days * 86400};SameSite=Lax${/^https:/.test(href) ? ';Secure' : ''}`
    return value
  }
  const ads = consent.ad_storage != 'denied'
  const analytics = consent.analytics_storage != 'denied'

  let fbc = first('_fbc', isFbc)
  const fbclid = params.get('fbclid')
  // A new ad click replaces the stored one, as Meta's pixel does.
  const built = fbclid && !fbc?.includes(`.${fbclid}`) && toFbc(fbclid, nowMs)
  if (built) fbc = write(ads, '_fbc', built, 90)
  const ttclid = toTiktokId(params.get('ttclid'))

  return {
    fbp: first('_fbp', isFbp) || (ads ? write(ads, '_fbp', `fb.1.${nowMs}.${(random() * 2 ** 31) | 0}`, 90) : undefined),
    fbc,
    ga_client_id:
      first('_ga', toGaClientId) ||
      (analytics ? toGaClientId(write(analytics, '_ga', `GA1.1.${(1e8 + random() * 2e9) | 0}.${Math.floor(nowMs / 1000)}`, 400)) : undefined),
    ga_session_id: first(`_ga_${ga4MeasurementId?.replace(/^G-|\W/g, '') ?? '\\w+'}`, toGaSessionId),
    ttclid: ttclid ? write(ads, 'ttclid', ttclid, 30) : first('ttclid', toTiktokId),
    ttp: first('_ttp', toTiktokId),
    gclid: toGclid(params.get('gclid')) ?? first('_gcl_aw', (value) => toGclid(null, value)),
  }
}
