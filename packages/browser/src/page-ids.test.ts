import { describe, expect, it } from 'vitest'
import { readPageIds, type PageHost } from './page-ids.js'

const NOW = 1_700_000_000_123

/** A page whose cookie jar records writes (document.cookie setter semantics, simplified). */
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

    expect(readPageIds(host, { nowMs: NOW, writeCookies: true })).toEqual({
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

  it('builds fbc from fbclid in milliseconds, keeps fbclid unaltered and writes it to _fbc', () => {
    const { host, written } = page('https://shop.example/p?utm_source=fb&fbclid=IwAR-Ab_c.D~e%21')

    const ids = readPageIds(host, { nowMs: NOW, writeCookies: true })

    expect(ids.fbc).toBe('fb.1.1700000000123.IwAR-Ab_c.D~e!')
    expect(written).toEqual([`_fbc=fb.1.1700000000123.IwAR-Ab_c.D~e!;path=/;max-age=${90 * 86400};SameSite=Lax;Secure`])
  })

  it('keeps the _fbc cookie when it already holds the URL fbclid, and replaces it for a new click', () => {
    const stored = '_fbc=fb.1.1699999999999.IwAR-old'
    expect(readPageIds(page('https://shop.example/?fbclid=IwAR-old', stored).host, { nowMs: NOW, writeCookies: true }).fbc).toBe(
      'fb.1.1699999999999.IwAR-old',
    )
    expect(readPageIds(page('https://shop.example/?fbclid=IwAR-new', stored).host, { nowMs: NOW, writeCookies: true }).fbc).toBe(
      'fb.1.1700000000123.IwAR-new',
    )
  })

  it('ignores an fbclid that is not a safe opaque value', () => {
    const { host, written } = page('https://shop.example/?fbclid=has%20space', '_fbc=fb.1.1699999999999.IwAR-old')
    expect(readPageIds(host, { nowMs: NOW, writeCookies: true }).fbc).toBe('fb.1.1699999999999.IwAR-old')
    expect(written).toEqual([])
  })

  it('writes no cookie when cookies may not be written, but still sends the click ids', () => {
    const { host, written } = page('https://shop.example/?fbclid=IwAR1&ttclid=E.C.P.1')
    const ids = readPageIds(host, { nowMs: NOW, writeCookies: false })
    expect(ids).toMatchObject({ fbc: 'fb.1.1700000000123.IwAR1', ttclid: 'E.C.P.1' })
    expect(written).toEqual([])
  })

  it('keeps a URL ttclid in a cookie for later pages, without Secure on http', () => {
    const { host, written } = page('http://localhost:3000/?ttclid=E.C.P.url', 'ttclid=E.C.P.old')
    expect(readPageIds(host, { nowMs: NOW, writeCookies: true }).ttclid).toBe('E.C.P.url')
    expect(written).toEqual([`ttclid=E.C.P.url;path=/;max-age=${30 * 86400};SameSite=Lax`])
  })

  it('prefers the URL gclid over the _gcl_aw cookie', () => {
    const { host } = page('https://shop.example/?gclid=Cj0-url', '_gcl_aw=GCL.1700000000.Cj0-cookie')
    expect(readPageIds(host, { nowMs: NOW, writeCookies: true }).gclid).toBe('Cj0-url')
  })

  it('takes the first parseable of several _ga cookies and skips malformed ones', () => {
    const { host } = page('https://shop.example/', '_ga=garbage; _ga=GA1.2.111.222; _ga=GA1.1.333.444')
    expect(readPageIds(host, { nowMs: NOW, writeCookies: true }).ga_client_id).toBe('111.222')
  })

  it('reads the session id of the configured GA4 stream, in GS1 and GS2 formats', () => {
    const cookies = '_ga_OTHER=GS2.1.s1111111111$o1; _ga_ABC123=GS1.1.1673515099.3.1.1673515200.0.0.0'
    const { host } = page('https://shop.example/', cookies)
    expect(readPageIds(host, { nowMs: NOW, writeCookies: true, ga4MeasurementId: 'G-ABC123' }).ga_session_id).toBe('1673515099')
    expect(readPageIds(host, { nowMs: NOW, writeCookies: true }).ga_session_id).toBe('1111111111')
  })

  it('drops malformed cookies instead of sending them', () => {
    const { host } = page(
      'https://shop.example/',
      '_fbp=fb.1.abc.1; _fbc=fb.1.1700000000.IwAR-seconds; _ga=GA1.1.1197596843; _ga_X=GS9.1.1; _ttp=a b; _gcl_aw=Cj0',
    )
    expect(readPageIds(host, { nowMs: NOW, writeCookies: true })).toEqual({})
  })
})
