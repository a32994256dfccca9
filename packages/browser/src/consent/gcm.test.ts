import { describe, expect, it, vi } from 'vitest'
import { watchGcmConsent, type GcmHost } from './gcm.js'

/** gtag as Google's snippet defines it: it pushes its `arguments` object to the dataLayer. */
function gtagOf(host: GcmHost) {
  return function gtag(..._args: unknown[]) {
    // eslint-disable-next-line prefer-rest-params
    ;(host.dataLayer as unknown[]).push(arguments)
  }
}

describe('watchGcmConsent', () => {
  it('reads the consent calls already in the dataLayer, in order', () => {
    const host: GcmHost = { dataLayer: [] }
    const gtag = gtagOf(host)
    gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied', wait_for_update: 500 })
    gtag('js', new Date())
    gtag('config', 'G-XXXX')
    gtag('consent', 'update', { analytics_storage: 'granted' })
    const update = vi.fn()

    watchGcmConsent(host, update)

    expect(update.mock.calls).toEqual([
      [{ ad_storage: 'denied', analytics_storage: 'denied', wait_for_update: 500 }],
      [{ analytics_storage: 'granted' }],
    ])
  })

  it('reads later pushes and still pushes them onto the dataLayer', () => {
    const host: GcmHost = {}
    const update = vi.fn()
    watchGcmConsent(host, update)
    const gtag = gtagOf(host)

    gtag('consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted' })
    ;(host.dataLayer as unknown[]).push({ event: 'gtm.js' })

    expect(update.mock.calls).toEqual([[{ ad_storage: 'granted', ad_user_data: 'granted' }]])
    expect(host.dataLayer).toHaveLength(2)
    expect(Array.from((host.dataLayer as ArrayLike<unknown>[])[0]!)).toEqual(['consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted' }])
  })

  it('skips a default limited to some regions: the page cannot know the visitor region', () => {
    const host: GcmHost = { dataLayer: [] }
    const update = vi.fn()
    watchGcmConsent(host, update)
    gtagOf(host)('consent', 'default', { ad_storage: 'denied', region: ['ES', 'US-AK'] })
    expect(update).not.toHaveBeenCalled()
  })

  it('ignores other commands, other consent verbs and items that are not calls', () => {
    const host: GcmHost = { dataLayer: [null, 42, 'consent', { 0: 'consent', 1: 'update', 2: { ad_storage: 'granted' } }] }
    const update = vi.fn()
    watchGcmConsent(host, update)
    gtagOf(host)('consent', 'revoke', { ad_storage: 'granted' })
    gtagOf(host)('event', 'consent', { ad_storage: 'granted' })
    expect(update).not.toHaveBeenCalled()
  })

  it('leaves a dataLayer that is not an array alone', () => {
    const dataLayer = { push: vi.fn() }
    const host: GcmHost = { dataLayer }
    watchGcmConsent(host, vi.fn())
    expect(host.dataLayer).toBe(dataLayer)
    expect(host.dataLayer).toEqual({ push: dataLayer.push })
  })
})
