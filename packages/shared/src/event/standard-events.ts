import type { PlatformId } from '../platform.js'

/**
 * The standard events, from platforms.md section 9. The name (Meta's spelling) is what a site passes to
 * `track()`, and Meta and TikTok know every one of them by that same name: TikTok renamed
 * CompletePayment → Purchase and SubmitForm → Lead in May 2025 (platforms.md 3.8, 11.9), so the current
 * names match Meta's. Only GA4 differs.
 */
const NAMES = [
  'PageView',
  'ViewContent',
  'Search',
  'AddToCart',
  'AddToWishlist',
  'InitiateCheckout',
  'AddPaymentInfo',
  'Purchase',
  'Lead',
  'CompleteRegistration',
  'Subscribe',
  'StartTrial',
  'Contact',
  'Schedule',
  'SubmitApplication',
  'CustomizeProduct',
  'FindLocation',
  'Donate',
] as const

// GA4's recommended names where they are not the snake_case of the name. The others are: GA4 has a
// recommended event of that spelling (page_view, search, add_to_cart, purchase…) or none, and then the
// snake_case custom name is used (start_trial, contact, donate…).
const GA4_NAMES = {
  ViewContent: 'view_item',
  InitiateCheckout: 'begin_checkout',
  Lead: 'generate_lead',
  CompleteRegistration: 'sign_up',
} as const

export type StandardEventName = (typeof NAMES)[number]

// 'AddToCart' → 'add_to_cart', at the type level, so that STANDARD_EVENTS keeps its literal types.
type SnakeCase<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeCase<Rest>}`
  : S
type Ga4Name<N extends StandardEventName> = N extends keyof typeof GA4_NAMES
  ? (typeof GA4_NAMES)[N]
  : SnakeCase<Uncapitalize<N>>

const toGa4Name = (name: StandardEventName): string =>
  (GA4_NAMES as Record<string, string>)[name] ?? name.replace(/\B[A-Z]/g, '_$&').toLowerCase()

/**
 * One row per standard event: the name each platform knows it by.
 * @example STANDARD_EVENTS.Lead // { meta: 'Lead', ga4: 'generate_lead', tiktok: 'Lead' }
 */
export const STANDARD_EVENTS = /* @__PURE__ */ toStandardEvents()

// A function, so that a bundle that does not use the table (the browser's) drops it whole.
function toStandardEvents() {
  return Object.fromEntries(NAMES.map((name) => [name, { meta: name, ga4: toGa4Name(name), tiktok: name }])) as {
    readonly [N in StandardEventName]: { readonly meta: N; readonly ga4: Ga4Name<N>; readonly tiktok: N }
  } satisfies Record<string, Record<PlatformId, string>>
}

/** @example isStandardEventName('Purchase') // true */
export function isStandardEventName(name: string): name is StandardEventName {
  return (NAMES as readonly string[]).includes(name)
}

/**
 * The name a platform knows an event by. Custom names pass through unchanged.
 * @example toPlatformEventName('Purchase', 'ga4') // 'purchase'
 */
export function toPlatformEventName(eventName: string, platform: PlatformId): string {
  return platform === 'ga4' && isStandardEventName(eventName) ? toGa4Name(eventName) : eventName
}
