import { afterEach, describe, expect, it, vi } from 'vitest'
import { newEventId } from './event-id.js'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('newEventId', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it.each([
    [0x00, '00000000-0000-4000-8000-000000000000'],
    [0xff, 'ffffffff-ffff-4fff-bfff-ffffffffffff'],
    [0x0a, '0a0a0a0a-0a0a-4a0a-8a0a-0a0a0a0a0a0a'],
  ])('builds a UUID v4 from injected bytes all %i, keeping leading zeros and setting the version and variant', (byte, expected) => {
    expect(newEventId((length) => new Uint8Array(length).fill(byte))).toBe(expected)
  })

  it('builds each byte in order from the injected source', () => {
    const bytes = (length: number) => Uint8Array.from({ length }, (_, i) => i * 17)
    expect(newEventId(bytes)).toBe('00112233-4455-4677-8899-aabbccddeeff')
  })

  it('uses crypto.randomUUID when present', () => {
    vi.stubGlobal('crypto', { randomUUID: () => 'native-uuid', getRandomValues: () => new Uint8Array(16) })
    expect(newEventId()).toBe('native-uuid')
  })

  it('falls back to getRandomValues where randomUUID is missing (old browsers, insecure origins)', () => {
    vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array) => array.fill(0x5c) })
    expect(newEventId()).toBe('5c5c5c5c-5c5c-4c5c-9c5c-5c5c5c5c5c5c')
  })

  it('gives distinct v4 UUIDs by default', () => {
    const ids = Array.from({ length: 50 }, () => newEventId())
    expect(ids.every((id) => UUID_V4.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(50)
  })
})
