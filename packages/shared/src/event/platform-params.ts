import type { ContentItem, CustomData } from './event.schema.js'
import { toPlatformEventName } from './standard-events.js'

/**
 * Custom data → each platform's event parameters, shared by the browser pixels and the relay's
 * destinations so that both copies of an event carry the same values (and, for GA4, the same
 * transaction id: the dedup key of purchases, platforms.md 2.4).
 */

type Params = Record<string, unknown>

// pairtrack's named custom_data keys; every other key is a custom property, passed through as it is.
// (In TikTok's order below, which gzip then stores once.)
export const NAMED_CUSTOM_DATA_KEYS =
  'value currency content_type contents content_ids content_name content_category num_items order_id search_string status predicted_ltv'.split(
    ' ',
  )

/**
 * The platform's parameters, in the order `map` lists them: each `key` or `from:to` of `map` copies
 * `source[from]` to `to`; then `custom` keys are laid over them, and undefined values are left out.
 * (The maps are strings because the browser bundle pays for every byte, platforms.md aside.)
 */
function toParams(source: object, map: string, custom: Params = {}): Params {
  const from = source as Params
  const out: Params = {}
  // Only defined values are written: a `delete` would turn the object into a slow dictionary in V8.
  for (const pair of map.split(' '))
    if (pair) {
      const [key = '', to = key] = pair.split(':')
      if (from[key] !== undefined) out[to] = from[key]
    }
  for (const key in custom) if (custom[key] !== undefined) out[key] = custom[key]
  return out
}

function customKeys(customData: CustomData): Params {
  const out: Params = {}
  for (const [key, value] of Object.entries(customData)) if (!NAMED_CUSTOM_DATA_KEYS.includes(key) && value !== undefined) out[key] = value
  return out
}

/**
 * Meta's custom_data uses pairtrack's own keys (platforms.md 1.2); `contents` items are `{ id, quantity,
 * item_price, title, brand, category }` on both sides.
 * @example toMetaCustomData({ value: 10, currency: 'EUR' }) // { value: 10, currency: 'EUR' }
 */
export function toMetaCustomData(customData: CustomData): Params {
  return toParams({}, '', customData)
}

/**
 * GA4's transaction id for a purchase: the order id, else the event id. Never empty: GA4 collapses every
 * purchase with `transaction_id: ""` into one (platforms.md 2.4).
 * @example toGa4TransactionId({ order_id: 'A-17' }, 'e1') // 'A-17'
 */
export function toGa4TransactionId(customData: CustomData, eventId: string): string {
  return customData.order_id || eventId
}

/**
 * GA4 event params (platforms.md 2.2): ecommerce keys renamed, items built from `contents` (or
 * `content_ids`), `transaction_id` on purchases and refunds, custom keys passed through.
 * @example toGa4EventParams('Purchase', { value: 5, currency: 'EUR' }, 'e1').transaction_id // 'e1'
 */
export function toGa4EventParams(eventName: string, customData: CustomData, eventId: string): Params {
  const ga4Name = toPlatformEventName(eventName, 'ga4')
  return toParams(
    {
      ...customData,
      transaction_id: /^(purchase|refund)$/.test(ga4Name) ? toGa4TransactionId(customData, eventId) : undefined,
      items: customData.contents
        ? customData.contents.map((item: ContentItem) =>
            toParams(item, 'id:item_id title:item_name item_price:price quantity brand:item_brand category:item_category'),
          )
        : customData.content_ids?.map((id) => ({ item_id: id })),
    },
    'currency value transaction_id items search_string:search_term',
    customKeys(customData),
  )
}

/**
 * TikTok `properties` (platforms.md 3.2): contents as `{ content_id, content_name, price, quantity, brand,
 * content_category }`, `query` for searches.
 * @example toTiktokProperties({ content_ids: ['sku-1'] }).content_type // 'product'
 */
export function toTiktokProperties(customData: CustomData): Params {
  const contents = customData.contents?.map((item: ContentItem) =>
    toParams(item, 'id:content_id title:content_name item_price:price quantity brand category:content_category'),
  )
  return toParams(
    {
      ...customData,
      contents,
      content_type: customData.content_type ?? ((contents ?? customData.content_ids) !== undefined ? 'product' : undefined),
    },
    'value currency content_type contents content_ids content_name content_category num_items order_id search_string:query predicted_ltv',
    customKeys(customData),
  )
}
