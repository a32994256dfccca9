import type { z } from 'zod'
import type { Destination } from '../destination.js'
import { MetaConfigSchema, type MetaConfig } from './config.js'
import { classifyMetaResponse } from './outcome.js'
import { toMetaRequest } from './request.js'

/** Meta accepts events up to 7 days old; one older event fails the whole request (platforms.md 1.2). */
export const META_MAX_EVENT_AGE_MS = 7 * 24 * 60 * 60 * 1000

/**
 * Meta Conversions API (platforms.md section 1): gated by ads consent, up to 1,000 events per request
 * (the commonly documented limit; UNCONFIRMED in platforms.md 1.2).
 * @example meta.toRequest(events, meta.configSchema.parse({ pixelId: '123', accessToken: 't' }), new Date())
 */
export const meta: Destination<MetaConfig, z.input<typeof MetaConfigSchema>> = {
  id: 'meta',
  configSchema: MetaConfigSchema,
  purpose: 'ads',
  maxBatch: 1000,
  maxEventAgeMs: META_MAX_EVENT_AGE_MS,
  publicConfig: (config) => ({ pixelId: config.pixelId }),
  toRequest: toMetaRequest,
  classify: classifyMetaResponse,
}

export { MetaConfigSchema, type MetaConfig } from './config.js'
export { META_API_VERSION } from './api-version.js'
