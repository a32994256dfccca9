import type { z } from 'zod'
import type { Destination } from '../destination.js'
import { TiktokConfigSchema, type TiktokConfig } from './config.js'
import { classifyTiktokResponse } from './outcome.js'
import { toTiktokRequest } from './request.js'

/**
 * TikTok Events API 2.0 (platforms.md section 3): gated by ads consent, up to 1,000 events per request
 * (platforms.md 3.1, per rudder-transformer). No event age limit: TikTok's is UNCONFIRMED (platforms.md 3.2).
 * @example tiktok.toRequest(events, tiktok.configSchema.parse({ pixelCode: 'C4ABC', accessToken: 't' }), new Date())
 */
export const tiktok: Destination<TiktokConfig, z.input<typeof TiktokConfigSchema>> = {
  id: 'tiktok',
  configSchema: TiktokConfigSchema,
  purpose: 'ads',
  maxBatch: 1000,
  publicConfig: (config) => ({ pixelCode: config.pixelCode }),
  toRequest: toTiktokRequest,
  classify: classifyTiktokResponse,
}

export { TiktokConfigSchema, type TiktokConfig } from './config.js'
