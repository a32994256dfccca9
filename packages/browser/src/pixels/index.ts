import type { PixelReport, PlatformId } from '@pairtrack/shared'
import type { AllowedPurposes } from '../consent/merge-consent.js'
import { ga4Pixel } from './ga4.js'
import { metaPixel } from './meta.js'
import type { Pixel, PixelEvent, PixelHost } from './pixel.js'
import { tiktokPixel } from './tiktok.js'

export type { Pixel, PixelEvent, PixelHost } from './pixel.js'

/** The pixel registry: one line per platform. */
export const pixels: { readonly [P in PlatformId]: Pixel } = { meta: metaPixel, ga4: ga4Pixel, tiktok: tiktokPixel }

/**
 * Fires every pixel that consent allows with the event id and reports what each did (the beacon's
 * `pixels` field). GA4 is analytics (`analytics`), Meta and TikTok advertising (`ads`), as the relay's
 * destinations; a pixel consent does not allow is neither called nor reported.
 * @example firePixels({ event_name: 'Lead' }, 'e1', window, { ads: true, analytics: true }) // { meta: 'fired', ga4: 'absent', tiktok: 'fired' }
 * @example firePixels({ event_name: 'Lead' }, 'e1', window, { ads: false, analytics: true }) // { ga4: 'fired' }
 */
export function firePixels(
  { event_name: name, custom_data: data = {} }: PixelEvent,
  eventId: string,
  host: PixelHost,
  allowed: AllowedPurposes,
): PixelReport {
  const report: PixelReport = {}
  for (const id in pixels)
    if (id == 'ga4' ? allowed.analytics : allowed.ads) report[id as PlatformId] = pixels[id as PlatformId](name, data, eventId, host)
  return report
}
