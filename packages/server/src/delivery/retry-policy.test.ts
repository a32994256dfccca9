import { describe, expect, it } from 'vitest'
import { DEFAULT_RETRY_POLICY, planRetry, type RetryPolicy } from './retry-policy.js'

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 8000, respectRetryAfter: true, maxRetryAfterMs: 60_000 }
const half = () => 0.5

describe('planRetry', () => {
  it('doubles the jittered backoff per attempt up to the cap', () => {
    expect([1, 2, 3, 4].map((attempts) => planRetry(attempts, undefined, { ...policy, maxAttempts: 99 }, half))).toEqual([
      { kind: 'retry', delayMs: 500 },
      { kind: 'retry', delayMs: 1000 },
      { kind: 'retry', delayMs: 2000 },
      { kind: 'retry', delayMs: 4000 },
    ])
    expect(planRetry(20, undefined, { ...policy, maxAttempts: 99 }, half)).toEqual({ kind: 'retry', delayMs: 4000 })
  })

  it('waits at least the Retry-After, cut at maxRetryAfterMs', () => {
    expect(planRetry(1, 30_000, policy, half)).toEqual({ kind: 'retry', delayMs: 30_000 })
    expect(planRetry(1, 100, policy, half)).toEqual({ kind: 'retry', delayMs: 500 })
    expect(planRetry(1, 7_200_000, policy, half)).toEqual({ kind: 'retry', delayMs: 60_000 })
  })

  it('ignores Retry-After when told not to respect it', () => {
    expect(planRetry(1, 30_000, { ...policy, respectRetryAfter: false }, half)).toEqual({ kind: 'retry', delayMs: 500 })
  })

  it('gives up once maxAttempts sends were made', () => {
    expect(planRetry(4, undefined, policy, half).kind).toBe('retry')
    expect(planRetry(5, 1000, policy, half)).toEqual({ kind: 'give_up' })
  })

  it('has the documented defaults', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({
      maxAttempts: 12, baseDelayMs: 1000, maxDelayMs: 600_000, respectRetryAfter: true, maxRetryAfterMs: 3_600_000,
    })
  })
})
