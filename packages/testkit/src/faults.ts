import type { PlatformId } from '@pairtrack/shared'
import { z } from 'zod'

/**
 * A fault injected into one platform's server API route (never the pixel routes), for durable-delivery tests.
 * Applied in this order: `latencyMs`, then `reset`, `rateLimit`, `status` (the first present one answers),
 * else `rejectEventIds` makes the platform refuse the request (Meta, TikTok) or drop those events (GA4).
 */
export const FaultSchema = z.strictObject({
  /** Wait this long before answering. */
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  /** Answer with this HTTP status and the platform's error shape (e.g. 500, 503). */
  status: z.number().int().min(400).max(599).optional(),
  /** Answer 429 with `Retry-After` (and Meta code 17 / TikTok code 40100 in the body). */
  rateLimit: z.strictObject({ retryAfterSeconds: z.number().int().min(0) }).optional(),
  /** Destroy the socket without answering. */
  reset: z.boolean().optional(),
  /** Events with these ids are refused: the platform's error naming the index (Meta, TikTok), dropped (GA4). */
  rejectEventIds: z.array(z.string()).optional(),
  /** Apply to the next N requests only, then clear. Without it the fault stays until cleared. */
  remaining: z.number().int().positive().optional(),
})

export type Fault = z.infer<typeof FaultSchema>

/** Per-platform faults; `take` returns the fault for one request and counts it against `remaining`. */
export type FaultStore = {
  set(platform: PlatformId, fault: Fault | null): void
  take(platform: PlatformId): Fault | null
}

/**
 * @example
 * const faults = createFaultStore()
 * faults.set('meta', { status: 503, remaining: 1 })
 * faults.take('meta') // { status: 503, remaining: 1 }, and cleared afterwards
 */
export function createFaultStore(): FaultStore {
  const active = new Map<PlatformId, { fault: Fault; left: number }>()
  return {
    set(platform, fault) {
      if (fault === null) active.delete(platform)
      else active.set(platform, { fault: { ...fault }, left: fault.remaining ?? Number.POSITIVE_INFINITY })
    },
    take(platform) {
      const current = active.get(platform)
      if (!current) return null
      current.left -= 1
      if (current.left <= 0) active.delete(platform)
      return current.fault
    },
  }
}
