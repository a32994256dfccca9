import { describe, expect, expectTypeOf, it } from 'vitest'
import { STANDARD_EVENTS, isStandardEventName, toPlatformEventName, type StandardEventName } from './standard-events.js'

// platforms.md section 9: every standard event and its GA4 name (Meta and TikTok use the name itself).
const GA4_NAMES = {
  PageView: 'page_view',
  ViewContent: 'view_item',
  Search: 'search',
  AddToCart: 'add_to_cart',
  AddToWishlist: 'add_to_wishlist',
  InitiateCheckout: 'begin_checkout',
  AddPaymentInfo: 'add_payment_info',
  Purchase: 'purchase',
  Lead: 'generate_lead',
  CompleteRegistration: 'sign_up',
  Subscribe: 'subscribe',
  StartTrial: 'start_trial',
  Contact: 'contact',
  Schedule: 'schedule',
  SubmitApplication: 'submit_application',
  CustomizeProduct: 'customize_product',
  FindLocation: 'find_location',
  Donate: 'donate',
}

describe('STANDARD_EVENTS', () => {
  it('lists the 18 standard events, in order, with the name each platform knows them by', () => {
    expect(STANDARD_EVENTS).toEqual(
      Object.fromEntries(Object.entries(GA4_NAMES).map(([name, ga4]) => [name, { meta: name, ga4, tiktok: name }])),
    )
    expect(Object.keys(STANDARD_EVENTS)).toEqual(Object.keys(GA4_NAMES))
  })

  it('keeps the literal types of the names', () => {
    expectTypeOf(STANDARD_EVENTS.Lead).toEqualTypeOf<{ readonly meta: 'Lead'; readonly ga4: 'generate_lead'; readonly tiktok: 'Lead' }>()
    expectTypeOf(STANDARD_EVENTS.AddToCart.ga4).toEqualTypeOf<'add_to_cart'>()
    expectTypeOf<'Donate'>().toExtend<StandardEventName>()
    expectTypeOf<'CompletePayment'>().not.toExtend<StandardEventName>()
  })
})

describe('isStandardEventName', () => {
  it.each(Object.keys(GA4_NAMES))('knows %s', (name) => {
    expect(isStandardEventName(name)).toBe(true)
  })

  it.each(['purchase', 'CompletePayment', 'Purchase Lead', 'ViewContent:view_item', 'view_item', '', 'toString', 'Lead '])(
    'does not take %j for a standard event',
    (name) => {
      expect(isStandardEventName(name)).toBe(false)
    },
  )
})

describe('toPlatformEventName', () => {
  it.each(Object.entries(GA4_NAMES))('names %s %s on GA4 and keeps the name on Meta and TikTok', (name, ga4) => {
    expect(toPlatformEventName(name, 'ga4')).toBe(ga4)
    expect(toPlatformEventName(name, 'meta')).toBe(name)
    expect(toPlatformEventName(name, 'tiktok')).toBe(name)
  })

  it('passes custom names through unchanged on every platform', () => {
    for (const platform of ['meta', 'ga4', 'tiktok'] as const) expect(toPlatformEventName('NewsletterOpen', platform)).toBe('NewsletterOpen')
  })
})
