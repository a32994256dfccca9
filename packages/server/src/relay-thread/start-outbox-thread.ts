import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { RelayLogger } from '../config/relay-config.schema.js'
import type { OutboxStore } from '../outbox/index.js'
import type { DeliverySettings } from './delivery-settings.js'
import type { OutboxBackend } from './outbox-backend.js'
import type { FromOutboxThread, OutboxThreadData, StoreMethod, ThreadCall, ToOutboxThread } from './outbox-thread-protocol.js'

type Pending = { resolve(value: unknown): void; reject(error: Error): void }

/** How long a closed outbox thread may take to exit before it is terminated. */
const THREAD_EXIT_MS = 2000

/**
 * Starts the outbox thread (outbox-thread.ts) on the store at `storeUrl` and answers with a proxy of its
 * store: every call crosses to the thread (the calls of one event-loop turn in one message) and resolves
 * with the thread's answer, so `enqueue` still resolves only once the rows are on disk. The relay's
 * logger receives the thread's log lines. If the thread dies, every call waiting and every later call
 * rejects (the relay answers 503 store_unavailable); rows it had claimed are sent again after their lease.
 * @example const backend = startOutboxThread('sqlite:./pairtrack.db', settings, logger); await backend.store.enqueue(rows, now)
 */
export function startOutboxThread(storeUrl: string, delivery: DeliverySettings, logger: RelayLogger): OutboxBackend {
  const data: OutboxThreadData = { storeUrl, delivery }
  const thread = spawnThread(data)
  const pending = new Map<number, Pending>()
  let nextId = 1
  let queued: ThreadCall[] = []
  let failure: Error | null = null

  // Only a thread with calls in flight keeps the process alive, as an idle relay's timers do not either.
  thread.unref()
  const settle = (id: number): Pending | undefined => {
    const waiter = pending.get(id)
    pending.delete(id)
    if (pending.size === 0) thread.unref()
    return waiter
  }
  const failAll = (error: Error): void => {
    failure ??= error
    for (const [id, waiter] of [...pending]) {
      settle(id)
      waiter.reject(failure)
    }
  }

  thread.on('message', (message: FromOutboxThread) => {
    if (message.kind === 'log') return logger[message.level](message.fields, message.message)
    for (const answer of message.replies) {
      const waiter = settle(answer.id)
      if (waiter === undefined) continue
      if (answer.ok) waiter.resolve(answer.value)
      else waiter.reject(new Error(answer.message))
    }
  })
  thread.on('error', (error) => {
    logger.error({ error: error.message }, 'the outbox thread failed: events are refused until the relay restarts')
    failAll(new Error('the outbox thread failed', { cause: error }))
  })
  const exited = new Promise<void>((resolve) =>
    thread.once('exit', () => {
      failAll(new Error('the outbox thread has exited'))
      resolve()
    }),
  )

  const call = (method: ThreadCall['method'], args: unknown[]): Promise<unknown> => {
    if (failure !== null) return Promise.reject(failure)
    const id = nextId++
    return new Promise((resolve, reject) => {
      if (pending.size === 0) thread.ref()
      pending.set(id, { resolve, reject })
      if (queued.length === 0) setImmediate(() => {
        const calls = queued
        queued = []
        thread.postMessage({ kind: 'calls', calls } satisfies ToOutboxThread)
      })
      queued.push({ id, method, args })
    })
  }
  const remote =
    <M extends StoreMethod>(method: M) =>
    (...args: Parameters<OutboxStore[M]>): ReturnType<OutboxStore[M]> =>
      call(method, args) as ReturnType<OutboxStore[M]>

  const store: OutboxStore = {
    enqueue: remote('enqueue'),
    claimDue: remote('claimDue'),
    markDelivered: remote('markDelivered'),
    markRetry: remote('markRetry'),
    markDead: remote('markDead'),
    recordOutcomes: remote('recordOutcomes'),
    releaseClaims: remote('releaseClaims'),
    countDue: remote('countDue'),
    nextDueAtMs: remote('nextDueAtMs'),
    findRow: remote('findRow'),
    counts: remote('counts'),
    listDead: remote('listDead'),
    replayDead: remote('replayDead'),
    purgeOlderThan: remote('purgeOlderThan'),
    close: async () => {},
  }
  let closing: Promise<void> | null = null
  return {
    store,
    // The thread wakes its loops itself after each commit.
    wake: () => {},
    drain: async () => void (await call('drain', [])),
    close(deadlineMs) {
      closing ??= (async () => {
        try {
          await call('close', [deadlineMs])
        } catch (error) {
          // A dead thread has nothing left to close; its claimed rows come back after their lease.
          logger.error({ error: error instanceof Error ? error.message : String(error) }, 'the outbox thread did not close cleanly')
        } finally {
          // The thread ends by itself once it has answered (profilers write their files then); a stuck one is ended.
          const timer = setTimeout(() => void thread.terminate(), THREAD_EXIT_MS)
          await exited
          clearTimeout(timer)
        }
      })()
      return closing
    },
  }
}

/**
 * The thread runs the built outbox-thread.js; from source (tests, `tsx`), the .ts file through tsx's loader,
 * reading the workspace packages from their sources as this process does.
 */
function spawnThread(data: OutboxThreadData): Worker {
  const here = import.meta.url
  if (!here.endsWith('.ts')) return new Worker(new URL('./outbox-thread.js', here), { workerData: data })
  const tsxPackage = createRequire(here).resolve('tsx/package.json')
  const tsxApi = pathToFileURL(tsxPackage.replace(/package\.json$/, 'dist/esm/api/index.mjs')).href
  const entry = new URL('./outbox-thread.ts', here).href
  const boot = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(entry)})`
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
    workerData: data,
    // A CPU profile of the relay (`node --cpu-prof`) covers this thread too.
    execArgv: ['--conditions=@pairtrack/source', ...process.execArgv.filter((arg) => arg.startsWith('--cpu-prof'))],
  })
}
