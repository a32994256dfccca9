import type { ConsentState } from '@pairtrack/shared'
import { describe, expect, it } from 'vitest'
import { readPageIds, type PageHost } from './page-ids.js'

const NOW = 1_700_000_000_123
const DENIED: ConsentState = { ad_storage: 'denied', analytics_storage: 'denied' }

/** A page whose cookie jar records writes (document.cookie setter semantics, simplified: writes are not read back). */
function page(href: string, cookie = '') {
  const written: string[] = []
  const host: PageHost = {
    location: { href },
    document: {
      get cookie() {
        return cookie
      },
      set cookie(line: string) {
        written.push(line)
      },
    },
  }
  return { host, written }
}

// Cookies that hold every id, so that nothing is minted.
const ALL_IDS = '_fbp=fb.1.1596403881668.1116446470; _ga=GA1.1.1197596843.1673515099'

describe('readPageIds', () => {
  it('reads every browser id from its cookie', () => {
    const { host, written } = page(
      'https://shop.example/p',
      [
        '_fbp=fb.1.1596403881668.1116446470',
        '_fbc=fb.1.1700000000000.IwAR2i2gk7',
        '_ga=GA1.1.1197596843.1673515099',
        '_ga_ABC123=GS2.1.s1746000000$o3$g1$t1746000100$j60$l0$h0',
        '_ttp=01HQ3YJ2K8ZP5M9X7W4V6T2R1Q',
        'ttclid=E.C.P.stored',
        '_gcl_aw=GCL.1700000000.Cj0KCQ-cookie',
      ].join('; '),
    )

    expect(readPageIds(host, NOW, {})).toEqual({
      fbp: 'fb.1.1596403881668.1116446470',
      fbc: 'fb.1.1700000000000.IwAR2i2gk7',
      ga_client_id: '1197596843.1673515099',
      ga_session_id: '1746000000',
      ttp: '01HQ3YJ2K8ZP5M9X7W4V6T2R1Q',
      ttclid: 'E.C.P.stored',
      gclid: 'Cj0KCQ-cookie',
    })
    expect(written).toEqual([])
  })

  it('builds fbc from fbclid in milliseconds, keeps odd fbclid characters unaltered and writes it to _fbc', () => {
    const { host, written } = page('https://shop.example/p?utm_source=fb&fbclid=IwAR-Ab_c.D~e%21*(x)', ALL_IDS)

    const ids = readPageIds(host, NOW, {})

    expect(ids.fbc).toBe('fb.1.1700000000123.IwAR-Ab_c.D~e!*(x)')
    expect(written).toEqual([`_fbc=fb.1.1700000000123.IwAR-Ab_c.D~e!*(x);path=/;max-age=${90 * 86400};SameSite=Lax;Secure`])
  })

  it('keeps the _fbc cookie when it already holds the URL fbclid, and replaces it for a new click', () => {
    const stored = `${ALL_IDS}; _fbc=fb.1.1699999999999.IwAR-old`
    const same = page('https://shop.example/?fbclid=IwAR-old', stored)
    expect(readPageIds(same.host, NOW, {}).fbc).toBe('fb.1.1699999999999.IwAR-old')
    expect(same.written).toEqual([])

    // A click id that merely starts like the stored one is a new click.
    const longer = page('https://shop.example/?fbclid=IwAR-old2', stored)
    expect(readPageIds(longer.host, NOW, {}).fbc).toBe('fb.1.1700000000123.IwAR-old2')

    const other = page('https://shop.example/?fbclid=IwAR-new', stored)
    expect(readPageIds(other.host, NOW, {}).fbc).toBe('fb.1.1700000000123.IwAR-new')
    expect(other.written).toHaveLength(1)
  })

  it('keeps an _fbc with the parameter builder appendix for the same click', () => {
    const { host, written } = page('https://shop.example/?fbclid=IwAR-old', `${ALL_IDS}; _fbc=fb.1.1699999999999.IwAR-old.AQQCAQIB`)
    expect(readPageIds(host, NOW, {}).fbc).toBe('fb.1.1699999999999.IwAR-old.AQQCAQIB')
    expect(written).toEqual([])
  })

  it.each([['has%20space'], ['semi%3Bcolon'], ['quo%22te'], [`${'x'.repeat(1001)}`], ['']])(
    'ignores the fbclid %j, which is not a safe opaque value',
    (fbclid) => {
      const { host, written } = page(`https://shop.example/?fbclid=${fbclid}`, `${ALL_IDS}; _fbc=fb.1.1699999999999.IwAR-old`)
      expect(readPageIds(host, NOW, {}).fbc).toBe('fb.1.1699999999999.IwAR-old')
      expect(written).toEqual([])
    },
  )

  it('mints _fbp in Meta format and _ga in gtag format when they are missing, and writes both', () => {
    const { host, written } = page('https://shop.example/', '')

    const ids = readPageIds(host, NOW, {}, undefined, () => 0.5)

    expect(ids.fbp).toBe('fb.1.1700000000123.1073741824')
    expect(ids.ga_client_id).toBe('1100000000.1700000000')
    expect(written).toEqual([
      `_fbp=fb.1.1700000000123.1073741824;path=/;max-age=${90 * 86400};SameSite=Lax;Secure`,
      // The Google tag adopts a _ga it finds, so browser hits and server events share the client id.
      `_ga=GA1.1.1100000000.1700000000;path=/;max-age=${400 * 86400};SameSite=Lax;Secure`,
    ])
  })

  it('mints nothing and writes no cookie when consent denies the storage, but still sends the click ids', () => {
    const { host, written } = page('https://shop.example/?fbclid=IwAR1&ttclid=E.C.P.1')
    expect(readPageIds(host, NOW, DENIED)).toEqual({
      fbp: undefined,
      fbc: 'fb.1.1700000000123.IwAR1',
      ga_client_id: undefined,
      ga_session_id: undefined,
      ttclid: 'E.C.P.1',
      ttp: undefined,
      gclid: undefined,
    })
    expect(written).toEqual([])
  })

  it('gates ad cookies on ad_storage and _ga on analytics_storage', () => {
    const adsDenied = page('https://shop.example/')
    readPageIds(adsDenied.host, NOW, { ad_storage: 'denied' })
    expect(adsDenied.written.map((line) => line.split('=')[0])).toEqual(['_ga'])

    const analyticsDenied = page('https://shop.example/')
    readPageIds(analyticsDenied.host, NOW, { analytics_storage: 'denied' })
    expect(analyticsDenied.written.map((line) => line.split('=')[0])).toEqual(['_fbp'])
  })

  it('keeps a URL ttclid in a cookie for later pages, without Secure on http', () => {
    const { host, written } = page('http://localhost:3000/?ttclid=E.C.P.url', `${ALL_IDS}; ttclid=E.C.P.old`)
    expect(readPageIds(host, NOW, {}).ttclid).toBe('E.C.P.url')
    expect(written).toEqual([`ttclid=E.C.P.url;path=/;max-age=${30 * 86400};SameSite=Lax`])
  })

  it('prefers the URL gclid over the _gcl_aw cookie', () => {
    const { host } = page('https://shop.example/?gclid=Cj0-url', `${ALL_IDS}; _gcl_aw=GCL.1700000000.Cj0-cookie`)
    expect(readPageIds(host, NOW, {}).gclid).toBe('Cj0-url')
  })

  it('takes the first parseable of several _ga cookies and skips malformed ones', () => {
    const { host, written } = page('https://shop.example/', '_fbp=fb.1.1596403881668.1; _ga=garbage; _ga=GA1.2.111.222; _ga=GA1.1.333.444')
    expect(readPageIds(host, NOW, {}).ga_client_id).toBe('111.222')
    expect(written).toEqual([])
  })

  it('reads the session id of the configured GA4 stream, in GS1 and GS2 formats', () => {
    const cookies = `${ALL_IDS}; _ga_OTHER=GS2.1.s1111111111$o1; _ga_ABC123=GS1.1.1673515099.3.1.1673515200.0.0.0`
    const { host } = page('https://shop.example/', cookies)
    expect(readPageIds(host, NOW, {}, 'G-ABC123').ga_session_id).toBe('1673515099')
    expect(readPageIds(host, NOW, {}, 'ABC123').ga_session_id).toBe('1673515099')
    expect(readPageIds(host, NOW, {}).ga_session_id).toBe('1111111111')
    expect(readPageIds(host, NOW, {}, 'G-MISSING').ga_session_id).toBeUndefined()
  })

  it('skips a malformed _ga_<id> cookie for a later parseable one', () => {
    const { host } = page('https://shop.example/', `${ALL_IDS}; _ga_A=GS9.1.1; _ga_B=GS2.1.s1746000000$o3`)
    expect(readPageIds(host, NOW, {}).ga_session_id).toBe('1746000000')
  })

  it('drops malformed cookies instead of sending them, and mints what is missing', () => {
    const { host } = page(
      'https://shop.example/',
      '_fbp=fb.1.abc.1; _fbc=fb.1.1700000000.IwAR-seconds; _ga=GA1.1.1197596843; _ga_X=GS9.1.1; _ttp=a b; _gcl_aw=Cj0; ttclid=a;',
    )
    expect(readPageIds(host, NOW, DENIED)).toEqual({
      fbp: undefined,
      fbc: undefined,
      ga_client_id: undefined,
      ga_session_id: undefined,
      ttclid: 'a',
      ttp: undefined,
      gclid: undefined,
    })
    expect(readPageIds(host, NOW, {}, undefined, () => 0)).toMatchObject({
      fbp: 'fb.1.1700000000123.0',
      ga_client_id: '100000000.1700000000',
    })
  })

  it('reads cookies separated without a space and does not mistake a longer name for the one asked', () => {
    const { host } = page('https://shop.example/', 'x_fbp=fb.1.1596403881668.9;_fbp=fb.1.1596403881668.1;_ga=GA1.1.1.2')
    expect(readPageIds(host, NOW, {})).toMatchObject({ fbp: 'fb.1.1596403881668.1', ga_client_id: '1.2' })
  })
})
