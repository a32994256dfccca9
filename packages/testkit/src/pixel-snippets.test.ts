import { describe, expect, it } from 'vitest'
import { pixelSnippets } from './pixel-snippets.js'

describe('pixelSnippets', () => {
  const html = pixelSnippets({ emulatorUrl: 'http://127.0.0.1:8787/', meta: '123', ga4: 'G-ABC', tiktok: 'CT1' })

  it('points each standard loader at the emulator', () => {
    expect(html).toContain('"http://127.0.0.1:8787/meta/fbevents.js"')
    expect(html).toContain('src="http://127.0.0.1:8787/ga4/gtag.js?id=G-ABC"')
    expect(html).toContain('"http://127.0.0.1:8787/tiktok/events.js"')
  })

  it('initialises each platform with its id and a page view', () => {
    expect(html).toContain(`fbq('init', "123");`)
    expect(html).toContain(`fbq('track', 'PageView');`)
    expect(html).toContain(`gtag('config', "G-ABC");`)
    expect(html).toContain('ttq.load("CT1");')
    expect(html).toContain('ttq.page();')
  })

  it('includes only the platforms asked for, and no page views when told so', () => {
    const metaOnly = pixelSnippets({ emulatorUrl: 'http://e', meta: '1', pageView: false })
    expect(metaOnly).toContain('fbevents.js')
    expect(metaOnly).not.toContain('gtag')
    expect(metaOnly).not.toContain('ttq')
    expect(metaOnly).not.toContain('PageView')
  })

  it('cannot be broken out of with an id containing </script>', () => {
    const hostile = pixelSnippets({ emulatorUrl: 'http://e', meta: '</script><script>alert(1)' })
    expect(hostile).not.toContain('</script><script>alert(1)')
  })
})
