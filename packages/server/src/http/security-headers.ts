import type { RequestHandler } from 'express'

// Set by hand: five headers do not earn helmet, whose defaults (HSTS, a CSP for HTML pages) are the host
// app's to decide.

/**
 * For the relay's JSON answers: never sniffed as HTML, never rendered or framed, no referrer leaked if
 * a browser is pointed at them.
 */
export const jsonSecurityHeaders: RequestHandler = (_req, res, next) => {
  res.removeHeader('X-Powered-By')
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Referrer-Policy': 'no-referrer',
  })
  next()
}

/**
 * For pairtrack.js: never sniffed, and loadable from other sites (a relay on its own host, pages under
 * COEP). It is public and carries no secret.
 */
export const scriptSecurityHeaders: RequestHandler = (_req, res, next) => {
  res.removeHeader('X-Powered-By')
  res.set({ 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Resource-Policy': 'cross-origin' })
  next()
}
