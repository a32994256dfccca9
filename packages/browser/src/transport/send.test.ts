import { describe, expect, it, vi } from 'vitest'
import { send, type SendTransport } from './send.js'

const URL = 'https://shop.example/pairtrack/events'
const BODY = '{"event_name":"Lead","event_id":"e1"}'

function transport(beacon: boolean | 'missing', fetchResult: number | 'network-error' = 202) {
  const sendBeacon = vi.fn((_url: string, _data: Blob): boolean => {
    if (beacon === 'missing') throw new TypeError('navigator.sendBeacon is not a function')
    return beacon
  })
  const fetch = vi.fn(async (_url: string, _init: RequestInit) => {
    if (fetchResult === 'network-error') throw new TypeError('Failed to fetch')
    return { ok: fetchResult >= 200 && fetchResult < 300, status: fetchResult }
  })
  return { sendBeacon, fetch } satisfies SendTransport
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

  it('falls back to a keepalive text/plain fetch when sendBeacon refuses', async () => {
    const t = transport(false)

    expect(await send(URL, BODY, t)).toBe('fetch')

    expect(t.fetch.mock.calls).toEqual([
      [URL, { method: 'POST', body: BODY, keepalive: true, headers: { 'content-type': 'text/plain' } }],
    ])
  })

  it('falls back to fetch when sendBeacon is missing', async () => {
    const t = transport('missing')
    expect(await send(URL, BODY, t)).toBe('fetch')
    expect(t.fetch).toHaveBeenCalledOnce()
  })

  it('drops keepalive for bodies of 64 KB and more, which browsers would refuse', async () => {
    const t = transport(false)
    await send(URL, 'x'.repeat(64_000), t)
    expect(t.fetch.mock.calls[0]?.[1].keepalive).toBe(false)
  })

  it.each([
    [500, 'failed'],
    [503, 'failed'],
    [408, 'failed'],
    [429, 'failed'],
    ['network-error', 'failed'],
    [400, 'rejected'],
    [413, 'rejected'],
  ] as const)('reports fetch outcome %s as %s without throwing', async (outcome, expected) => {
    await expect(send(URL, BODY, transport(false, outcome))).resolves.toBe(expected)
  })
})
