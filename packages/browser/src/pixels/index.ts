import type { PixelReport, PlatformId } from '@pairtrack/shared'
import { ga4Pixel } from './ga4.js'
import { metaPixel } from './meta.js'
import type { Pixel, PixelEvent, PixelHost } from './pixel.js'
import { tiktokPixel } from './tiktok.js'

export type { Pixel, PixelEvent, PixelHost } from './pixel.js'

/** The pixel registry: one line per platform. */
export const pixels: { readonly [P in PlatformId]: Pixel } = { meta: metaPixel, ga4: ga4Pixel, tiktok: tiktokPixel }

/**
 * Fires every pixel with the event id and reports what each did (the beacon's `pixels` field).
 * @example firePixels({ event_name: 'Lead' }, 'e1', window) // { meta: 'fired', ga4: 'absent', tiktok: 'fired' }
 */
export function firePixels({ event_name: name, custom_data: data = {} }: PixelEvent, eventId: string, host: PixelHost): PixelReport {
  const report: PixelReport = {}
  for (const id in pixels) report[id as PlatformId] = pixels[id as PlatformId](name, data, eventId, host)
  return report
}
