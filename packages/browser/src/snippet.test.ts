import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { snippet, STUB } from './snippet.js'

describe('snippet', () => {
  it('renders the stub with init, then the async script from the relay', () => {
    const html = snippet({ relay: '/pairtrack/', debug: true })
    expect(html).toBe(
      `<script>${STUB}\npairtrack('init',{"relay":"/pairtrack/","debug":true});</script>\n` +
        '<script async src="/pairtrack/pairtrack.js"></script>\n',
    )
  })

  it('takes the script URL from src, escaped, and keeps it out of init', () => {
    const html = snippet({ relay: 'https://t.example/pt', src: 'https://cdn.example/pt.js?a=1&b="2"' })
    expect(html).toContain('<script async src="https://cdn.example/pt.js?a=1&amp;b=&quot;2&quot;"></script>')
    expect(html).toContain(`pairtrack('init',{"relay":"https://t.example/pt"});`)
  })

  it('with hashInBrowser, loads the hashing add-on first, both deferred, and keeps its options out of init', () => {
    const html = snippet({ relay: '/pairtrack', hashInBrowser: true, defaultCountry: 'GB' })
    expect(html).toBe(
      `<script>${STUB}\npairtrack('init',{"relay":"/pairtrack","hashInBrowser":true});</script>\n` +
        '<script defer src="/pairtrack/pairtrack-hash.js" data-default-country="GB"></script>\n' +
        '<script defer src="/pairtrack/pairtrack.js"></script>\n',
    )
  })

  it('with consentSource, adds the consent add-on with its source and TCF vendors', () => {
    const tcf = snippet({ relay: '/pairtrack', defaultConsent: 'denied', consentSource: 'tcf', tcfVendors: [755, 1000] })
    expect(tcf).toContain(`pairtrack('init',{"relay":"/pairtrack","defaultConsent":"denied"});`)
    expect(tcf.endsWith('<script async src="/pairtrack/pairtrack-consent.js" data-source="tcf" data-tcf-vendors="755,1000"></script>\n')).toBe(true)
    expect(snippet({ relay: '/pairtrack', consentSource: 'gcm' })).toContain(
      '<script async src="/pairtrack/pairtrack-consent.js" data-source="gcm"></script>',
    )
    expect(snippet({ relay: '/pairtrack' })).not.toContain('pairtrack-consent.js')
  })

  it('cannot be broken out of by an option value', () => {
    const html = snippet({ relay: '/x</script><script>alert(1)//' })
    expect(html.match(/<\/script>/g)).toHaveLength(2)
  })

  // UPDATE_STUB=1 rewrites the file (then review the diff), as UPDATE_GOLDEN does for fixtures.
  it('ships snippet/stub.html as the snippet for the default relay', () => {
    const file = resolve(import.meta.dirname, '../snippet/stub.html')
    if (process.env.UPDATE_STUB) writeFileSync(file, snippet({ relay: '/pairtrack' }))
    expect(readFileSync(file, 'utf8'), 'stale: run with UPDATE_STUB=1').toBe(snippet({ relay: '/pairtrack' }))
  })

  it('keeps the inline stub under 600 bytes', () => {
    expect(new TextEncoder().encode(STUB).length).toBeLessThanOrEqual(600)
  })
})
