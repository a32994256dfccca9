/** A desktop Chrome user agent: the relay's bot filter lets it through. */
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'

/** Headers of a browser beacon to a relay served from `origin` (sendBeacon's text/plain, same-origin page). */
export const BEACON_HEADERS = (origin: string): Record<string, string> => ({
  'content-type': 'text/plain;charset=UTF-8',
  origin,
  'user-agent': UA,
})

/** One event as the browser script sends it: four PII fields to normalise and hash, and two ids. */
const event = (eventId: string) => ({
  event_name: 'AddToCart',
  event_id: eventId,
  event_source_url: 'https://shop.example/product/sku-1',
  custom_data: { value: 24.5, currency: 'EUR', contents: [{ id: 'sku-1', quantity: 1, item_price: 24.5 }] },
  user_data: {
    email: 'Ada.Lovelace@Example.com',
    phone: '+44 20 7946 0958',
    first_name: 'Ada',
    last_name: 'Lovelace',
    fbp: 'fb.1.1700000000000.1234567890',
    ga_client_id: '123456789.1700000000',
  },
})

/** A one-event beacon whose event id autocannon fills in per request (`[<id>]`). */
export const singleEventBeacon = (): string => JSON.stringify(event('[<id>]'))

/** A beacon of `count` events with ids unique per request: `[<id>]-0`, `[<id>]-1`, … */
export const multiEventBeacon = (count: number): string => JSON.stringify(Array.from({ length: count }, (_, i) => event(`[<id>]-${i}`)))
