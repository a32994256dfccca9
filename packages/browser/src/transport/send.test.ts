import { describe, expect, it, vi } from 'vitest'
import { send, type SendTransport } from './send.js'

const URL = 'https://shop.example/pairtrack/events'
const BODY = '{"event_name":"Lead","event_id":"e1"}'

type FetchAnswer = number | 'network-error' | 'garbage'

function transport(beacon: boolean | 'missing', fetchResult: FetchAnswer = 202, onLine?: boolean) {
  const sendBeacon = vi.fn((_url: string, _data: Blob): boolean => {
    if (beacon === 'missing') throw new TypeError('navigator.sendBeacon is not a function')
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

describe('send', () => {
  it('hands the body to sendBeacon as a text/plain blob and stops there when it is accepted', async () => {
    const t = transport(true)

    expect(await send(URL, BODY, t)).toBe('beacon')

    const [url, blob] = t.sendBeacon.mock.calls[0]!
    expect(url).toBe(URL)
    expect(blob.type).toBe('text/plain')
    expect(await blob.text()).toBe(BODY)
    expect(t.fetch).not.toHaveBeenCalled()
  })

  it('falls back to a keepalive POST of a text/plain body when sendBeacon refuses', async () => {
    const t = transport(false)

    expect(await send(URL, BODY, t)).toBe('fetch')

    const [url, init] = t.fetch.mock.calls[0]!
    expect(url).toBe(URL)
    expect(init).toMatchObject({ method: 'POST', keepalive: true })
    // A text/plain blob sets the Content-Type: a "simple" request, no CORS preflight.
    const body = init.body as Blob
    expect(body.type).toBe('text/plain')
    expect(await body.text()).toBe(BODY)
  })

  it('falls back to fetch when sendBeacon is missing', async () => {
    const t = transport('missing')
    expect(await send(URL, BODY, t)).toBe('fetch')
    expect(t.fetch).toHaveBeenCalledOnce()
  })

  it('uses fetch only for a retry, so that the relay answer is seen', async () => {
    const t = transport(true, 503)
    expect(await send(URL, BODY, t, false)).toBe('failed')
    expect(t.sendBeacon).not.toHaveBeenCalled()
    expect(t.fetch).toHaveBeenCalledOnce()
  })

  it('drops keepalive for bodies of 64 KB and more, which browsers would refuse', async () => {
    const t = transport(false)
    await send(URL, 'x'.repeat(64_000), t)
    expect(t.fetch.mock.calls[0]?.[1].keepalive).toBe(false)
  })

  it('tries nothing when the browser says it is offline', async () => {
    const t = transport(true, 202, false)
    expect(await send(URL, BODY, t)).toBe('failed')
    expect(t.sendBeacon).not.toHaveBeenCalled()
    expect(t.fetch).not.toHaveBeenCalled()
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
    [413, 'rejected'],
    [422, 'rejected'],
    [204, 'fetch'],
  ] as const)('reports fetch outcome %s as %s without throwing', async (outcome, expected) => {
    await expect(send(URL, BODY, transport(false, outcome))).resolves.toBe(expected)
  })
})
