import { describe, expect, it } from 'vitest'
import { createFaultStore, FaultSchema } from './faults.js'

describe('createFaultStore', () => {
  it('returns a fault with remaining for that many takes, then nothing', () => {
    const store = createFaultStore()
    store.set('meta', { status: 503, remaining: 2 })
    expect(store.take('meta')?.status).toBe(503)
    expect(store.take('meta')?.status).toBe(503)
    expect(store.take('meta')).toBeNull()
  })

  it('keeps a fault without remaining until cleared, per platform', () => {
    const store = createFaultStore()
    store.set('ga4', { latencyMs: 10 })
    expect(store.take('ga4')).toEqual({ latencyMs: 10 })
    expect(store.take('ga4')).toEqual({ latencyMs: 10 })
    expect(store.take('meta')).toBeNull()
    store.set('ga4', null)
    expect(store.take('ga4')).toBeNull()
  })
})

describe('FaultSchema', () => {
  it.each([[{ status: 200 }], [{ remaining: 0 }], [{ rateLimit: {} }], [{ unknown: true }], [{ latencyMs: -1 }]])(
    'refuses %j',
    (fault) => {
      expect(FaultSchema.safeParse(fault).success).toBe(false)
    },
  )
})
