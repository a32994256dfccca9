import type { CustomData, PixelStatus } from '@pairtrack/shared'

/** Where the pixels' globals live: `window` in a page, a plain object in tests. */
export type PixelHost = { fbq?: unknown; gtag?: unknown; ttq?: unknown }

/** What a pixel needs from the event: the name the site tracked and its custom data. */
export type PixelEvent = { event_name: string; custom_data?: CustomData | undefined }

/**
 * One platform's pixel: fires the event (its name and custom data) with the shared event id in the
 * platform's own dedup field, and reports what happened.
 */
export type Pixel = (name: string, data: CustomData, eventId: string, host: PixelHost) => PixelStatus

/** Any function: what a pixel global is once it is known to be callable. */
export type AnyFunction = (...args: unknown[]) => unknown

/**
 * Calls `fire(pixel)` when `pixel` is a function, and reports what happened: 'absent' when it is not
 * (the pixel is not on the page, or blocked), 'threw' when the call threw (kept from the page), else 'fired'.
 * @example callPixel(window.fbq, (fbq) => fbq('track', 'Lead')) // 'fired'
 */
export function callPixel(pixel: unknown, fire: (pixel: AnyFunction) => unknown): PixelStatus {
  if (typeof pixel != 'function') return 'absent'
  try {
    fire(pixel as AnyFunction)
    return 'fired'
  } catch {
    return 'threw'
  }
}
