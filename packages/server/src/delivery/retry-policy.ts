import { fullJitterDelay } from '@pairtrack/shared'

/**
 * How the worker spaces retries of one row (STYLE.md habit 9, ky style). Whether an answer is worth a
 * retry at all is the destination's call (`classify`); this decides when, and when to stop.
 */
export type RetryPolicy = {
  /** Sends per row before it goes dead with the last reason. @default 12 */
  maxAttempts: number
  /** Backoff cap of the first retry, doubled per attempt, full jitter. @default 1000 */
  baseDelayMs: number
  /** Upper bound of one backoff delay. @default 600000 (10 min) */
  maxDelayMs: number
  /** Wait at least what the platform's Retry-After asks. @default true */
  respectRetryAfter: boolean
  /** Longest Retry-After honoured; longer asks are cut to this. @default 3600000 (1 h) */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 12,
  baseDelayMs: 1000,
  maxDelayMs: 600_000,
  respectRetryAfter: true,
  maxRetryAfterMs: 3_600_000,
}

export type RetryPlan = { kind: 'retry'; delayMs: number } | { kind: 'give_up' }

/**
 * After a failed send: retry later (full-jitter backoff, at least Retry-After) or give up.
 * `attempts` is how many sends were made, this one included.
 * @example planRetry(1, undefined, DEFAULT_RETRY_POLICY, () => 0.5) // { kind: 'retry', delayMs: 500 }
 * @example planRetry(12, undefined, DEFAULT_RETRY_POLICY) // { kind: 'give_up' }
 */
export function planRetry(
  attempts: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetryPlan {
  if (attempts >= policy.maxAttempts) return { kind: 'give_up' }
  const backoff = fullJitterDelay(attempts - 1, policy, random)
  const asked = policy.respectRetryAfter && retryAfterMs !== undefined ? Math.min(retryAfterMs, policy.maxRetryAfterMs) : 0
  return { kind: 'retry', delayMs: Math.max(backoff, asked) }
}
