import { toTiktokProperties } from '@pairtrack/shared'
import { isFunction, type AnyFunction, type Pixel } from './pixel.js'

/**
 * TikTok pixel: `ttq.track(name, properties, { event_id })`; TikTok pairs it with the Events API event of
 * the same name and `event_id` (platforms.md 3.4). TikTok's name of every event is pairtrack's own, since
 * its 2025 rename (platforms.md 3.8). PageView goes through `ttq.track('PageView', …)` too, not
 * `ttq.page()`, because `page()` takes no event id and so could not be deduplicated with the server copy;
 * a site using pairtrack's PageView drops the `ttq.page()` line of TikTok's base code.
 * @example tiktokPixel({ event_name: 'AddToCart' }, 'e1', window) // () => ttq.track('AddToCart', {}, { event_id: 'e1' })
 */
export const tiktokPixel: Pixel = ({ event_name: name, custom_data: data = {} }, event_id, { ttq }) => {
  // Called as a method: ttq's functions use `this`.
  const pixel = ttq as { track?: AnyFunction } | null | undefined
  return isFunction(pixel?.track) && (() => pixel.track?.(name, toTiktokProperties(data), { event_id }))
}
