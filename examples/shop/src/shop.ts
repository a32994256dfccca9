import { randomUUID } from 'node:crypto'
import { pairtrackCookies, type Relay } from '@pairtrack/server'
import express from 'express'
import { PRODUCT, type Order } from './catalog.js'
import { gaClientIdFromCookie, parseCookieHeader } from './cookies.js'
import { renderCheckoutPage } from './pages/checkout-page.js'
import type { PageContext } from './pages/layout.js'
import { renderProductPage } from './pages/product-page.js'
import { renderThankYouPage } from './pages/thank-you-page.js'

export type ShopOptions = {
  /** The pairtrack relay, mounted at /pairtrack. */
  relay: Relay
  /** Pixel snippets + pairtrack snippet and the ledger link shown on every page. */
  page: PageContext
  /** Called when relay.track() fails: the order still succeeds, tracking never breaks checkout. */
  onTrackError?: (error: unknown) => void
}

const MAX_QUANTITY = 10

function readQuantity(value: unknown): number {
  const quantity = Number(value)
  return Number.isInteger(quantity) && quantity >= 1 ? Math.min(quantity, MAX_QUANTITY) : 1
}

function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/**
 * The demo shop: product page (ViewContent, AddToCart), checkout (InitiateCheckout), and an order
 * endpoint that "takes payment" and then reports the Purchase with relay.track(), using the event id the
 * checkout page minted; the thank-you page fires the pixels' Purchase with that same id.
 */
export function createShopApp(options: ShopOptions): express.Express {
  const { relay, page } = options
  const orders = new Map<string, Order>()
  const app = express()
  app.set('trust proxy', 'loopback')
  app.disable('x-powered-by')
  app.use('/pairtrack', relay)
  app.use(express.urlencoded({ extended: false, limit: '16kb' }))
  // The page routes set or refresh _fbp/_fbc from the server, so they outlive Safari's 7-day cap on
  // script-written cookies; the relay's routes and the form posts do not need them.
  app.get(['/', '/checkout', '/thanks/:orderId'], pairtrackCookies())

  app.get('/', (_req, res) => {
    res.type('html').send(renderProductPage(page))
  })

  app.post('/cart', (req, res) => {
    const quantity = readQuantity((req.body as Record<string, unknown> | undefined)?.quantity)
    res.cookie('cart', String(quantity), { sameSite: 'lax', httpOnly: true })
    res.redirect(303, '/checkout')
  })

  app.get('/checkout', (req, res) => {
    const quantity = readQuantity(parseCookieHeader(req.get('cookie')).get('cart'))
    res.type('html').send(renderCheckoutPage(page, quantity))
  })

  app.post('/order', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const purchaseEventId = field(body, 'purchase_event_id') ?? randomUUID()
    const quantity = readQuantity(body.quantity)
    const order: Order = {
      orderId: `ord-${randomUUID().slice(0, 8)}`,
      purchaseEventId,
      quantity,
      value: PRODUCT.price * quantity,
      currency: PRODUCT.currency,
    }
    orders.set(order.orderId, order)
    // Payment "succeeds" here; the server confirms the conversion that only it can vouch for.
    const cookies = parseCookieHeader(req.get('cookie'))
    try {
      await relay.track({
        event_name: 'Purchase',
        event_id: purchaseEventId,
        event_source_url: req.get('referer') ?? `${req.protocol}://${req.get('host')}/checkout`,
        action_source: 'website',
        custom_data: {
          value: order.value,
          currency: order.currency,
          order_id: order.orderId,
          contents: [{ id: PRODUCT.id, quantity, item_price: PRODUCT.price }],
          num_items: quantity,
        },
        user_data: {
          email: field(body, 'email'),
          phone: field(body, 'phone'),
          first_name: field(body, 'first_name'),
          last_name: field(body, 'last_name'),
          city: field(body, 'city'),
          zip: field(body, 'zip'),
          country: field(body, 'country'),
          client_ip_address: req.ip,
          client_user_agent: req.get('user-agent'),
          fbp: cookies.get('_fbp'),
          fbc: cookies.get('_fbc'),
          ga_client_id: gaClientIdFromCookie(cookies.get('_ga')),
          ttp: cookies.get('_ttp'),
        },
      })
    } catch (error) {
      options.onTrackError?.(error)
    }
    res.clearCookie('cart')
    res.redirect(303, `/thanks/${order.orderId}`)
  })

  app.get('/thanks/:orderId', (req, res) => {
    const order = orders.get(req.params.orderId)
    if (!order) {
      res.status(404).type('text').send('No such order')
      return
    }
    // Minted while rendering, for exactly this event id, value and currency; an hour covers a slow page.
    const token = relay.sign({ eventId: order.purchaseEventId, eventName: 'Purchase', value: order.value, currency: order.currency, ttl: 3600 })
    res.type('html').send(renderThankYouPage(page, order, token))
  })

  return app
}
