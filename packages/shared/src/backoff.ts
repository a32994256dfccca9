/** How retries space out; shared by the browser retry queue and server delivery. */
export type BackoffPolicy = {
  /** Delay cap for the first retry, doubled each attempt. @default 1000 */
  baseDelayMs: number
  /** Upper bound of any delay. @default 300000 */
  maxDelayMs: number
}

/**
 * "Full jitter" exponential backoff: a random delay between 0 and min(max, base·2^attempt), which spreads
 * retries of many clients instead of synchronising them. `attempt` counts from 0; `random` returns [0, 1).
 * @example fullJitterDelay(3, { baseDelayMs: 1000, maxDelayMs: 60000 }, () => 0.5) // 4000
 */
export function fullJitterDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt))
  return Math.floor(random() * ceiling)
}
