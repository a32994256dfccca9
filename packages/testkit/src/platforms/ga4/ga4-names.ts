// GA4 naming rules (platforms.md 2.2): ≤ 40 characters, alphanumeric + underscore, starting with a letter.
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/

/** Longest event or param name GA4 accepts (platforms.md 2.2). */
export const GA4_MAX_NAME_LENGTH = 40

// Reserved event names. platforms.md 2.2 lists session_start, first_visit, user_engagement, ad_click,
// app_remove, error, firebase_campaign and the app-only ad_impression, in_app_purchase, screen_view; the rest
// of this list is Google's MP reference as remembered by the emulator's author (UNCONFIRMED here).
export const GA4_RESERVED_EVENT_NAMES: ReadonlySet<string> = new Set([
  'ad_activeview', 'ad_click', 'ad_exposure', 'ad_impression', 'ad_query', 'ad_reward', 'adunit_exposure',
  'app_background', 'app_clear_data', 'app_exception', 'app_remove', 'app_store_refund',
  'app_store_subscription_cancel', 'app_store_subscription_convert', 'app_store_subscription_renew',
  'app_update', 'app_upgrade', 'dynamic_link_app_open', 'dynamic_link_app_update', 'dynamic_link_first_open',
  'error', 'firebase_campaign', 'firebase_in_app_message_action', 'firebase_in_app_message_dismiss',
  'firebase_in_app_message_impression', 'first_open', 'first_visit', 'in_app_purchase', 'notification_dismiss',
  'notification_foreground', 'notification_open', 'notification_receive', 'os_update', 'screen_view',
  'session_start', 'session_start_with_rollout', 'user_engagement',
])

// Param and user-property names may not start with these (platforms.md 2.2).
const RESERVED_PREFIXES = ['_', 'firebase_', 'ga_', 'google_', 'gtag.']
const RESERVED_PARAM_NAMES = new Set(['firebase_conversion'])

/** Reserved user properties (platforms.md 2.2). */
export const GA4_RESERVED_USER_PROPERTIES: ReadonlySet<string> = new Set([
  'first_open_time', 'first_visit_time', 'last_deep_link_referrer', 'user_id', 'first_open_after_install',
])

/** Why a GA4 name is refused, or null when it is fine. */
export type Ga4NameProblem = 'too_long' | 'invalid' | 'reserved' | null

/**
 * Checks an event name.
 * @example checkGa4EventName('session_start') // 'reserved'
 */
export function checkGa4EventName(name: string): Ga4NameProblem {
  if (name.length > GA4_MAX_NAME_LENGTH) return 'too_long'
  if (!NAME.test(name)) return 'invalid'
  return GA4_RESERVED_EVENT_NAMES.has(name) ? 'reserved' : null
}

/**
 * Checks a param or user-property name against a length limit (40 for params, 24 for user properties).
 * @example checkGa4ParamName('google_x', 40) // 'reserved'
 */
export function checkGa4ParamName(name: string, maxLength: number): Ga4NameProblem {
  if (RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix)) || RESERVED_PARAM_NAMES.has(name)) return 'reserved'
  if (name.length > maxLength) return 'too_long'
  return NAME.test(name) ? null : 'invalid'
}
