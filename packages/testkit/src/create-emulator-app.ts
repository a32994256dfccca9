import express, { type Express } from 'express'
import { createControlRoutes } from './control-routes.js'
import type { FaultStore } from './faults.js'
import { cors } from './http/cors.js'
import type { LedgerStore } from './ledger.js'
import { createGa4Routes } from './platforms/ga4/ga4-routes.js'
import { createMetaRoutes } from './platforms/meta/meta-routes.js'
import type { PlatformRouteContext } from './platforms/platform-route-context.js'
import { createTiktokRoutes } from './platforms/tiktok/tiktok-routes.js'

/**
 * The emulator's Express app: every body is read as text and parsed per route (platforms accept JSON, form
 * fields and newline-separated hits whatever the content type), CORS is open, then the control routes and
 * the three platforms' routes.
 * @example const app = createEmulatorApp(ctx); app.listen(0)
 */
export function createEmulatorApp(ctx: PlatformRouteContext & { ledger: LedgerStore; faults: FaultStore }): Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  app.use(cors)
  app.use(express.text({ type: () => true, limit: '10mb' }))
  app.use(createControlRoutes(ctx.ledger, ctx.faults))
  app.use(createMetaRoutes(ctx))
  app.use(createGa4Routes(ctx))
  app.use(createTiktokRoutes(ctx))
  return app
}
