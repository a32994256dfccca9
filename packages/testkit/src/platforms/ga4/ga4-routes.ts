import { Router } from 'express'
import type { PlatformRouteContext } from '../platform-route-context.js'
import { createGa4CollectHitHandler } from './ga4-collect-hit-handler.js'
import { GA4_GTAG_SCRIPT } from './ga4-gtag-script.js'
import { createGa4DebugHandler, createGa4MpHandler } from './ga4-mp-handler.js'

/**
 * GA4's routes: gtag hits (`/g/collect`), Measurement Protocol (`/mp/collect`, `/debug/mp/collect`) and the
 * gtag.js stand-in (`/ga4/gtag.js`, also at the real path `/gtag/js`).
 * @example app.use(createGa4Routes(ctx))
 */
export function createGa4Routes(ctx: PlatformRouteContext): Router {
  const router = Router()
  const hit = createGa4CollectHitHandler(ctx)
  router.get('/g/collect', hit)
  router.post('/g/collect', hit)
  router.post('/mp/collect', createGa4MpHandler(ctx))
  router.post('/debug/mp/collect', createGa4DebugHandler(ctx))
  router.get(['/ga4/gtag.js', '/gtag/js'], (_req, res) => {
    res.type('text/javascript').setHeader('Cache-Control', 'no-store').send(GA4_GTAG_SCRIPT)
  })
  return router
}
