import type { PixelReport, PlatformId } from '@pairtrack/shared'
import { ga4Pixel } from './ga4.js'
import { metaPixel } from './meta.js'
import { callPixel, type Pixel, type PixelEvent, type PixelHost } from './pixel.js'
import { tiktokPixel } from './tiktok.js'

export type { Pixel, PixelEvent, PixelHost } from './pixel.js'

/** The pixel registry: one line per platform. */
export const pixels: { readonly [P in PlatformId]: Pixel } = { meta: metaPixel, ga4: ga4Pixel, tiktok: tiktokPixel }

/**
 * Fires every pixel with the event id and reports what each did (the beacon's `pixels` field).
 * @example firePixels({ event_name: 'Lead' }, 'e1', window) // { meta: 'fired', ga4: 'absent', tiktok: 'fired' }
 */
export function firePixels(event: PixelEvent, eventId: string, host: PixelHost): PixelReport {
  const report: PixelReport = {}
  for (const [id, pixel] of Object.entries(pixels)) report[id as PlatformId] = callPixel(pixel(event, eventId, host))
  return report
}
