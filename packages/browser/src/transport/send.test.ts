import { describe, expect, it, vi } from 'vitest'
import { send, type SendTransport } from './send.js'

const URL = 'https://shop.example/pairtrack/events'
const BODY = '{"event_name":"Lead","event_id":"e1"}'

type FetchAnswer = number | 'network-error' | 'garbage'

/** A recording transport: sendBeacon answers `beacon` (throws when 'throws'), fetch answers `fetchResult`. */
function transport(beacon: boolean | 'throws', fetchResult: FetchAnswer = 202, onLine?: boolean) {
  const sendBeacon = vi.fn((_url: string, _data: string): boolean => {
    if (beacon === 'throws') throw new TypeError('Illegal invocation')
    return beacon
  })
  const fetch = vi.fn(async (_url: string, _init: RequestInit) => {
    if (fetchResult === 'network-error') throw new TypeError('Failed to fetch')
    // Something that is not a Response: a broken polyfill, a proxy answering nonsense.
    if (fetchResult === 'garbage') return undefined as unknown as { ok: boolean; status: number }
    return { ok: fetchResult >= 200 && fetchResult < 300, status: fetchResult }
  })
  return { sendBeacon, fetch, ...(onLine === undefined ? {} : { onLine }) } satisfies SendTransport
}

function expectTextPlainPost(init: RequestInit | undefined, keepalive = true) {
  // A string body: the browser sends it as text/plain;charset=UTF-8, a "simple" request, no CORS preflight.
  expect(init).toEqual({ method: 'POST', body: BODY, keepalive })
  expect(new Request('https://shop.example/', init).headers.get('content-type')).toBe('text/plain;charset=UTF-8')
}

describe('send while the page is visible (no beacon flag)', () => {
  it('POSTs a keepalive text/plain body by fetch and never uses sendBeacon, even one that would accept', async () => {
    const t = transport(true)

    expect(await send(URL, BODY, t)).toBe('fetch')

    expect(t.sendBeacon).not.toHaveBeenCalled()
    const [url, init] = t.fetch.mock.calls[0]!
    expect(url).toBe(URL)
    expectTextPlainPost(init)
  })

  it('sees a relay answering 503 and reports failed, so the event is kept (a beacon would have counted as delivered)', async () => {
    const t = transport(true, 503)
    expect(await send(URL, BODY, t)).toBe('failed')
    expect(t.sendBeacon).not.toHaveBeenCalled()
    expect(t.fetch).toHaveBeenCalledOnce()
  })

  it('drops keepalive for bodies of 64 KB and more (UTF-8 bytes, not characters), which browsers would refuse', async () => {
    const t = transport(true)
    await send(URL, 'x'.repeat(64_000), t)
    expect(t.fetch.mock.calls[0]?.[1].keepalive).toBe(false)
    await send(URL, 'x'.repeat(63_999), t)
    expect(t.fetch.mock.calls[1]?.[1].keepalive).toBe(true)
    // 21,334 characters of 3 bytes each: 64,002 bytes.
    await send(URL, '€'.repeat(21_334), t)
    expect(t.fetch.mock.calls[2]?.[1].keepalive).toBe(false)
  })

  it.each([
    [500, 'failed'],
    [503, 'failed'],
    [408, 'failed'],
    [429, 'failed'],
    [0, 'failed'],
    [302, 'failed'],
    ['network-error', 'failed'],
    ['garbage', 'failed'],
    [400, 'rejected'],
    [403, 'rejected'],
    [413, 'rejected'],
    [422, 'rejected'],
    [202, 'fetch'],
    [204, 'fetch'],
  ] as const)('reports fetch outcome %s as %s without throwing', async (outcome, expected) => {
    await expect(send(URL, BODY, transport(true, outcome))).resolves.toBe(expected)
  })
})

describe('send as the page is hidden or left (beacon flag)', () => {
  it('hands the body to sendBeacon as a string (sent as text/plain) and stops there when it is accepted', async () => {
    const t = transport(true, 503)

    expect(await send(URL, BODY, t, true)).toBe('beacon')

    expect(t.sendBeacon.mock.calls).toEqual([[URL, BODY]])
    expect(t.fetch).not.toHaveBeenCalled()
  })

  it('falls back to a keepalive fetch when sendBeacon refuses, and reads its answer', async () => {
    const refused = transport(false)
    expect(await send(URL, BODY, refused, true)).toBe('fetch')
    expectTextPlainPost(refused.fetch.mock.calls[0]?.[1])

    expect(await send(URL, BODY, transport(false, 503), true)).toBe('failed')
  })

  it('falls back to fetch where sendBeacon is missing', async () => {
    const { fetch } = transport(true)
    expect(await send(URL, BODY, { fetch }, true)).toBe('fetch')
    expect(fetch).toHaveBeenCalledOnce()
  })

  it('reports a sendBeacon that throws as failed (kept for a retry) rather than throwing', async () => {
    const t = transport('throws')
    await expect(send(URL, BODY, t, true)).resolves.toBe('failed')
  })
})

describe('send while the browser says it is offline', () => {
  it.each([[false], [true]])('tries nothing (beacon flag %s) and reports failed', async (beacon) => {
    const t = transport(true, 202, false)
    expect(await send(URL, BODY, t, beacon)).toBe('failed')
    expect(t.sendBeacon).not.toHaveBeenCalled()
    expect(t.fetch).not.toHaveBeenCalled()
  })

  it('tries when onLine is true or unknown (true is not trusted, but nothing better is known)', async () => {
    expect(await send(URL, BODY, transport(false, 202, true))).toBe('fetch')
    expect(await send(URL, BODY, transport(false, 202))).toBe('fetch')
  })
})
