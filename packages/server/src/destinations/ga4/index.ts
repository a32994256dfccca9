import type { z } from 'zod'
import type { Destination } from '../destination.js'
import { toGa4BatchKey } from './batch-key.js'
import { Ga4ConfigSchema, type Ga4Config } from './config.js'
import { classifyGa4Response } from './outcome.js'
import { toGa4Request } from './request.js'

/**
 * GA4 backdates events up to 72 hours; older timestamps are clamped to 72 h ago (RELAXED) or rejected
 * (ENFORCE_RECOMMENDATIONS), platforms.md 2.2. Older events go dead as too_old rather than be counted at a
 * false time (or silently dropped: GA4 answers 2xx either way).
 */
export const GA4_MAX_EVENT_AGE_MS = 72 * 60 * 60 * 1000

/**
 * GA4 Measurement Protocol (platforms.md section 2): gated by analytics consent, 25 events per request,
 * one client per request.
 * @example ga4.toRequest(events, ga4.configSchema.parse({ measurementId: 'G-ABC', apiSecret: 's' }), new Date())
 */
export const ga4: Destination<Ga4Config, z.input<typeof Ga4ConfigSchema>> = {
  id: 'ga4',
  configSchema: Ga4ConfigSchema,
  purpose: 'analytics',
  maxBatch: 25,
  maxEventAgeMs: GA4_MAX_EVENT_AGE_MS,
  batchKey: toGa4BatchKey,
  publicConfig: (config) => ({ measurementId: config.measurementId }),
  toRequest: toGa4Request,
  classify: classifyGa4Response,
}

export { Ga4ConfigSchema, type Ga4Config } from './config.js'
