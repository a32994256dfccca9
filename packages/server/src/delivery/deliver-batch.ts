import type { DeliveryOutcome, HttpRequestSpec, HttpResponseSpec, NetworkFailure } from '../destinations/destination.js'
import type { OutboxRow, OutcomeMark } from '../outbox/outbox-store.js'
import type { DeliveryContext, DeliveryReport, DeliveryTarget } from './delivery-context.js'
import { redactSecrets } from './redact-secrets.js'
import { parseRetryAfter } from './retry-after.js'
import { planRetry } from './retry-policy.js'

/** Whether the destination looked down (every event retryable), and the longest Retry-After it asked. */
export type BatchResult = { failed: boolean; retryAfterMs?: number }

type Answer = HttpResponseSpec | NetworkFailure

const MAX_REASON_LENGTH = 500

/**
 * Sends one batch of claimed rows and records each row's outcome: toRequest → send → classify →
 * delivered / retry (backoff, at least Retry-After) / dead, all in one store transaction. Reasons are
 * stored and logged with the request's secrets redacted. Throws only if the store does.
 * @example const { failed } = await deliverBatch(context, { destination: meta, config }, rows)
 */
export async function deliverBatch(context: DeliveryContext, target: DeliveryTarget, rows: readonly OutboxRow[]): Promise<BatchResult> {
  const { destination, config } = target
  const { clock, store, logger } = context
  const events = rows.map((row) => row.event)
  const started = clock.now()
  let secrets: readonly string[] = []
  let answer: Answer | undefined
  let outcomes: DeliveryOutcome[]
  try {
    const spec: HttpRequestSpec = destination.toRequest(events, config, new Date(started))
    secrets = spec.secrets
    answer = await context.send(spec)
    context.onSend?.({
      destination: destination.id,
      events: rows.length,
      result: answer.kind === 'response' ? answer.status : answer.code,
      durationMs: clock.now() - started,
    })
    outcomes = destination.classify(answer, events)
  } catch (error) {
    // A destination that throws has a bug (its functions are meant to be total): retry, don't crash.
    outcomes = rows.map((row) => ({ eventId: row.eventId, kind: 'retry', reason: `internal_error: ${String(error)}` }))
  }
  if (!context.isRecording()) return { failed: false }

  const now = clock.now()
  const headerRetryAfter = answer?.kind === 'response' ? parseRetryAfter(answer.headers['retry-after'], now) : undefined
  const byEventId = new Map(outcomes.map((outcome) => [outcome.eventId, outcome]))
  const clean = (reason: string) => redactSecrets(reason, secrets).slice(0, MAX_REASON_LENGTH)
  const marks: OutcomeMark[] = []
  const reports: DeliveryReport[] = []
  let retryable = 0
  let retryAfterMs: number | undefined

  for (const row of rows) {
    const outcome = byEventId.get(row.eventId) ?? { eventId: row.eventId, kind: 'retry', reason: 'no_outcome_from_classify' }
    const base = { destination: destination.id, eventName: row.eventName, eventId: row.eventId, attempts: row.attempts }
    const latencyMs = now - row.event.receivedAtMs
    if (outcome.kind === 'delivered') {
      marks.push({ id: row.id, kind: 'delivered', traceId: outcome.traceId ?? null })
      reports.push({ ...base, kind: 'delivered', latencyMs })
      continue
    }
    const reason = clean(outcome.reason)
    if (outcome.kind === 'dead') {
      marks.push({ id: row.id, kind: 'dead', reason })
      reports.push({ ...base, kind: 'dead', reason, latencyMs })
      continue
    }
    retryable += 1
    const asked = outcome.retryAfterMs ?? headerRetryAfter
    if (asked !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, asked)
    const plan = planRetry(row.attempts, asked, context.policy, context.random)
    if (plan.kind === 'give_up') {
      marks.push({ id: row.id, kind: 'dead', reason })
      reports.push({ ...base, kind: 'dead', reason, latencyMs })
    } else {
      const nextAttemptAtMs = now + plan.delayMs
      marks.push({ id: row.id, kind: 'retry', nextAttemptAtMs, reason })
      reports.push({ ...base, kind: 'retry', reason, nextAttemptAtMs, latencyMs })
    }
  }
  // One transaction for the whole request: a per-row commit would cost one fsync per event.
  await store.recordOutcomes(marks, now)
  for (const row of rows) context.claims.delete(row.id)
  logBatch(context, target, rows.length, answer, reports)
  for (const report of reports) context.onOutcome?.(report)
  const result: BatchResult = { failed: rows.length > 0 && retryable === rows.length }
  return retryAfterMs === undefined ? result : { ...result, retryAfterMs }
}

function logBatch(context: DeliveryContext, target: DeliveryTarget, events: number, answer: Answer | undefined, reports: DeliveryReport[]): void {
  const count = (kind: DeliveryReport['kind']) => reports.filter((r) => r.kind === kind).length
  const fields = {
    destination: target.destination.id,
    events,
    status: answer?.kind === 'response' ? answer.status : (answer?.code ?? 'not_sent'),
    delivered: count('delivered'),
    retry: count('retry'),
    dead: count('dead'),
  }
  const firstReason = reports.find((r) => r.reason !== undefined)?.reason
  if (fields.dead > 0) context.logger.error({ ...fields, reason: firstReason }, 'events went dead')
  else if (fields.retry > 0) context.logger.warn({ ...fields, reason: firstReason }, 'delivery will be retried')
  else context.logger.debug(fields, 'batch delivered')
}
