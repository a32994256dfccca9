import { describe, expect, it, vi } from 'vitest'
import { firePixels, type PixelEvent, type PixelHost } from './index.js'

/** Consent that allows every pixel. */
const ALL = { ads: true, analytics: true }

function pageWithPixels() {
  const fbq = vi.fn()
  const gtag = vi.fn()
  const ttq = { track: vi.fn(function (this: unknown) {
    // TikTok's ttq methods use `this`: the call must keep it bound to ttq.
    if (this !== ttq) throw new Error('unbound ttq.track')
  }) }
  return { host: { fbq, gtag, ttq } satisfies PixelHost, fbq, gtag, ttq }
}

// Cast: shared's CustomData type cannot hold `contents` (its catchall index signature rejects them).
const purchase = {
  event_name: 'Purchase',
  custom_data: {
    value: 24,
    currency: 'EUR',
    order_id: 'A-17',
    contents: [{ id: 'mug-1', quantity: 2, item_price: 12 }],
  } as unknown as PixelEvent['custom_data'],
} satisfies PixelEvent

describe('firePixels', () => {
  it('fires a standard event on every pixel with the event id in each dedup field', () => {
    const { host, fbq, gtag, ttq } = pageWithPixels()

    const report = firePixels(purchase, 'evt-1', host, ALL)

    expect(report).toEqual({ meta: 'fired', ga4: 'fired', tiktok: 'fired' })
    expect(fbq.mock.calls).toEqual([['track', 'Purchase', purchase.custom_data, { eventID: 'evt-1' }]])
    expect(gtag.mock.calls).toEqual([
      [
        'event',
        'purchase',
        {
          currency: 'EUR',
          value: 24,
          transaction_id: 'A-17',
          items: [{ item_id: 'mug-1', price: 12, quantity: 2 }],
        },
      ],
    ])
    expect(ttq.track.mock.calls).toEqual([
      [
        'Purchase',
        {
          value: 24,
          currency: 'EUR',
          content_type: 'product',
          contents: [{ content_id: 'mug-1', price: 12, quantity: 2 }],
          order_id: 'A-17',
        },
        { event_id: 'evt-1' },
      ],
    ])
  })

  it('gives a GA4 purchase without order id the event id as transaction id, as the relay does', () => {
    const { host, gtag } = pageWithPixels()
    firePixels({ event_name: 'Purchase', custom_data: { value: 5, currency: 'EUR' } }, 'evt-2', host, ALL)
    expect(gtag.mock.calls[0]?.[2]).toMatchObject({ transaction_id: 'evt-2' })
  })

  it('sends custom events with trackCustom on Meta and their own name elsewhere', () => {
    const { host, fbq, gtag, ttq } = pageWithPixels()

    firePixels({ event_name: 'NewsletterOpen', custom_data: { topic: 'mugs' } }, 'evt-3', host, ALL)

    expect(fbq.mock.calls).toEqual([['trackCustom', 'NewsletterOpen', { topic: 'mugs' }, { eventID: 'evt-3' }]])
    expect(gtag.mock.calls).toEqual([['event', 'NewsletterOpen', { topic: 'mugs' }]])
    expect(ttq.track.mock.calls).toEqual([['NewsletterOpen', { topic: 'mugs' }, { event_id: 'evt-3' }]])
  })

  it('sends PageView as a tracked event carrying the id on every pixel', () => {
    const { host, fbq, gtag, ttq } = pageWithPixels()

    firePixels({ event_name: 'PageView' }, 'evt-4', host, ALL)

    expect(fbq.mock.calls).toEqual([['track', 'PageView', {}, { eventID: 'evt-4' }]])
    expect(gtag.mock.calls).toEqual([['event', 'page_view', {}]])
    expect(ttq.track.mock.calls).toEqual([['PageView', {}, { event_id: 'evt-4' }]])
  })

  it('reports pixels that are not on the page as absent', () => {
    expect(firePixels({ event_name: 'Lead' }, 'evt-5', {}, ALL)).toEqual({ meta: 'absent', ga4: 'absent', tiktok: 'absent' })
    expect(firePixels({ event_name: 'Lead' }, 'evt-5', { fbq: 'not a function', ttq: {} }, ALL)).toEqual({
      meta: 'absent',
      ga4: 'absent',
      tiktok: 'absent',
    })
  })

  it('reports a throwing pixel as threw, keeps the error from the page and still fires the others', () => {
    const { host, gtag, ttq } = pageWithPixels()
    const throwing = {
      ...host,
      fbq: () => {
        throw new Error('fbq broke')
      },
    }

    const report = firePixels({ event_name: 'Lead' }, 'evt-6', throwing, ALL)

    expect(report).toEqual({ meta: 'threw', ga4: 'fired', tiktok: 'fired' })
    expect(gtag).toHaveBeenCalledOnce()
    expect(ttq.track).toHaveBeenCalledOnce()
  })
})

describe('firePixels under consent', () => {
  it.each([
    [{ ads: false, analytics: true }, { ga4: 'fired' }, [0, 1, 0]],
    [{ ads: true, analytics: false }, { meta: 'fired', tiktok: 'fired' }, [1, 0, 1]],
    [{ ads: false, analytics: false }, {}, [0, 0, 0]],
  ])('with %j fires and reports only the allowed pixels', (allowed, report, calls) => {
    const { host, fbq, gtag, ttq } = pageWithPixels()
    expect(firePixels({ event_name: 'Lead' }, 'evt-7', host, allowed)).toEqual(report)
    expect([fbq, gtag, ttq.track].map((pixel) => pixel.mock.calls.length)).toEqual(calls)
  })
})
