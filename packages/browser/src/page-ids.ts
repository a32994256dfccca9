import {
  isFbc,
  isFbp,
  newFbp,
  newGaCookie,
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

/** The browser and click ids of a page; keys without a value are `undefined` (dropped by JSON). */
export type PageIds = Pick<RawUserData, 'fbp' | 'fbc' | 'ga_client_id' | 'ga_session_id' | 'ttclid' | 'ttp' | 'gclid'>

// Cookie lifetimes in days: Meta's pixel keeps _fbp/_fbc 90 days, gtag _ga 400 (the most browsers allow),
// stape's TikTok tag ttclid 30 (platforms.md 1.7, 2.7, 3.7).
const META_DAYS = 90

/**
 * The browser and click ids the platforms match server events with, read from cookies and the URL, and
 * kept in first-party cookies for later pages (unless consent denies that storage):
 * - an `fbclid` the `_fbc` cookie does not hold yet becomes `fb.1.<nowMs>.<fbclid>` in `_fbc` (platforms.md
 *   1.7), as Meta's pixel does: a new ad click replaces the stored one;
 * - without `_fbp` (Meta's pixel blocked, absent or not loaded yet) one is minted in Meta's format and
 *   written to `_fbp`; the pixel adopts an existing `_fbp`;
 * - without `_ga`, a client id is minted in gtag's format and written to `_ga`, which gtag adopts;
 * - a URL `ttclid` is kept in a `ttclid` cookie, as stape's tag does.
 * Malformed cookies are skipped, and of several cookies of one name (`_ga` per domain level) the first
 * that parses wins. The cookie jar is read once, before any write.
 * `nowMs` (unix ms) is the creation time of a built `fbc` and of minted ids; `consent` with `ad_storage:
 * 'denied'` stops the ad cookies (`_fbc`, `_fbp`, `ttclid`), with `analytics_storage: 'denied'` `_ga`;
 * `ga4MeasurementId` picks the `_ga_<id>` cookie (else the first parseable `_ga_*`); `random` ([0, 1)) is
 * for minted ids.
 * @example readPageIds(window, Date.now(), {}).fbp // 'fb.1.1596403881668.1116446470'
 */
export function readPageIds(
  host: PageHost,
  nowMs: number,
  consent: ConsentState,
  ga4MeasurementId?: string,
  random?: () => number,
): PageIds {
  const { href } = host.location
  const param = (name: string) => new URL(href).searchParams.get(name)
  const jar = host.document.cookie
  // The first cookie called `name` (a regexp source) whose value `parse` turns into an id.
  const first = (name: string, parse: (value: string) => string | false | undefined) => {
    for (const [, value = ''] of jar.matchAll(RegExp(`(?:^|;) *${name}=([^;]*)`, 'g'))) {
      const id = parse(value)
      if (id) return id
    }
    return undefined
  }
  // Keeps `value` in a first-party cookie when `allowed`; returns it either way.
  const keep = (allowed: boolean, name: string, value: string, days: number) => {
    if (allowed) host.document.cookie = `${name}=${value};path=/;max-age=${days * 86400};SameSite=Lax${/^https/.test(href) ? ';Secure' : ''}`
    return value
  }
  const ads = consent.ad_storage != 'denied'
  const analytics = consent.analytics_storage != 'denied'
  const stored = first('_fbc', (value) => isFbc(value) && value)
  const fbclid = param('fbclid')
  // Same click: the stored fbc keeps its creation time (its fbclid is a whole dot-separated run, appendix or not).
  const built = fbclid && !`${stored}.`.includes(`.${fbclid}.`) && toFbc(fbclid, nowMs)
  const ttclid = toTiktokId(param('ttclid'))

  return {
    fbp: first('_fbp', (value) => isFbp(value) && value) ?? (ads ? keep(ads, '_fbp', newFbp(nowMs, random), META_DAYS) : undefined),
    fbc: built ? keep(ads, '_fbc', built, META_DAYS) : stored,
    ga_client_id: first('_ga', toGaClientId) ?? (analytics ? toGaClientId(keep(analytics, '_ga', newGaCookie(nowMs, random), 400)) : undefined),
    ga_session_id: first(`_ga_${ga4MeasurementId?.replace(/^G-|\W/g, '') ?? '\\w+'}`, toGaSessionId),
    ttclid: ttclid ? keep(ads, 'ttclid', ttclid, 30) : first('ttclid', toTiktokId),
    ttp: first('_ttp', toTiktokId),
    gclid: toGclid(param('gclid')) ?? first('_gcl_aw', (value) => toGclid(null, value)),
  }
}
