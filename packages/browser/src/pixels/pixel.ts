import type { CustomData, PixelStatus } from '@pairtrack/shared'

/** Where the pixels' globals live: `window` in a page, a plain object in tests. */
export type PixelHost = { fbq?: unknown; gtag?: unknown; ttq?: unknown }

/** What a pixel needs from the event: the name the site tracked and its custom data. */
export type PixelEvent = { event_name: string; custom_data?: CustomData | undefined }

/**
 * One platform's pixel: the call that fires the event with the shared event id in the platform's own
 * dedup field, or nothing (`undefined`/`false`) when the pixel is not on the page.
 */
export type Pixel = (event: PixelEvent, eventId: string, host: PixelHost) => (() => unknown) | false | undefined

/** Any function: what a pixel global is once it is known to be callable. */
export type AnyFunction = (...args: unknown[]) => unknown

/** @example isFunction(window.fbq) // true when the Meta pixel snippet is on the page */
export function isFunction(value: unknown): value is AnyFunction {
  return typeof value == 'function'
}

/**
 * Runs a pixel call and reports what happened: 'absent' when there is nothing to call (the pixel is not
 * on the page or blocked), 'threw' when the call threw (kept from the page), else 'fired'.
 * @example callPixel(isFunction(w.fbq) && (() => w.fbq('track', 'Lead'))) // 'fired'
 */
export function callPixel(call: (() => unknown) | false | undefined): PixelStatus {
  if (!call) return 'absent'
  try {
    call()
    return 'fired'
  } catch {
    return 'threw'
  }
}
