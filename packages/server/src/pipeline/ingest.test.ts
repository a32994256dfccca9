import { describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH, parseBeaconText, validateBeacon } from './ingest.js'

const codeOf = (text: string) => {
  const parsed = parseBeaconText(text)
  return parsed.ok ? 'ok' : parsed.error.code
}

describe('parseBeaconText', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('drops %s keys at every level, and no prototype changes', (key) => {
    const text = `{"event_name":"Lead","${key}":{"polluted":true},"custom_data":{"${key}":{"polluted":true},"ok":1}}`
    const parsed = parseBeaconText(text)
    expect(parsed.ok).toBe(true)
    const value = (parsed as { value: Record<string, unknown> }).value
    expect(Object.hasOwn(value, key)).toBe(false)
    expect(value.custom_data).toEqual({ ok: 1 })
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('keeps a plain constructor-free object that validates like any other', () => {
    const parsed = parseBeaconText('{"event_name":"Lead","event_id":"x","constructor":{"prototype":{"polluted":1}}}')
    expect(parsed.ok && validateBeacon(parsed.value).ok).toBe(true)
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined()
  })

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels before parsing`, () => {
    expect(codeOf(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toBe('ok')
    expect(parseBeaconText(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)).toMatchObject({
      ok: false,
      error: { code: 'invalid_body', message: expect.stringMatching(/deeper than 8/) },
    })
    expect(codeOf('['.repeat(60_000))).toBe('invalid_body')
  })

  it.each([
    ['a NUL in a value', '{"a":"x\\u0000y"}'],
    ['a bell in a value', '{"a":"\\u0007"}'],
    ['an escape character', '{"a":"\\u001b[31mred"}'],
    ['DEL', '{"a":"\\u007f"}'],
    ['a control character in a key', '{"a\\u0001":1}'],
    ['a lone high surrogate', '{"a":"\\ud800"}'],
    ['a lone low surrogate in a key', '{"\\udc00":1}'],
  ])('refuses %s', (_case, text) => {
    expect(parseBeaconText(text)).toMatchObject({ ok: false, error: { code: 'invalid_body', message: expect.stringMatching(/control characters or unpaired surrogates/) } })
  })

  it('keeps tabs, new lines, emoji and other scripts', () => {
    expect(parseBeaconText('{"a":"tab\\there\\nline \\ud83d\\ude00 日本 é"}')).toEqual({ ok: true, value: { a: 'tab\there\nline 😀 日本 é' } })
  })

  // The same checks hold for text written raw, without escapes (the parse without a reviver is for text
  // that can hold nothing to refuse or drop).
  it('refuses a raw DEL and drops a forbidden key spelt with an escape', () => {
    expect(codeOf(`{"a":"x${String.fromCharCode(0x7f)}y"}`)).toBe('invalid_body')
    const parsed = parseBeaconText('{"__prot\\u006f__":{"polluted":true},"b":1}')
    expect(parsed).toEqual({ ok: true, value: { b: 1 } })
  })

  it('keeps raw emoji and other scripts, and refuses raw control characters as invalid JSON', () => {
    expect(parseBeaconText('{"a":"😀 日本 é"}')).toEqual({ ok: true, value: { a: '😀 日本 é' } })
    expect(codeOf(`{"a":"x${String.fromCharCode(1)}y"}`)).toBe('invalid_json')
    expect(codeOf(`{"a":"x${String.fromCharCode(0xd800)}y"}`)).toBe('invalid_body')
  })

  it('keeps the last of duplicate keys, as JSON.parse does', () => {
    expect(parseBeaconText('{"a":1,"a":2}')).toEqual({ ok: true, value: { a: 2 } })
  })

  it('refuses text that is not JSON', () => {
    expect(codeOf('{"a":')).toBe('invalid_json')
    expect(codeOf('NaN')).toBe('invalid_json')
    expect(codeOf("{'a':1}")).toBe('invalid_json')
  })
})
