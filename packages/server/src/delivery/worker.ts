import type { DestinationId } from '../destinations/destination.js'
import type { OutboxStore } from '../outbox/outbox-store.js'
import { claimLimitOf, deliverDue, type PassResult } from './deliver-due.js'
import type { Clock, DeliveryContext, DeliveryReport, DeliveryTarget, SendReport } from './delivery-context.js'
import { silentLogger, type DeliveryLogger } from './delivery-logger.js'
import { createLoopGate, realSleep, type LoopGate, type Sleep } from './loop-gate.js'
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js'
import type { Send } from './send.js'

export type DeliveryWorkerOptions = {
  store: OutboxStore
  destinations: readonly DeliveryTarget[]
  send: Send
  /** Per-row retry spacing and limit. @default DEFAULT_RETRY_POLICY */
  policy?: Partial<RetryPolicy>
  /** After new events wake a loop, wait this long for a fuller batch (unless one is already full). @default 1000 */
  lingerMs?: number
  /** A claimed row is re-claimable after this (crash recovery). @default 120000 */
  leaseMs?: number
  /** Requests in flight at once per destination; also sets the claim size (maxBatch × concurrency). @default 4 */
  concurrency?: number
  /** An idle loop looks at the store this often anyway (rows written by another process, e.g. the CLI). @default 5000 */
  pollIntervalMs?: number
  /** Pause of a whole destination after a pass where every request failed: doubles per failed pass. @default { baseDelayMs: 1000, maxDelayMs: 60000 } */
  pause?: { baseDelayMs: number; maxDelayMs: number }
  clock?: Clock
  /** [0, 1) source for backoff jitter. @default Math.random */
  random?: () => number
  /** How loops wait (tests pass one that advances a fake clock). @default realSleep */
  sleep?: Sleep
  logger?: DeliveryLogger
  onOutcome?: (report: DeliveryReport) => void
  onSend?: (report: SendReport) => void
}

export type DeliveryWorker = {
  /** Starts one independent loop per destination; delivers the backlog (and expired leases) at once. */
  start(): void
  /** New events were enqueued: wake that destination's loop (all loops when omitted). */
  wake(destination?: DestinationId): void
  /** Delivers everything due now, ignoring linger and pauses; resolves when done (tests, CLI). No-op once stopped. */
  drain(): Promise<void>
  /**
   * No new claims and no new sends; waits up to `deadlineMs` (wall clock) for sends in flight. Answers
   * arriving later are not recorded: their rows, and claimed rows never sent, are handed back to the store
   * as pending (`releaseClaims`), so the next start sends them at once. Final: no restart.
   */
  stop(options?: { deadlineMs?: number }): Promise<void>
}

/** While lingering, how often the store is asked whether a full batch is due. */
const LINGER_RECHECK_MS = 50

type Lane = { target: DeliveryTarget; gate: LoopGate; failures: number; pausedUntilMs: number }

/**
 * The delivery workers: per destination, a loop that claims due rows, sends them in batches and records
 * each outcome. A failing destination pauses only its own loop, and never the ingest.
 * @example
 * const worker = createDeliveryWorker({ store, send: createHttpSender(), destinations: [deliveryTarget(meta, config.meta)] })
 * worker.start()
 * // after each enqueue: worker.wake('meta')
 * await worker.stop({ deadlineMs: 5000 })
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const clock = options.clock ?? { now: () => Date.now() }
  const sleep = options.sleep ?? realSleep
  const lingerMs = options.lingerMs ?? 1000
  const pollIntervalMs = options.pollIntervalMs ?? 5000
  const pause = options.pause ?? { baseDelayMs: 1000, maxDelayMs: 60_000 }
  let state: 'idle' | 'running' | 'stopped' = 'idle'
  let recording = true
  const claims = new Set<number>()
  const context: DeliveryContext = {
    store: options.store,
    send: options.send,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.policy },
    clock,
    random: options.random ?? Math.random,
    logger: options.logger ?? silentLogger,
    leaseMs: options.leaseMs ?? 120_000,
    concurrency: Math.max(1, options.concurrency ?? 4),
    ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
    ...(options.onSend ? { onSend: options.onSend } : {}),
    isRecording: () => recording,
    isStopping: () => state === 'stopped',
    claims,
  }
  const lanes: Lane[] = options.destinations.map((target) => ({ target, gate: createLoopGate(sleep), failures: 0, pausedUntilMs: 0 }))
  let loops: Array<Promise<void>> = []
  const stopping = () => state !== 'running'

  const recordPass = (lane: Lane, pass: PassResult | 'store_error'): void => {
    const failed = pass === 'store_error' || (pass.batches > 0 && pass.failedBatches === pass.batches)
    if (!failed) {
      if (pass.batches > 0) lane.failures = 0
      return
    }
    lane.failures += 1
    const backoff = Math.min(pause.maxDelayMs, pause.baseDelayMs * 2 ** (lane.failures - 1))
    const asked = pass === 'store_error' ? 0 : Math.min(pass.retryAfterMs ?? 0, context.policy.maxRetryAfterMs)
    const delayMs = Math.max(backoff, context.policy.respectRetryAfter ? asked : 0)
    lane.pausedUntilMs = clock.now() + delayMs
    context.logger.warn({ destination: lane.target.destination.id, failures: lane.failures, pauseMs: delayMs }, 'destination paused')
  }

  const runPass = async (lane: Lane): Promise<PassResult | 'store_error'> => {
    try {
      return await deliverDue(context, lane.target)
    } catch (error) {
      context.logger.error({ destination: lane.target.destination.id, error: String(error) }, 'delivery pass failed')
      return 'store_error'
    }
  }

  const waitOut = async (lane: Lane, untilMs: number): Promise<void> => {
    while (!stopping() && clock.now() < untilMs) await lane.gate.wait(untilMs - clock.now())
  }

  // After a wake: give the batch up to lingerMs to fill, unless a full batch is already due. Under load a
  // wake comes with every commit; the store is counted at most every LINGER_RECHECK_MS, not on each one.
  const linger = async (lane: Lane): Promise<void> => {
    const { destination } = lane.target
    const untilMs = clock.now() + lingerMs
    while (!stopping() && clock.now() < untilMs) {
      const due = await options.store.countDue(destination.id, clock.now(), destination.maxBatch).catch(() => 0)
      if (due >= destination.maxBatch) return
      const recheckAtMs = Math.min(untilMs, clock.now() + LINGER_RECHECK_MS)
      while (!stopping() && clock.now() < recheckAtMs) await lane.gate.wait(recheckAtMs - clock.now())
    }
  }

  const runLoop = async (lane: Lane): Promise<void> => {
    let woken = false
    while (!stopping()) {
      await waitOut(lane, lane.pausedUntilMs)
      if (woken && lingerMs > 0) await linger(lane)
      if (stopping()) return
      const pass = await runPass(lane)
      recordPass(lane, pass)
      if (pass !== 'store_error' && pass.claimed >= claimLimitOf(context, lane.target)) continue
      const nextDue = await options.store.nextDueAtMs(lane.target.destination.id).catch(() => null)
      const waitMs = Math.min(pollIntervalMs, nextDue === null ? pollIntervalMs : nextDue - clock.now())
      woken = waitMs > 0 && !stopping() ? await lane.gate.wait(waitMs) : false
    }
  }

  return {
    start() {
      if (state !== 'idle') return
      state = 'running'
      loops = lanes.map((lane) => runLoop(lane))
    },
    wake(destination) {
      for (const lane of lanes) if (destination === undefined || lane.target.destination.id === destination) lane.gate.wake()
    },
    async drain() {
      if (state === 'stopped') return
      await Promise.all(
        lanes.map(async (lane) => {
          let pass = await runPass(lane)
          while (pass !== 'store_error' && pass.claimed >= claimLimitOf(context, lane.target)) pass = await runPass(lane)
        }),
      )
    },
    async stop(stopOptions = {}) {
      if (state !== 'running') return
      state = 'stopped'
      for (const lane of lanes) lane.gate.wake()
      const deadline = new AbortController()
      const finished = Promise.all(loops).then(() => deadline.abort())
      await Promise.race([finished, realSleep(stopOptions.deadlineMs ?? 10_000, deadline.signal)])
      deadline.abort()
      recording = false
      // A late answer could still be recorded by a store with real I/O between this point and its mark;
      // the worst case is one more send of those rows, which the platforms deduplicate by event id.
      const left = [...claims]
      claims.clear()
      if (left.length === 0) return
      await options.store.releaseClaims(left, clock.now()).then(
        () => context.logger.info({ rows: left.length }, 'rows without an answer handed back to the outbox'),
        (error: unknown) => context.logger.error({ rows: left.length, error: String(error) }, 'could not hand rows back; they wait for their lease'),
      )
    },
  }
}
