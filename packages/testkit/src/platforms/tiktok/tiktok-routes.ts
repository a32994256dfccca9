import { Router } from 'express'
import type { PlatformRouteContext } from '../platform-route-context.js'
import { createTiktokPixelHitHandler } from './tiktok-pixel-hit-handler.js'
import { TIKTOK_PIXEL_SCRIPT } from './tiktok-pixel-script.js'
import { createTiktokTrackHandler } from './tiktok-track-handler.js'

/**
 * TikTok's routes: pixel hits (`/api/v2/pixel`, `/pixel/track`, `/pixel/act`), Events API 2.0
 * (`/open_api/v1.3/event/track/`) and the events.js stand-in (`/tiktok/events.js`, also at the real path
 * `/i18n/pixel/events.js`).
 * @example app.use(createTiktokRoutes(ctx))
 */
export function createTiktokRoutes(ctx: PlatformRouteContext): Router {
  const router = Router()
  router.post(['/api/v2/pixel', '/api/v2/pixel/track', '/api/v2/pixel/act'], createTiktokPixelHitHandler(ctx))
  router.post(['/open_api/v1.3/event/track/', '/open_api/v1.3/event/track'], createTiktokTrackHandler(ctx))
  router.get(['/tiktok/events.js', '/i18n/pixel/events.js'], (_req, res) => {
    res.type('text/javascript').setHeader('Cache-Control', 'no-store').send(TIKTOK_PIXEL_SCRIPT)
  })
  return router
}
