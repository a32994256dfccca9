import type { ContentItem, CustomData } from './event.schema.js'
import { toPlatformEventName } from './standard-events.js'

/**
 * Custom data → each platform's event parameters, shared by the browser pixels and the relay's
 * destinations so that both copies of an event carry the same values (and, for GA4, the same
 * transaction id: the dedup key of purchases, platforms.md 2.4).
 */

type Params = Record<string, unknown>

const KNOWN_KEYS = new Set([
  'value',
  'currency',
  'order_id',
  'content_ids',
  'contents',
  'content_type',
  'content_name',
  'content_category',
  'num_items',
  'search_string',
  'status',
  'predicted_ltv',
])

function compact(params: Params): Params {
  const out: Params = {}
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out[key] = value
  return out
}

function customKeys(customData: CustomData): Params {
  const out: Params = {}
  for (const [key, value] of Object.entries(customData)) if (!KNOWN_KEYS.has(key) && value !== undefined) out[key] = value
  return out
}

/**
 * Meta's custom_data uses pairtrack's own keys (platforms.md 1.2); `contents` items are `{ id, quantity,
 * item_price, title, brand, category }` on both sides.
 * @example toMetaCustomData({ value: 10, currency: 'EUR' }) // { value: 10, currency: 'EUR' }
 */
export function toMetaCustomData(customData: CustomData): Params {
  return compact({ ...customData })
}

/**
 * GA4's transaction id for a purchase: the order id, else the event id. Never empty: GA4 collapses every
 * purchase with `transaction_id: ""` into one (platforms.md 2.4).
 * @example toGa4TransactionId({ order_id: 'A-17' }, 'e1') // 'A-17'
 */
export function toGa4TransactionId(customData: CustomData, eventId: string): string {
  return customData.order_id !== undefined && customData.order_id !== '' ? customData.order_id : eventId
}

function toGa4Item(item: ContentItem): Params {
  return compact({
    item_id: item.id,
    item_name: item.title,
    price: item.item_price,
    quantity: item.quantity,
    item_brand: item.brand,
    item_category: item.category,
  })
}

// GA4 events that carry a transaction id (ecommerce purchase and refund).
const GA4_TRANSACTION_EVENTS = new Set(['purchase', 'refund'])

/**
 * GA4 event params (platforms.md 2.2): ecommerce keys renamed, items built from `contents` (or
 * `content_ids`), `transaction_id` on purchases, custom keys passed through.
 * @example toGa4EventParams('Purchase', { value: 5, currency: 'EUR' }, 'e1').transaction_id // 'e1'
 */
export function toGa4EventParams(eventName: string, customData: CustomData, eventId: string): Params {
  const ga4Name = toPlatformEventName(eventName, 'ga4')
  const items = customData.contents
    ? customData.contents.map(toGa4Item)
    : customData.content_ids?.map((id) => ({ item_id: id }))
  return compact({
    currency: customData.currency,
    value: customData.value,
    transaction_id: GA4_TRANSACTION_EVENTS.has(ga4Name) ? toGa4TransactionId(customData, eventId) : undefined,
    items,
    search_term: customData.search_string,
    ...customKeys(customData),
  })
}

/**
 * TikTok `properties` (platforms.md 3.2): contents as `{ content_id, content_name, price, quantity, brand,
 * content_category }`, `query` for searches.
 * @example toTiktokProperties({ content_ids: ['sku-1'] }).content_type // 'product'
 */
export function toTiktokProperties(customData: CustomData): Params {
  const contents = customData.contents?.map((item) =>
    compact({
      content_id: item.id,
      content_name: item.title,
      price: item.item_price,
      quantity: item.quantity,
      brand: item.brand,
      content_category: item.category,
    }),
  )
  const hasProducts = contents !== undefined || customData.content_ids !== undefined
  return compact({
    value: customData.value,
    currency: customData.currency,
    content_type: customData.content_type ?? (hasProducts ? 'product' : undefined),
    contents,
    content_ids: customData.content_ids,
    content_name: customData.content_name,
    content_category: customData.content_category,
    num_items: customData.num_items,
    order_id: customData.order_id,
    query: customData.search_string,
    predicted_ltv: customData.predicted_ltv,
    ...customKeys(customData),
  })
}
