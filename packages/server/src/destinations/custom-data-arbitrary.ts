import type { CustomData } from '@pairtrack/shared'
import fc from 'fast-check'

// Custom data as the schema admits it: the named keys (each sometimes absent or undefined), contents or
// content ids, and custom keys among which the names the mappers write themselves (`items`, `query`…).
const text = fc.oneof(fc.constantFrom('', 'SKU-1', 'Shoes', 'order-7'), fc.string({ maxLength: 8 }))
const maybe = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined })
const item = fc.record(
  {
    id: text,
    quantity: maybe(fc.nat(5)),
    item_price: maybe(fc.constantFrom(0, 9.99, 49.99, 1e6)),
    title: maybe(text),
    brand: maybe(text),
    category: maybe(text),
  },
  { requiredKeys: ['id'] },
)
const customValue = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.oneof(text, fc.integer()), { maxLength: 3 }), fc.constant(undefined))
const customKey = fc.constantFrom('items', 'transaction_id', 'session_id', 'engagement_time_msec', 'search_term', 'query', 'coupon', '1', 'x_y')

/** Generated custom data for the relay builders' equivalence tests (GA4 params, TikTok properties). */
export const customDataArbitrary: fc.Arbitrary<CustomData> = fc
  .tuple(
    fc.record(
      {
        value: maybe(fc.constantFrom(0, 5, 129.99)),
        currency: maybe(fc.constantFrom('USD', 'EUR')),
        order_id: maybe(text),
        content_ids: maybe(fc.array(text, { maxLength: 3 })),
        contents: maybe(fc.array(item, { maxLength: 3 })),
        content_type: maybe(text),
        content_name: maybe(text),
        content_category: maybe(text),
        num_items: maybe(fc.nat(9)),
        search_string: maybe(text),
        status: maybe(text),
        predicted_ltv: maybe(fc.constantFrom(0, 12.5)),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(customKey, customValue, { maxKeys: 4 }),
  )
  .map(([named, custom]) => ({ ...custom, ...named }) as CustomData)
