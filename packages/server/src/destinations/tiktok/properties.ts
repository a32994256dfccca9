import { NAMED_CUSTOM_DATA_KEYS, type ContentItem, type CustomData } from '@pairtrack/shared'

// The relay's copy of the shared `toTiktokProperties` (platform-params.ts, which the pixel uses): the same
// rules written key by key instead of read from the browser's byte-saving map strings on every call.
// properties.test.ts checks it against the shared mapper for generated custom data.

// pairtrack's named custom_data keys; every other key is a custom property.
const KNOWN_KEYS: ReadonlySet<string> = new Set(NAMED_CUSTOM_DATA_KEYS)

/** The TikTok content of a `contents` entry: the shared mapper's keys, in its order, absent values left out. */
function toTiktokContent(item: ContentItem): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (item.id !== undefined) out.content_id = item.id
  if (item.title !== undefined) out.content_name = item.title
  if (item.item_price !== undefined) out.price = item.item_price
  if (item.quantity !== undefined) out.quantity = item.quantity
  if (item.brand !== undefined) out.brand = item.brand
  if (item.category !== undefined) out.content_category = item.category
  return out
}

/**
 * TikTok `properties`, as `toTiktokProperties(customData)` makes them (platforms.md 3.2): contents as
 * `{ content_id, content_name, price, quantity, brand, content_category }`, `content_type` 'product'
 * when there are contents or content ids and none is given, `query` for searches, custom keys passed
 * through. Undefined when nothing is left. Only defined values are written (no `delete`).
 * @example toTiktokProps({ content_ids: ['sku-1'] })?.content_type // 'product'
 */
export function toTiktokProps(customData: CustomData): Record<string, unknown> | undefined {
  let contents: Record<string, unknown>[] | undefined
  if (customData.contents !== undefined) {
    contents = []
    for (const item of customData.contents) contents.push(toTiktokContent(item))
  }
  const contentType = customData.content_type ?? ((contents ?? customData.content_ids) !== undefined ? 'product' : undefined)
  const out: Record<string, unknown> = {}
  if (customData.value !== undefined) out.value = customData.value
  if (customData.currency !== undefined) out.currency = customData.currency
  if (contentType !== undefined) out.content_type = contentType
  if (contents !== undefined) out.contents = contents
  if (customData.content_ids !== undefined) out.content_ids = customData.content_ids
  if (customData.content_name !== undefined) out.content_name = customData.content_name
  if (customData.content_category !== undefined) out.content_category = customData.content_category
  if (customData.num_items !== undefined) out.num_items = customData.num_items
  if (customData.order_id !== undefined) out.order_id = customData.order_id
  if (customData.search_string !== undefined) out.query = customData.search_string
  if (customData.predicted_ltv !== undefined) out.predicted_ltv = customData.predicted_ltv
  for (const key in customData) {
    const value = customData[key]
    if (value !== undefined && !KNOWN_KEYS.has(key)) out[key] = value
  }
  for (const _key in out) return out
  return undefined
}
