import { toGa4EventParams, toPlatformEventName } from '@pairtrack/shared'
import { callPixel, type Pixel } from './pixel.js'

/**
 * GA4 via gtag: `gtag('event', name, params)`. GA4 does not pair gtag and Measurement Protocol events by
 * id; only purchases dedupe, by `transaction_id` (platforms.md 2.4), which the shared mapper sets to the
 * same value the relay sends. PageView is sent as a `page_view` event: a site using pairtrack's PageView
 * sets `send_page_view: false` in its gtag config, else GA4 counts the page twice.
 * @example ga4Pixel('Purchase', { value: 5 }, 'e1', window) // gtag('event', 'purchase', …); 'fired'
 */
export const ga4Pixel: Pixel = (name, data, eventId, { gtag }) =>
  callPixel(gtag, (gtag) => gtag('event', toPlatformEventName(name, 'ga4'), toGa4EventParams(name, data, eventId)))
