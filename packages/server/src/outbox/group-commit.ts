/** What one successful commit covered (for metrics: batch sizes show whether grouping happens). */
export type GroupCommitReport = { callers: number }

export type GroupCommitOptions<I, O> = {
  /** Writes every input in ONE transaction and returns one output per input, in order; throws to roll back. */
  commit(inputs: readonly I[]): O[] | Promise<O[]>
  /**
   * Makes every transaction committed so far durable (an fsync, off the event loop). When given, callers
   * settle only after a sync that started after their commit; one sync covers every commit made before it
   * started, and the next commits need not wait for it to finish.
   */
  sync?: () => Promise<void>
  /** Runs the flush later; the default (setImmediate) groups every submit made in the same event-loop turn. */
  schedule?: (flush: () => void) => void
  onCommit?: (report: GroupCommitReport) => void
}

export type GroupCommit<I, O> = {
  /** Resolves with this input's output once its transaction has committed; rejects if its write failed. */
  submit(input: I): Promise<O>
  /** Commits whatever is queued now and waits for every commit (and sync) started so far. */
  flush(): Promise<void>
}

type Waiter<I, O> = { input: I; resolve: (output: O) => void; reject: (error: unknown) => void }

/**
 * Group commit: callers arriving in the same tick share one transaction (and one fsync), and each caller's
 * promise settles only after that transaction (and, with `sync`, a sync after it). If the group's transaction
 * fails, each caller is retried in a transaction of its own, so one bad write rejects only its own caller.
 * @example
 * const group = createGroupCommit({ commit: (inputs) => db.transaction(() => inputs.map(insert))() })
 * const result = await group.submit(rows) // on disk now
 */
export function createGroupCommit<I, O>(options: GroupCommitOptions<I, O>): GroupCommit<I, O> {
  const schedule = options.schedule ?? ((flush: () => void) => void setImmediate(flush))
  const durable = options.sync ? createSyncGroup(options.sync) : undefined
  let queue: Array<Waiter<I, O>> = []
  let scheduled = false
  let chain: Promise<void> = Promise.resolve()

  const commitBatch = async (batch: ReadonlyArray<Waiter<I, O>>): Promise<void> => {
    const outputs = await options.commit(batch.map((waiter) => waiter.input))
    if (outputs.length !== batch.length) throw new Error(`group commit returned ${outputs.length} outputs for ${batch.length} inputs`)
    options.onCommit?.({ callers: batch.length })
    const settle = () => batch.forEach((waiter, index) => waiter.resolve(outputs[index] as O))
    // Not awaited: the next group's transaction may commit while this one's sync runs.
    if (durable) void durable.after().then(settle, (error: unknown) => batch.forEach((waiter) => waiter.reject(error)))
    else settle()
  }

  const runBatch = async (): Promise<void> => {
    scheduled = false
    const batch = queue
    queue = []
    if (batch.length === 0) return
    try {
      await commitBatch(batch)
    } catch (error) {
      if (batch.length === 1) return batch[0]?.reject(error)
      for (const waiter of batch) await commitBatch([waiter]).catch((own: unknown) => waiter.reject(own))
    }
  }

  const enqueueRun = (): void => {
    chain = chain.then(runBatch)
  }

  return {
    submit(input) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject })
        if (scheduled) return
        scheduled = true
        schedule(enqueueRun)
      })
    },
    async flush() {
      if (queue.length > 0) enqueueRun()
      await chain
      await durable?.idle()
    },
  }
}

type SyncGroup = {
  /** Resolves after a sync that started after this call (so it covers every commit made before it). */
  after(): Promise<void>
  /** Resolves when no sync is running or waiting. */
  idle(): Promise<void>
}

/** One sync at a time; whoever asks while one runs shares the next one. */
function createSyncGroup(sync: () => Promise<void>): SyncGroup {
  let waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = []
  let running: Promise<void> | undefined
  const start = (): void => {
    const batch = waiting
    waiting = []
    running = sync().then(
      () => batch.forEach((waiter) => waiter.resolve()),
      (error: unknown) => batch.forEach((waiter) => waiter.reject(error)),
    )
    void running.then(() => {
      running = undefined
      if (waiting.length > 0) start()
    })
  }
  return {
    after: () =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ resolve, reject })
        if (running === undefined) start()
      }),
    async idle() {
      while (running !== undefined) await running.then(() => new Promise((resolve) => setImmediate(resolve)))
    },
  }
}
