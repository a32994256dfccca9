/** The demo shop's one product; prices in EUR. */
export const PRODUCT = {
  id: 'mug-classic',
  title: 'pairtrack Classic Mug',
  brand: 'pairtrack',
  category: 'Kitchen',
  price: 24,
  currency: 'EUR',
} as const

export type Order = {
  orderId: string
  purchaseEventId: string
  quantity: number
  value: number
  currency: string
}
