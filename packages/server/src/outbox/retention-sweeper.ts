import type { OutboxStore } from './outbox-store.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** Runs `run` every `ms` until the returned function cancels it. */
export type Every = (ms: number, run: () => void) => () => void

/** The default Every: an unref'd interval, so a sweeper alone never keeps a process alive. */
const realEvery: Every = (ms, run) => {
  const timer = setInterval(run, ms)
  timer.unref()
  return () => clearInterval(timer)
}

export type RetentionSweeperOptions = {
  store: Pick<OutboxStore, 'purgeOlderThan'>
  /** Finished records (delivered, dead, suppressed) last updated longer ago than this are deleted. */
  retentionDays: number
  /** Time between sweeps after the first one (which runs at start). @default 3600000 (1 h) */
  intervalMs?: number
  /** Rows deleted per statement; the sweep yields between slices so that ingest is never held up long. @default 5000 */
  sliceSize?: number
  /** @default Date.now */
  now?: () => number
  /** @default an unref'd setInterval */
  every?: Every
  onSweep?: (report: { purged: number; cutoffMs: number }) => void
  onError?: (error: unknown) => void
}

export type RetentionSweeper = {
  /** Sweeps now, then every `intervalMs`. */
  start(): void
  /** One sweep (joins the one running, if any); resolves with how many rows it deleted. */
  sweep(): Promise<number>
  /** Cancels the timer and waits for a sweep in progress, which stops after its current slice. */
  stop(): Promise<void>
}

/**
 * Deletes finished outbox records past the retention, at start and periodically, in slices. Pending and
 * in-flight records are never deleted, however old (the store's purgeOlderThan guarantees it).
 * @example
 * const sweeper = createRetentionSweeper({ store, retentionDays: 30 })
 * sweeper.start()
 * await sweeper.stop()
 */
export function createRetentionSweeper(options: RetentionSweeperOptions): RetentionSweeper {
  const now = options.now ?? Date.now
  const every = options.every ?? realEvery
  const sliceSize = Math.max(1, options.sliceSize ?? 5000)
  let cancel: (() => void) | undefined
  let running: Promise<number> | undefined
  let stopped = false

  const sweepOnce = async (): Promise<number> => {
    const cutoffMs = now() - options.retentionDays * DAY_MS
    let purged = 0
    for (;;) {
      const deleted = await options.store.purgeOlderThan(cutoffMs, sliceSize)
      purged += deleted
      if (deleted < sliceSize || stopped) break
      await new Promise((resolve) => setImmediate(resolve))
    }
    options.onSweep?.({ purged, cutoffMs })
    return purged
  }

  const sweep = (): Promise<number> => {
    running ??= sweepOnce().finally(() => (running = undefined))
    return running
  }
  const sweepQuietly = (): void => {
    if (!stopped) sweep().catch((error: unknown) => options.onError?.(error))
  }

  return {
    start() {
      if (cancel !== undefined || stopped) return
      cancel = every(options.intervalMs ?? 60 * 60 * 1000, sweepQuietly)
      sweepQuietly()
    },
    sweep,
    async stop() {
      stopped = true
      cancel?.()
      await running?.catch(() => {})
    },
  }
}
