import { PRODUCT } from '../catalog.js'
import { escapeHtml, renderLayout, scriptJson, type PageContext } from './layout.js'

export function renderProductPage(context: PageContext): string {
  const contents = [{ id: PRODUCT.id, quantity: 1, item_price: PRODUCT.price, title: PRODUCT.title }]
  return renderLayout({
    title: PRODUCT.title,
    context,
    body: `
<h2>${escapeHtml(PRODUCT.title)}</h2>
<p class="price">€${PRODUCT.price.toFixed(2)}</p>
<p>A sturdy mug for growth engineers who trust their conversion numbers.</p>
<form method="post" action="/cart" id="add-to-cart-form">
  <label>Quantity <input type="number" name="quantity" id="quantity" value="1" min="1" max="10"></label>
  <button type="submit" id="add-to-cart">Add to cart</button>
</form>`,
    script: `
pairtrack('track', 'ViewContent', { content_ids: [${scriptJson(PRODUCT.id)}], content_type: 'product', value: ${PRODUCT.price}, currency: ${scriptJson(PRODUCT.currency)}, contents: ${scriptJson(contents)} });
document.getElementById('add-to-cart-form').addEventListener('submit', function () {
  var quantity = Number(document.getElementById('quantity').value) || 1;
  pairtrack('track', 'AddToCart', { content_ids: [${scriptJson(PRODUCT.id)}], value: ${PRODUCT.price} * quantity, currency: ${scriptJson(PRODUCT.currency)}, num_items: quantity });
});`,
  })
}
