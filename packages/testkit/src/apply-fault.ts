import type { Response } from 'express'
import type { Channel } from './ledger.js'
import type { PlatformId } from '@pairtrack/shared'
import type { PlatformRouteContext } from './platforms/platform-route-context.js'

/** How a platform answers the injected failures, in its own error shape. */
export type FaultResponder = {
  rateLimited(res: Response, retryAfterSeconds: number): void
  failed(res: Response, status: number): void
}

export type FaultVerdict =
  | { kind: 'answered' }
  | { kind: 'pass'; rejectEventIds: ReadonlySet<string> }

/**
 * Takes the platform's current fault (if any) and acts on it. When the fault answers the request, the
 * attempt is recorded in the ledger as a rejection, so tests can see that the relay tried.
 * @example
 * const verdict = await applyFault(ctx, 'meta', res, metaFaultResponder, body)
 * if (verdict.kind === 'answered') return
 */
export async function applyFault(
  ctx: PlatformRouteContext,
  platform: PlatformId,
  res: Response,
  responder: FaultResponder,
  payload: unknown,
): Promise<FaultVerdict> {
  const fault = ctx.faults.take(platform)
  if (fault === null) return { kind: 'pass', rejectEventIds: new Set() }
  if (fault.latencyMs !== undefined && fault.latencyMs > 0) await ctx.delay(fault.latencyMs)
  const channel: Channel = 'server'
  const reject = (status: number, reason: string) =>
    ctx.ledger.reject({ platform, channel, receivedAtMs: ctx.now(), reason, status, payload })
  if (fault.reset) {
    reject(0, 'fault: connection reset')
    res.socket?.destroy()
    return { kind: 'answered' }
  }
  if (fault.rateLimit) {
    reject(429, `fault: rate limited, retry after ${fault.rateLimit.retryAfterSeconds} s`)
    res.setHeader('Retry-After', String(fault.rateLimit.retryAfterSeconds))
    responder.rateLimited(res, fault.rateLimit.retryAfterSeconds)
    return { kind: 'answered' }
  }
  if (fault.status !== undefined) {
    reject(fault.status, `fault: status ${fault.status}`)
    responder.failed(res, fault.status)
    return { kind: 'answered' }
  }
  return { kind: 'pass', rejectEventIds: new Set(fault.rejectEventIds ?? []) }
}
