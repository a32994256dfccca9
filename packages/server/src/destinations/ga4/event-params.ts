import { NAMED_CUSTOM_DATA_KEYS, STANDARD_EVENTS, type ContentItem, type CustomData } from '@pairtrack/shared'

// The relay's copy of the shared `toGa4EventParams` (platform-params.ts, which the gtag call uses): the
// same rules written key by key instead of read from the browser's byte-saving map strings on every
// call. event-params.test.ts checks it against the shared mapper for generated custom data.

// GA4's name of every standard event, read once from the shared table; other names pass through.
const GA4_NAMES: ReadonlyMap<string, string> = new Map(Object.values(STANDARD_EVENTS).map((row) => [row.meta, row.ga4]))

/**
 * The name GA4 knows an event by (`toPlatformEventName(name, 'ga4')`), from a table built once.
 * @example toGa4EventName('Purchase') // 'purchase'
 */
export function toGa4EventName(eventName: string): string {
  return GA4_NAMES.get(eventName) ?? eventName
}

// pairtrack's named custom_data keys; every other key is a custom property.
const KNOWN_KEYS: ReadonlySet<string> = new Set(NAMED_CUSTOM_DATA_KEYS)

/** The GA4 item of a `contents` entry: the shared mapper's keys, in its order, absent values left out. */
function toGa4Item(item: ContentItem): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (item.id !== undefined) out.item_id = item.id
  if (item.title !== undefined) out.item_name = item.title
  if (item.item_price !== undefined) out.price = item.item_price
  if (item.quantity !== undefined) out.quantity = item.quantity
  if (item.brand !== undefined) out.item_brand = item.brand
  if (item.category !== undefined) out.item_category = item.category
  return out
}

function toGa4Items(customData: CustomData): Record<string, unknown>[] | undefined {
  const { contents } = customData
  if (contents !== undefined) {
    const items: Record<string, unknown>[] = []
    for (const item of contents) items.push(toGa4Item(item))
    return items
  }
  return customData.content_ids?.map((id) => ({ item_id: id }))
}

/**
 * An event's GA4 params: `toGa4EventParams(eventName, customData, eventId)` (ecommerce keys renamed,
 * items, `transaction_id` on purchases and refunds, custom keys passed through), then the browser's
 * `session_id` (a custom `session_id` left out without one) and `engagement_time_msec: 1`, as
 * request.ts lays them. Only defined values are written: no `delete`, the object stays a fast one.
 * @example toGa4Params('Purchase', { value: 5, currency: 'EUR' }, 'e1', undefined).transaction_id // 'e1'
 */
export function toGa4Params(eventName: string, customData: CustomData, eventId: string, sessionId: string | undefined): Record<string, unknown> {
  const ga4Name = toGa4EventName(eventName)
  const out: Record<string, unknown> = {}
  if (customData.currency !== undefined) out.currency = customData.currency
  if (customData.value !== undefined) out.value = customData.value
  // toGa4TransactionId: the order id, else the event id (never empty).
  if (ga4Name === 'purchase' || ga4Name === 'refund') out.transaction_id = customData.order_id || eventId
  const items = toGa4Items(customData)
  if (items !== undefined) out.items = items
  if (customData.search_string !== undefined) out.search_term = customData.search_string
  for (const key in customData) {
    const value = customData[key]
    if (value === undefined || KNOWN_KEYS.has(key) || (key === 'session_id' && sessionId === undefined)) continue
    out[key] = value
  }
  if (sessionId !== undefined) out.session_id = sessionId
  out.engagement_time_msec = 1
  return out
}
