import type { DestinationId } from '../destinations/destination.js'
import type { OutboxStore } from '../outbox/index.js'

/**
 * The outbox and its delivery loops as the relay sees them, wherever they run (this thread, or a worker
 * thread of their own: start-outbox-thread.ts).
 */
export type OutboxBackend = {
  /** The store: the real one, or a proxy to the thread that owns it. */
  store: OutboxStore
  /** New pending rows for this destination: wake its delivery loop (a worker thread wakes itself). */
  wake(destination: DestinationId): void
  /** Delivers everything due now (DeliveryWorker.drain). */
  drain(): Promise<void>
  /**
   * Stops delivery (claims without an answer by `deadlineMs` are handed back), closes the HTTP pools and the
   * store. Final.
   */
  close(deadlineMs: number): Promise<void>
}
