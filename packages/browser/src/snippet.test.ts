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
