import type { Request, RequestHandler, Response } from 'express'
import type { IngestError } from '../pipeline/ingest-error.js'

/** Who may send beacons: listed origins, `'*'` (anyone), or undefined (the relay's own host). */
export type AllowedOrigins = '*' | readonly string[] | undefined

/**
 * A few hundred answers remembered, then forgotten all at once: a site's beacons come from a handful of
 * origins, and parsing URLs for each beacon was a visible part of its cost. Bounded, so that a flood of
 * made-up origins cannot grow it.
 */
function memoized<R>(compute: (key: string) => R): (key: string) => R {
  const known = new Map<string, R>()
  return (key) => {
    const hit = known.get(key)
    if (hit !== undefined || known.has(key)) return hit as R
    if (known.size >= 512) known.clear()
    const value = compute(key)
    known.set(key, value)
    return value
  }
}

const parseOrigin = (url: string): string | undefined => {
  try {
    const origin = new URL(url).origin
    return origin === 'null' ? undefined : origin
  } catch {
    return undefined
  }
}
const parsedOrigin = memoized(parseOrigin)
// Origin headers are few and remembered; Referers are page URLs (one per page), not worth remembering.
const originOfUrl = (url: string | undefined, remember = false): string | undefined =>
  url === undefined ? undefined : (remember ? parsedOrigin : parseOrigin)(url)

/**
 * The origin a request says it comes from: its Origin header, else the origin of its Referer. A page
 * whose referrer policy is `no-referrer` sends `Origin: null` on a beacon and no Referer: undefined.
 * @example requestOrigin(req) // 'https://shop.example'
 */
export function requestOrigin(req: Request): string | undefined {
  return originOfUrl(req.get('origin'), true) ?? originOfUrl(req.get('referer'))
}

/**
 * Whether beacons from `origin` are accepted. By default (no list), an origin whose host (name and port)
 * is the host the request was sent to: the pages of the site that mounts the relay. The scheme is not
 * compared, as a proxy that ends TLS hands the app plain HTTP. No origin at all is refused unless `'*'`.
 * @example isAllowedOrigin('https://shop.example', undefined, 'shop.example') // true
 */
export function isAllowedOrigin(origin: string | undefined, allowed: AllowedOrigins, requestHost: string | undefined): boolean {
  if (allowed === '*') return true
  if (origin === undefined) return false
  if (allowed !== undefined) return allowed.includes(origin)
  if (requestHost === undefined) return false
  return isSameHost(`${origin}\n${requestHost}`)
}

const isSameHost = memoized((key): boolean => {
  const [origin = '', requestHost = ''] = key.split('\n')
  const url = new URL(origin)
  try {
    return new URL(`${url.protocol}//${requestHost}`).host === url.host
  } catch {
    return false
  }
})

/**
 * Refuses a beacon from an origin not allowed (403 origin_not_allowed); for an allowed one, answers with
 * Access-Control-Allow-Origin for that origin, so a cross-origin `fetch` fallback can read the answer.
 */
export function originGuard(allowed: AllowedOrigins, refuse: (res: Response, error: IngestError) => void): RequestHandler {
  return function checkOrigin(req, res, next) {
    res.vary('Origin')
    const origin = requestOrigin(req)
    // Express 5's req.host: the Host header with its port (X-Forwarded-Host when the app trusts the proxy).
    if (!isAllowedOrigin(origin, allowed, req.host)) {
      return refuse(res, {
        code: 'origin_not_allowed',
        message: origin === undefined ? 'the request names no Origin or Referer' : 'beacons are not accepted from this origin',
      })
    }
    const header = req.get('origin')
    if (header !== undefined && header !== 'null') res.set('Access-Control-Allow-Origin', header)
    next()
  }
}
