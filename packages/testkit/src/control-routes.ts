import { isPlatformId } from '@pairtrack/shared'
import { Router } from 'express'
import { parseJson, rawBody } from './http/raw-body.js'
import { FaultSchema, type FaultStore } from './faults.js'
import type { LedgerStore } from './ledger.js'
import { renderLedgerPage } from './ledger-page.js'

/**
 * The emulator's own routes: `GET /_emulator` (HTML), `GET|DELETE /_emulator/ledger`,
 * `PUT|DELETE /_emulator/faults/:platform`. Errors use pairtrack's `{ error, message, issues? }` body.
 * @example app.use(createControlRoutes(ledger, faults))
 */
export function createControlRoutes(ledger: LedgerStore, faults: FaultStore): Router {
  const router = Router()
  router.get('/_emulator', (_req, res) => {
    res.type('html').setHeader('Cache-Control', 'no-store').send(renderLedgerPage(ledger.snapshot()))
  })
  router.get('/_emulator/ledger', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store')
    res.json(ledger.snapshot())
  })
  router.delete('/_emulator/ledger', (_req, res) => {
    ledger.reset()
    res.status(204).end()
  })
  router.put('/_emulator/faults/:platform', (req, res) => {
    const platform = String(req.params.platform)
    if (!isPlatformId(platform)) {
      res.status(404).json({ error: 'unknown_platform', message: `no platform '${platform}'` })
      return
    }
    const parsed = FaultSchema.safeParse(parseJson(rawBody(req)))
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid_fault', message: 'the fault does not match FaultSchema', issues: parsed.error.issues })
      return
    }
    faults.set(platform, parsed.data)
    res.status(204).end()
  })
  router.delete('/_emulator/faults/:platform', (req, res) => {
    const platform = String(req.params.platform)
    if (!isPlatformId(platform)) {
      res.status(404).json({ error: 'unknown_platform', message: `no platform '${platform}'` })
      return
    }
    faults.set(platform, null)
    res.status(204).end()
  })
  return router
}
