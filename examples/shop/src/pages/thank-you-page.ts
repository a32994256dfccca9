import { PRODUCT, type Order } from '../catalog.js'
import { escapeHtml, renderLayout, scriptJson, type PageContext } from './layout.js'

/**
 * Fires the pixels' Purchase with the id the server already used for relay.track(): one conversion. The
 * beacon carries `token`, minted by the server for this id, value and currency (relay.sign()): the relay
 * refuses a browser Purchase without it, so nobody can post a purchase of their own making.
 */
export function renderThankYouPage(context: PageContext, order: Order, token: string): string {
  const customData = {
    value: order.value,
    currency: order.currency,
    order_id: order.orderId,
    contents: [{ id: PRODUCT.id, quantity: order.quantity, item_price: PRODUCT.price }],
  }
  return renderLayout({
    title: 'Thank you',
    context,
    body: `
<h2>Thank you!</h2>
<p>Order <strong id="order-id">${escapeHtml(order.orderId)}</strong> is confirmed: €${order.value.toFixed(2)}.</p>
<p class="note">Purchase event id <code id="purchase-event-id">${escapeHtml(order.purchaseEventId)}</code>, sent by the server and the pixels alike.</p>
<p><a href="/">Back to the shop</a></p>`,
    script: `
pairtrack('track', 'Purchase', ${scriptJson(customData)}, {}, { eventId: ${scriptJson(order.purchaseEventId)}, token: ${scriptJson(token)} });`,
  })
}
