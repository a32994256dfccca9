import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { pairtrackCookies, type PairtrackCookiesOptions } from '../index.js'

const NOW = 1_750_000_000_000
const NOW_FBP = 'fb.1.1750000000000.1073741824' // newFbp(NOW, () => 0.5)
const OLD_FBP = 'fb.1.1700000000000.1116446470'
const OLD_FBC = 'fb.1.1700000000000.IwAR-old_click'
const NINETY_DAYS = 90 * 86_400

let server: Server | undefined
async function stopPage(): Promise<void> {
  const running = server
  server = undefined
  running?.closeAllConnections()
  await new Promise<void>((resolve) => (running ? running.close(() => resolve()) : resolve()))
}
afterEach(stopPage)

/** A page app: the middleware on GET /page, the handler echoing what it put in res.locals. */
async function startPage(options: PairtrackCookiesOptions = {}, trustProxy = false): Promise<string> {
  const app = express()
  if (trustProxy) app.set('trust proxy', true)
  app.all('/page', pairtrackCookies({ now: () => NOW, random: () => 0.5, ...options }), (_req, res) => {
    res.json(res.locals.pairtrackIds ?? null)
  })
  server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/page`
}

type SetCookie = { name: string; value: string; attributes: Record<string, string | true> }

function parseSetCookie(header: string): SetCookie {
  const [pair = '', ...rest] = header.split('; ')
  const eq = pair.indexOf('=')
  const attributes: Record<string, string | true> = {}
  for (const part of rest) {
    const at = part.indexOf('=')
    attributes[at < 0 ? part : part.slice(0, at)] = at < 0 ? true : part.slice(at + 1)
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes }
}

async function get(url: string, init: { cookie?: string; headers?: Record<string, string>; method?: string } = {}) {
  const response = await fetch(url, { method: init.method ?? 'GET', headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers } })
  const cookies = new Map(response.headers.getSetCookie().map((header) => [parseSetCookie(header).name, parseSetCookie(header)]))
  return { response, cookies, locals: init.method === 'HEAD' ? undefined : ((await response.json()) as unknown) }
}

describe('pairtrackCookies()', () => {
  it('mints _fbp and builds _fbc from the fbclid, as first-party cookies with the documented attributes', async () => {
    const url = await startPage()
    const { cookies, locals } = await get(`${url}?fbclid=IwAR2i2gk7-o_6Jl`)
    expect(cookies.get('_fbp')).toEqual({ name: '_fbp', value: NOW_FBP, attributes: { 'Max-Age': String(NINETY_DAYS), Path: '/', SameSite: 'Lax' } })
    expect(cookies.get('_fbc')).toEqual({
      name: '_fbc',
      value: 'fb.1.1750000000000.IwAR2i2gk7-o_6Jl',
      attributes: { 'Max-Age': String(NINETY_DAYS), Path: '/', SameSite: 'Lax' },
    })
    expect(locals).toEqual({ fbp: NOW_FBP, fbc: 'fb.1.1750000000000.IwAR2i2gk7-o_6Jl' })
  })

  it('keeps an fbclid with odd characters exactly as it came (no encoding, no case change)', async () => {
    const url = await startPage()
    const fbclid = 'AbC!*~(x)$+/:=@9'
    const { cookies } = await get(`${url}?fbclid=${encodeURIComponent(fbclid)}`)
    expect(cookies.get('_fbc')?.value).toBe(`fb.1.1750000000000.${fbclid}`)
  })

  it('ignores an fbclid that cannot be a cookie value, and sets no _fbc without one', async () => {
    const url = await startPage()
    for (const query of ['?fbclid=has%20space', '?fbclid=a%3Bb', '?fbclid=', '']) {
      const { cookies } = await get(`${url}${query}`)
      expect(cookies.has('_fbc'), query).toBe(false)
      expect(cookies.get('_fbp')?.value).toBe(NOW_FBP)
    }
  })

  it('refreshes valid existing cookies unchanged, with a new expiry', async () => {
    const url = await startPage()
    const { cookies } = await get(url, { cookie: `_fbp=${OLD_FBP}; _fbc=${OLD_FBC}` })
    expect(cookies.get('_fbp')).toMatchObject({ value: OLD_FBP, attributes: { 'Max-Age': String(NINETY_DAYS) } })
    expect(cookies.get('_fbc')).toMatchObject({ value: OLD_FBC, attributes: { 'Max-Age': String(NINETY_DAYS) } })
  })

  it('does not overwrite an _fbc that holds the same click (with or without the param builder appendix)', async () => {
    const url = await startPage()
    for (const stored of [OLD_FBC, `${OLD_FBC}.AQQCAQIB`]) {
      const { cookies } = await get(`${url}?fbclid=IwAR-old_click`, { cookie: `_fbc=${stored}` })
      expect(cookies.get('_fbc')?.value).toBe(stored)
    }
  })

  it('rewrites _fbc with a new creation time for a new click', async () => {
    const url = await startPage()
    const { cookies } = await get(`${url}?fbclid=IwAR-new_click`, { cookie: `_fbc=${OLD_FBC}` })
    expect(cookies.get('_fbc')?.value).toBe('fb.1.1750000000000.IwAR-new_click')
  })

  it('a click id that only starts like the stored one is a new click', async () => {
    const url = await startPage()
    const { cookies } = await get(`${url}?fbclid=IwAR-old`, { cookie: `_fbc=${OLD_FBC}` })
    expect(cookies.get('_fbc')?.value).toBe('fb.1.1750000000000.IwAR-old')
  })

  it.each([
    ['seconds instead of ms', 'fb.1.1700000000.1116446470'],
    ['letters in the random part', 'fb.1.1700000000000.abc'],
    ['three segments', 'fb.1.1700000000000'],
    ['not a Meta id at all', 'hello'],
  ])('replaces a malformed _fbp (%s)', async (_case, malformed) => {
    const url = await startPage()
    const { cookies } = await get(url, { cookie: `_fbp=${malformed}` })
    expect(cookies.get('_fbp')?.value).toBe(NOW_FBP)
  })

  it('replaces a malformed _fbc from the fbclid, and deletes it when there is no fbclid', async () => {
    const url = await startPage()
    const rebuilt = await get(`${url}?fbclid=IwAR-x`, { cookie: '_fbc=fb.1.1700000000.IwAR-x' })
    expect(rebuilt.cookies.get('_fbc')?.value).toBe('fb.1.1750000000000.IwAR-x')
    const deleted = await get(url, { cookie: '_fbc=garbage' })
    expect(deleted.cookies.get('_fbc')).toMatchObject({ value: '', attributes: { 'Max-Age': '0', Path: '/' } })
    expect(deleted.locals).toEqual({ fbp: NOW_FBP })
  })

  it('of several cookies of one name, keeps the first valid one', async () => {
    const url = await startPage()
    const { cookies } = await get(url, { cookie: `_fbp=broken; _fbp=${OLD_FBP}; _fbp=fb.1.1600000000000.1` })
    expect(cookies.get('_fbp')?.value).toBe(OLD_FBP)
  })

  it('sets Domain and the matching subdomain index when given a domain, and Secure on https', async () => {
    const url = await startPage({ domain: '.shop.example.co.uk', maxAgeDays: 30 }, true)
    const { cookies } = await get(`${url}?fbclid=IwAR-x`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(cookies.get('_fbc')).toEqual({
      name: '_fbc',
      value: 'fb.3.1750000000000.IwAR-x',
      attributes: { 'Max-Age': String(30 * 86_400), Domain: 'shop.example.co.uk', Path: '/', Secure: true, SameSite: 'Lax' },
    })
    expect(cookies.get('_fbp')?.attributes).toMatchObject({ Domain: 'shop.example.co.uk', Secure: true })
  })

  it('does not mark cookies Secure on plain http unless told to', async () => {
    const auto = await get(await startPage({}, true), { headers: { 'x-forwarded-proto': 'http' } })
    expect(auto.cookies.get('_fbp')?.attributes.Secure).toBeUndefined()
    await stopPage()
    const forced = await get(await startPage({ secure: true }))
    expect(forced.cookies.get('_fbp')?.attributes.Secure).toBe(true)
  })

  it('by default sets cookies on GET and HEAD only; appliesTo chooses otherwise', async () => {
    const url = await startPage()
    expect((await get(url, { method: 'HEAD' })).cookies.has('_fbp')).toBe(true)
    expect((await get(url, { method: 'POST' })).cookies.size).toBe(0)
    await stopPage()
    const consented = await startPage({ appliesTo: (req) => req.get('cookie')?.includes('consent=ads') === true })
    expect((await get(consented)).cookies.size).toBe(0)
    expect((await get(consented, { cookie: 'consent=ads' })).cookies.has('_fbp')).toBe(true)
  })
})
