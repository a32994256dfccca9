import { ga4 } from './ga4/index.js'
import { meta } from './meta/index.js'
import { tiktok } from './tiktok/index.js'

/**
 * Every destination by id: one line per platform. The relay composes its config schema, consent gating and
 * workers from this object; adding a platform is a folder plus a line here.
 * @example Object.keys(destinations) // ['meta', 'ga4', 'tiktok']
 */
export const destinations = {
  meta,
  ga4,
  tiktok,
} as const

export type Destinations = typeof destinations
