import type { Page } from 'playwright-core'

/** The shopper the e2e tests check out as; every sink must only ever see hashes of these values. */
export const SHOPPER = {
  email: 'Ada.Lovelace+e2e@Example.org',
  phone: '+44 20 7946 0958',
  first_name: 'Ada',
  last_name: 'Lovelace',
  city: 'London',
  zip: 'SW1A 1AA',
  country: 'GB',
} as const

/** Product page → add to cart → checkout form → pay; returns the Purchase event id shown on the thank-you page. */
export async function buyOneMug(page: Page, shopUrl: string): Promise<string> {
  await page.goto(shopUrl)
  await Promise.all([page.waitForURL('**/checkout'), page.click('#add-to-cart')])
  for (const [name, value] of Object.entries(SHOPPER)) {
    if (name === 'country') await page.selectOption('#country', value)
    else await page.fill(`#${name}`, value)
  }
  await Promise.all([page.waitForURL('**/thanks/**'), page.click('#pay')])
  const eventId = (await page.textContent('#purchase-event-id'))?.trim()
  if (!eventId) throw new Error('thank-you page shows no purchase event id')
  return eventId
}
