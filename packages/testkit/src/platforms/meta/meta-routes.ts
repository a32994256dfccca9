import { Router } from 'express'
import type { PlatformRouteContext } from '../platform-route-context.js'
import { createMetaCapiHandler } from './meta-capi-handler.js'
import { createMetaPixelHitHandler } from './meta-pixel-hit-handler.js'
import { META_PIXEL_SCRIPT } from './meta-pixel-script.js'

/**
 * Meta's routes: pixel hits (`/tr`), the Conversions API (`/:version/:pixelId/events`) and the fbevents.js
 * stand-in (`/meta/fbevents.js`, also at the real path `/en_US/fbevents.js`).
 * @example app.use(createMetaRoutes(ctx))
 */
export function createMetaRoutes(ctx: PlatformRouteContext): Router {
  const router = Router()
  const pixelHit = createMetaPixelHitHandler(ctx)
  router.get(['/tr', '/tr/'], pixelHit)
  router.post(['/tr', '/tr/'], pixelHit)
  router.get(['/meta/fbevents.js', '/en_US/fbevents.js'], (_req, res) => {
    res.type('text/javascript').setHeader('Cache-Control', 'no-store').send(META_PIXEL_SCRIPT)
  })
  router.post('/:version/:pixelId/events', createMetaCapiHandler(ctx))
  return router
}
