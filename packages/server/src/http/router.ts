import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import express, { type Request, type RequestHandler, type Response, type Router } from 'express'
import type { ParsedTrackEvent, Result } from '@pairtrack/shared'
import type { RelayLogger } from '../config/relay-config.schema.js'
import type { IngestError } from '../pipeline/ingest-error.js'
import { validateBeacon } from '../pipeline/ingest.js'
import type { ClientContext } from '../pipeline/identify.js'
import type { BeaconOutcome, ConsentOf } from '../pipeline/beacon-intake.js'
import { clientContextOf } from './client-context.js'
import { sendIngestError } from './error-response.js'
import { originGuard, type AllowedOrigins } from './origin-check.js'
import { createBeaconRateLimit, type RateLimitOptions } from './rate-limit.js'
import { beaconBodyOf, bodyReadErrorHandler, readBeaconBytes } from './read-beacon-body.js'
import type { ResolveConsent } from './resolve-consent.js'
import { jsonSecurityHeaders, scriptSecurityHeaders } from './security-headers.js'

/** What the router needs from the relay: no express types leak past this folder. */
export type RelayRoutes = {
  /** Accepts validated beacon events; resolves once they are in the outbox, or with a refusal. */
  acceptBeacon(events: ParsedTrackEvent[], client: ClientContext, consentOf?: ConsentOf): Promise<Result<BeaconOutcome, IngestError>>
  /** The site's consent hook: bound here to the request, so that the pipeline never sees Express. */
  resolveConsent?: ResolveConsent
  /** The public ids the browser needs, per destination. */
  publicConfig(): Record<string, Record<string, string>>
  health(): Promise<{ ok: boolean; body: Record<string, unknown> }>
  /** Called for every refused request, with its code (for the rejection counter). */
  onRefused(error: IngestError): void
  /** Who may send beacons. */
  allowedOrigins: AllowedOrigins
  /** Per-IP limit on POST /events; false for none. */
  rateLimit: RateLimitOptions | false
  /** Serves GET /metrics when given. */
  metrics?: () => Promise<{ contentType: string; text: string }>
  logger: RelayLogger
}

/** The relay's router, and how to stop the timers it owns. */
export type RelayRouter = { router: Router; close(): Promise<void> }

/**
 * The relay's routes, mounted by the site: `app.use('/pairtrack', relay)`.
 * POST /events (and its CORS preflight), GET /pairtrack.js, /pairtrack-hash.js (the hashInBrowser add-on), /pairtrack-consent.js,
 * /config.json, /health, and /metrics when on.
 * POST /events runs: security headers → origin → rate limit → body (64 KB) → JSON → schema → the relay's
 * policy. Each refusal is a JSON 4xx from the one table in error-response.ts.
 */
export function createRelayRouter(routes: RelayRoutes): RelayRouter {
  const router = express.Router()
  const browserScript = loadBrowserScript('@pairtrack/browser/pairtrack.js', routes.logger)
  // The hashInBrowser add-on, served beside the core script (only pages that opt in load it).
  const hashScript = loadBrowserScript('@pairtrack/browser/pairtrack-hash.js', routes.logger)
  // The consent-source add-on (Google Consent Mode / IAB TCF readers), likewise opt-in.
  const consentScript = loadBrowserScript('@pairtrack/browser/pairtrack-consent.js', routes.logger)
  const refuse = (res: Response, error: IngestError): void => {
    // The code and the field paths only: messages and values stay out of the log. A flood of 429s goes to
    // debug (the counter shows it) so that it cannot flood the log too.
    const level = error.code === 'rate_limited' ? 'debug' : 'info'
    routes.logger[level]({ error: error.code, fields: error.issues?.map((issue) => issue.path).slice(0, 10) }, 'beacon refused')
    routes.onRefused(error)
    sendIngestError(res, error)
  }
  const limit = routes.rateLimit === false ? null : createBeaconRateLimit(routes.rateLimit, refuse, routes.logger)
  const guards: RequestHandler[] = [jsonSecurityHeaders, originGuard(routes.allowedOrigins, refuse), ...(limit ? [limit.handler] : [])]

  router.options('/events', ...guards, (_req, res) => {
    res
      .set({ 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' })
      .status(204)
      .end()
  })

  router.post('/events', ...guards, readBeaconBytes, bodyReadErrorHandler(refuse), async (req: Request, res: Response) => {
    const body = beaconBodyOf(req)
    if (!body.ok) return refuse(res, body.error)
    const events = validateBeacon(body.value)
    if (!events.ok) return refuse(res, events.error)
    const resolveConsent = routes.resolveConsent
    const consentOf: ConsentOf | undefined = resolveConsent ? (event) => resolveConsent(req, event) : undefined
    const outcome = await routes.acceptBeacon(events.value, clientContextOf(req), consentOf)
    if (!outcome.ok) return refuse(res, outcome.error)
    const { results, filtered } = outcome.value
    sendAccepted(res, {
      accepted: results.length,
      events: results.map((result) => ({ event_id: result.eventId, event_name: result.eventName })),
      // Said plainly: the filter only catches clients that name themselves, so it hides nothing.
      ...(filtered ? { filtered } : {}),
    })
  })

  for (const [path, loaded] of [['/pairtrack.js', browserScript], ['/pairtrack-hash.js', hashScript], ['/pairtrack-consent.js', consentScript]] as const) {
    router.get(path, scriptSecurityHeaders, async (_req, res) => {
      const script = await loaded
      if (script === null) {
        res.set('Cache-Control', 'no-store').status(503).json({ error: 'script_unavailable', message: 'the browser script is not built (run the build)' })
        return
      }
      res.set('Cache-Control', 'public, max-age=300').type('text/javascript; charset=utf-8').send(script)
    })
  }

  router.get('/config.json', jsonSecurityHeaders, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(routes.publicConfig())
  })

  router.get('/health', jsonSecurityHeaders, async (_req, res) => {
    const health = await routes.health()
    res.set('Cache-Control', 'no-store').status(health.ok ? 200 : 503).json(health.body)
  })

  const metrics = routes.metrics
  if (metrics !== undefined) {
    router.get('/metrics', async (_req, res) => {
      const { contentType, text } = await metrics()
      res.removeHeader('X-Powered-By')
      res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Type': contentType }).send(text)
    })
  }

  // A bug must not answer with Express's HTML page (which can echo details): a bare JSON 500.
  router.use((error: unknown, _req: Request, res: Response, next: (error: unknown) => void) => {
    routes.logger.error({ error: error instanceof Error ? error.name : 'unknown' }, 'relay route failed')
    if (res.headersSent) return next(error)
    res.status(500).set('Cache-Control', 'no-store').json({ error: 'internal_error', message: 'the relay failed to handle the request' })
  })

  return { router, close: async () => limit?.close() }
}

/**
 * The 202 of POST /events, written directly: Express's res.json would also hash the body for an ETag, which
 * an answer to a POST never uses, on every beacon.
 */
function sendAccepted(res: Response, body: Record<string, unknown>): void {
  const text = JSON.stringify(body)
  res.statusCode = 202
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.end(text)
}

/** A built IIFE from @pairtrack/browser (by its export), read once; null (with a warning) if the build is missing. */
async function loadBrowserScript(specifier: string, logger: RelayLogger): Promise<Buffer | null> {
  try {
    const path = createRequire(import.meta.url).resolve(specifier)
    return await readFile(path)
  } catch (error) {
    logger.warn({ error: error instanceof Error ? error.message : String(error), script: specifier }, 'browser script not found: its GET route answers 503')
    return null
  }
}
