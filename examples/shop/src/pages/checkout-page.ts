import { PRODUCT } from '../catalog.js'
import { escapeHtml, renderLayout, scriptJson, type PageContext } from './layout.js'

const FIELDS: Array<[name: string, label: string, type: string, autocomplete: string]> = [
  ['email', 'Email', 'email', 'email'],
  ['phone', 'Phone', 'tel', 'tel'],
  ['first_name', 'First name', 'text', 'given-name'],
  ['last_name', 'Last name', 'text', 'family-name'],
  ['city', 'City', 'text', 'address-level2'],
  ['zip', 'Postcode', 'text', 'postal-code'],
]

/**
 * The checkout form. On submit the page mints the Purchase event id and sends it with the order; the
 * server uses it for relay.track() and the thank-you page fires the pixels with the same id.
 */
export function renderCheckoutPage(context: PageContext, quantity: number): string {
  const value = PRODUCT.price * quantity
  const inputs = FIELDS.map(
    ([name, label, type, autocomplete]) =>
      `<label>${escapeHtml(label)} <input name="${name}" id="${name}" type="${type}" autocomplete="${autocomplete}" required></label>`,
  ).join('\n  ')
  return renderLayout({
    title: 'Checkout',
    context,
    body: `
<h2>Checkout</h2>
<p>${quantity} × ${escapeHtml(PRODUCT.title)}: <span class="price">€${value.toFixed(2)}</span></p>
<form method="post" action="/order" id="checkout-form">
  ${inputs}
  <label>Country <select name="country" id="country"><option value="GB">United Kingdom</option><option value="US">United States</option><option value="DE">Germany</option><option value="FR">France</option></select></label>
  <input type="hidden" name="quantity" value="${quantity}">
  <input type="hidden" name="purchase_event_id" id="purchase_event_id">
  <button type="submit" id="pay">Pay €${value.toFixed(2)}</button>
  <p class="note">Demo only: no payment is taken.</p>
</form>`,
    script: `
pairtrack('track', 'InitiateCheckout', { value: ${value}, currency: ${scriptJson(PRODUCT.currency)}, num_items: ${quantity}, content_ids: [${scriptJson(PRODUCT.id)}] });
document.getElementById('checkout-form').addEventListener('submit', function () {
  var id = window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + '-' + Math.random().toString(16).slice(2);
  document.getElementById('purchase_event_id').value = id;
});`,
  })
}
