import { isClickIdValue, isFbc, isFbp, newFbp, toFbc } from '@pairtrack/shared'
import type { Request, RequestHandler } from 'express'

// Safari caps cookies written by script (document.cookie) at 7 days; cookies set by the site's own server
// in an HTTP response keep their Max-Age. So Meta's parameter builder (capi-param-builder-nodejs, platforms.md
// 1.8) sets `_fbp` and `_fbc` from the server on page responses, and this middleware does the same.

export type PairtrackCookiesOptions = {
  /**
   * The `Domain` of the cookies, e.g. `shop.example` so that `www.shop.example` and `shop.example` share
   * them (the pixel writes its cookies there too). @default host-only (no `Domain` attribute)
   */
  domain?: string
  /** Lifetime in days, refreshed on every page response. @default 90 (the pixel's and the param builder's) */
  maxAgeDays?: number
  /** `Secure` attribute: `'auto'` sets it when the request is https (`req.secure`, so set Express's `trust proxy` behind a proxy). @default 'auto' */
  secure?: boolean | 'auto'
  /**
   * Which requests get the cookies; e.g. `(req) => req.method === 'GET' && hasAdStorageConsent(req)`.
   * @default GET and HEAD requests
   */
  appliesTo?: (req: Request) => boolean
  /** Clock in ms (tests). @default Date.now */
  now?: () => number
  /** Random number in [0, 1) for new `_fbp` values (tests). @default Math.random */
  random?: () => number
}

/** The ids the response carries (also put on `res.locals.pairtrackIds` for the page handler). */
export type PairtrackIds = { fbp: string; fbc?: string }

const DAY_SECONDS = 86_400

/**
 * Express middleware for the site's page routes: sets or refreshes `_fbp` and `_fbc` as first-party
 * cookies from the server (`Set-Cookie`, `Path=/`, `SameSite=Lax`, `Secure` on https, `Max-Age` 90 days):
 * - `_fbc` = `fb.<subdomainIndex>.<nowMs>.<fbclid>` when the URL has an `fbclid` that the `_fbc` cookie
 *   does not hold yet; the same click keeps its `_fbc` (and its creation time);
 * - `_fbp` = `fb.1.<nowMs>.<random>` when there is none;
 * - valid existing values are re-set unchanged with a new expiry; a malformed `_fbp` is replaced, a
 *   malformed `_fbc` with no `fbclid` to rebuild it from is deleted.
 * The subdomain index is the number of dots in `domain`, and 1 for host-only cookies (platforms.md 1.7).
 * @example app.get(['/', '/product/:id', '/checkout'], pairtrackCookies({ domain: 'shop.example' }), renderPage)
 */
export function pairtrackCookies(options: PairtrackCookiesOptions = {}): RequestHandler {
  const domain = options.domain?.replace(/^\./, '')
  const maxAgeSeconds = Math.round((options.maxAgeDays ?? 90) * DAY_SECONDS)
  const subdomainIndex = domain ? domain.split('.').length - 1 : 1
  const appliesTo = options.appliesTo ?? ((req: Request) => req.method === 'GET' || req.method === 'HEAD')
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random

  return function pairtrackCookiesMiddleware(req, res, next) {
    if (!appliesTo(req)) return next()
    const secure = options.secure === 'auto' || options.secure === undefined ? req.secure : options.secure
    const set = (name: string, value: string, maxAge = maxAgeSeconds) => res.append('Set-Cookie', serializeCookie(name, value, { maxAge, domain, secure }))

    const jar = readCookies(req.headers.cookie)
    const nowMs = now()
    const storedFbc = jar.get('_fbc')?.find(isFbc)
    const fbclid = readFbclid(req.originalUrl)
    const fbc = fbclid !== undefined && (storedFbc === undefined || !holdsClick(storedFbc, fbclid)) ? toFbc(fbclid, nowMs, subdomainIndex) : storedFbc
    if (fbc !== undefined) set('_fbc', fbc)
    else if (jar.has('_fbc')) set('_fbc', '', 0)
    const fbp = jar.get('_fbp')?.find(isFbp) ?? newFbp(nowMs, random)
    set('_fbp', fbp)

    const ids: PairtrackIds = fbc === undefined ? { fbp } : { fbp, fbc }
    res.locals.pairtrackIds = ids
    next()
  }
}

type CookieAttributes = { maxAge: number; domain: string | undefined; secure: boolean }

/** One `Set-Cookie` value. Values are written raw: ids must reach the platforms unaltered (platforms.md 1.7). */
function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  return [
    `${name}=${value}`,
    `Max-Age=${attributes.maxAge}`,
    ...(attributes.domain ? [`Domain=${attributes.domain}`] : []),
    'Path=/',
    ...(attributes.secure ? ['Secure'] : []),
    'SameSite=Lax',
  ].join('; ')
}

/** Every value of each cookie name, in header order (a browser sends one per matching domain and path). */
function readCookies(header: string | undefined): Map<string, string[]> {
  const jar = new Map<string, string[]>()
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq < 1) continue
    const name = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    jar.set(name, [...(jar.get(name) ?? []), value])
  }
  return jar
}

/** The landing URL's `fbclid`, as it came (case and characters kept); `undefined` if missing or unsafe. */
function readFbclid(originalUrl: string): string | undefined {
  let fbclid: string | null
  try {
    fbclid = new URL(originalUrl, 'http://localhost').searchParams.get('fbclid')
  } catch {
    return undefined
  }
  return isClickIdValue(fbclid) ? fbclid : undefined
}

/**
 * Whether a valid `_fbc` holds this click: after `fb.<idx>.<ms>.` comes the fbclid itself, or the fbclid and
 * one appendix segment (the param builder's, platforms.md 1.7).
 */
function holdsClick(fbc: string, fbclid: string): boolean {
  const clickPart = fbc.split('.').slice(3).join('.')
  return clickPart === fbclid || (clickPart.startsWith(`${fbclid}.`) && !clickPart.slice(fbclid.length + 1).includes('.'))
}
