import type { OutboxStore } from '../outbox/index.js'
import type { DeliverySettings } from './delivery-settings.js'

/** The store's methods the relay calls across the thread boundary (close is `close`, below). */
export type StoreMethod = Exclude<keyof OutboxStore, 'close'>

/** Every store method, for the thread to check a call against (a Record, so the compiler asks for each new one). */
export const STORE_METHODS: Record<StoreMethod, true> = {
  enqueue: true,
  claimDue: true,
  markDelivered: true,
  markRetry: true,
  markDead: true,
  recordOutcomes: true,
  releaseClaims: true,
  countDue: true,
  nextDueAtMs: true,
  findRow: true,
  counts: true,
  listDead: true,
  replayDead: true,
  purgeOlderThan: true,
}

/** One call: a store method, `drain` (deliver what is due now) or `close` (args: [deadlineMs]). */
export type ThreadCall = { id: number; method: StoreMethod | 'drain' | 'close'; args: unknown[] }

export type ThreadReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string }

/** Relay → outbox thread: the calls of one event-loop turn, in one message. */
export type ToOutboxThread = { kind: 'calls'; calls: ThreadCall[] }

/** Outbox thread → relay: replies of one turn, or one log line for the relay's logger. */
export type FromOutboxThread =
  | { kind: 'replies'; replies: ThreadReply[] }
  | { kind: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; fields: Record<string, unknown>; message: string }

/** The thread's workerData. */
export type OutboxThreadData = { storeUrl: string; delivery: DeliverySettings }
