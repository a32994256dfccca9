import { toTiktokProperties } from '@pairtrack/shared'
import { callPixel, type AnyFunction, type Pixel } from './pixel.js'

/**
 * TikTok pixel: `ttq.track(name, properties, { event_id })`; TikTok pairs it with the Events API event of
 * the same name and `event_id` (platforms.md 3.4). TikTok's name of every event is pairtrack's own, since
 * its 2025 rename (platforms.md 3.8). PageView goes through `ttq.track('PageView', …)` too, not
 * `ttq.page()`, because `page()` takes no event id and so could not be deduplicated with the server copy;
 * a site using pairtrack's PageView drops the `ttq.page()` line of TikTok's base code.
 * @example tiktokPixel('AddToCart', {}, 'e1', window) // ttq.track('AddToCart', {}, { event_id: 'e1' }); 'fired'
 */
export const tiktokPixel: Pixel = (name, data, event_id, { ttq }) =>
  // Called as a method: ttq's functions use `this`.
  callPixel((ttq as { track?: unknown } | undefined)?.track, () =>
    (ttq as { track: AnyFunction }).track(name, toTiktokProperties(data), { event_id }),
  )
