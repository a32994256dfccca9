import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import express, { type Request, type Response, type Router } from 'express'
import type { ParsedTrackEvent } from '@pairtrack/shared'
import type { RelayLogger } from '../config/relay-config.schema.js'
import type { IngestError } from '../pipeline/ingest-error.js'
import { validateBeacon } from '../pipeline/ingest.js'
import type { ClientContext } from '../pipeline/identify.js'
import type { TrackResult } from '../pipeline/pipeline.js'
import { clientContextOf } from './client-context.js'
import { sendIngestError } from './error-response.js'
import { beaconBodyOf, bodyReadErrorHandler, readBeaconText } from './read-beacon-body.js'

/** What the router needs from the relay: no express types leak past this folder. */
export type RelayRoutes = {
  /** Accepts validated beacon events; resolves once they are in the outbox, or with a refusal. */
  acceptBeacon(events: ParsedTrackEvent[], client: ClientContext): Promise<TrackResult[] | IngestError>
  /** The public ids the browser needs, per destination. */
  publicConfig(): Record<string, Record<string, string>>
  health(): Promise<{ ok: boolean; body: Record<string, unknown> }>
  logger: RelayLogger
}

/**
 * The relay's routes, mounted by the site: `app.use('/pairtrack', relay)`.
 * POST /events, GET /pairtrack.js, GET /config.json, GET /health.
 */
export function createRelayRouter(routes: RelayRoutes): Router {
  const router = express.Router()
  const browserScript = loadBrowserScript(routes.logger)

  router.post('/events', readBeaconText, bodyReadErrorHandler(sendIngestError), async (req: Request, res: Response) => {
    const body = beaconBodyOf(req)
    if (!body.ok) return refuse(res, body.error, routes.logger)
    const events = validateBeacon(body.value)
    if (!events.ok) return refuse(res, events.error, routes.logger)
    const accepted = await routes.acceptBeacon(events.value, clientContextOf(req))
    if (!Array.isArray(accepted)) return refuse(res, accepted, routes.logger)
    res.status(202).json({
      accepted: accepted.length,
      events: accepted.map((result) => ({ event_id: result.eventId, event_name: result.eventName })),
    })
  })

  router.get('/pairtrack.js', async (_req, res) => {
    const script = await browserScript
    if (script === null) {
      res.status(503).json({ error: 'script_unavailable', message: 'the browser script is not built (run the build)' })
      return
    }
    res.set('Cache-Control', 'public, max-age=300').type('text/javascript; charset=utf-8').send(script)
  })

  router.get('/config.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(routes.publicConfig())
  })

  router.get('/health', async (_req, res) => {
    const health = await routes.health()
    res.set('Cache-Control', 'no-store').status(health.ok ? 200 : 503).json(health.body)
  })

  // A bug must not answer with Express's HTML page (which can echo details): a bare JSON 500.
  router.use((error: unknown, _req: Request, res: Response, next: (error: unknown) => void) => {
    routes.logger.error({ error: error instanceof Error ? error.name : 'unknown' }, 'relay route failed')
    if (res.headersSent) return next(error)
    res.status(500).json({ error: 'internal_error', message: 'the relay failed to handle the request' })
  })

  return router
}

function refuse(res: Response, error: IngestError, logger: RelayLogger): void {
  // The code and the field paths only: messages and values stay out of the log.
  logger.info({ error: error.code, fields: error.issues?.map((issue) => issue.path).slice(0, 10) }, 'beacon refused')
  sendIngestError(res, error)
}

/** The built IIFE from @pairtrack/browser, read once; null (with a warning) if the build is missing. */
async function loadBrowserScript(logger: RelayLogger): Promise<Buffer | null> {
  try {
    const path = createRequire(import.meta.url).resolve('@pairtrack/browser/pairtrack.js')
    return await readFile(path)
  } catch (error) {
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'browser script not found: GET /pairtrack.js answers 503')
    return null
  }
}
