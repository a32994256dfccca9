import { isStandardEventName, toMetaCustomData } from '@pairtrack/shared'
import { callPixel, type Pixel } from './pixel.js'

/**
 * Meta pixel: `fbq('track', name, data, { eventID })` for standard events (PageView included),
 * `fbq('trackCustom', …)` for custom ones. `eventID` in the 4th argument is what Meta pairs with the
 * server's `event_id`, together with the identical, case-sensitive event name (platforms.md 1.4). Meta's
 * name of every event is pairtrack's own (shared's `toPlatformEventName(name, 'meta')` is the identity).
 * @example metaPixel('Lead', {}, 'e1', window) // fbq('track', 'Lead', {}, { eventID: 'e1' }); 'fired'
 */
export const metaPixel: Pixel = (name, data, eventID, { fbq }) =>
  callPixel(fbq, (fbq) => fbq(isStandardEventName(name) ? 'track' : 'trackCustom', name, toMetaCustomData(data), { eventID }))
