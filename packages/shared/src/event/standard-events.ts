import type { PlatformId } from '../platform.js'

/**
 * One row per intent, from platforms.md section 9. The key (Meta's spelling) is the name a site passes to
 * `track()`; each platform gets its own name. TikTok renamed CompletePayment → Purchase and
 * SubmitForm → Lead in May 2025 (platforms.md 11.9), so the current names are used.
 * GA4 has no standard event for some intents; those use the snake_case custom name.
 */
export const STANDARD_EVENTS = {
  PageView: { meta: 'PageView', ga4: 'page_view', tiktok: 'PageView' },
  ViewContent: { meta: 'ViewContent', ga4: 'view_item', tiktok: 'ViewContent' },
  Search: { meta: 'Search', ga4: 'search', tiktok: 'Search' },
  AddToCart: { meta: 'AddToCart', ga4: 'add_to_cart', tiktok: 'AddToCart' },
  AddToWishlist: { meta: 'AddToWishlist', ga4: 'add_to_wishlist', tiktok: 'AddToWishlist' },
  InitiateCheckout: { meta: 'InitiateCheckout', ga4: 'begin_checkout', tiktok: 'InitiateCheckout' },
  AddPaymentInfo: { meta: 'AddPaymentInfo', ga4: 'add_payment_info', tiktok: 'AddPaymentInfo' },
  Purchase: { meta: 'Purchase', ga4: 'purchase', tiktok: 'Purchase' },
  Lead: { meta: 'Lead', ga4: 'generate_lead', tiktok: 'Lead' },
  CompleteRegistration: { meta: 'CompleteRegistration', ga4: 'sign_up', tiktok: 'CompleteRegistration' },
  Subscribe: { meta: 'Subscribe', ga4: 'subscribe', tiktok: 'Subscribe' },
  StartTrial: { meta: 'StartTrial', ga4: 'start_trial', tiktok: 'StartTrial' },
  Contact: { meta: 'Contact', ga4: 'contact', tiktok: 'Contact' },
  Schedule: { meta: 'Schedule', ga4: 'schedule', tiktok: 'Schedule' },
  SubmitApplication: { meta: 'SubmitApplication', ga4: 'submit_application', tiktok: 'SubmitApplication' },
  CustomizeProduct: { meta: 'CustomizeProduct', ga4: 'customize_product', tiktok: 'CustomizeProduct' },
  FindLocation: { meta: 'FindLocation', ga4: 'find_location', tiktok: 'FindLocation' },
  Donate: { meta: 'Donate', ga4: 'donate', tiktok: 'Donate' },
} as const satisfies Record<string, Record<PlatformId, string>>

export type StandardEventName = keyof typeof STANDARD_EVENTS

/** @example isStandardEventName('Purchase') // true */
export function isStandardEventName(name: string): name is StandardEventName {
  return Object.prototype.hasOwnProperty.call(STANDARD_EVENTS, name)
}

/**
 * The name a platform knows an event by. Custom names pass through unchanged.
 * @example toPlatformEventName('Purchase', 'ga4') // 'purchase'
 */
export function toPlatformEventName(eventName: string, platform: PlatformId): string {
  return isStandardEventName(eventName) ? STANDARD_EVENTS[eventName][platform] : eventName
}
