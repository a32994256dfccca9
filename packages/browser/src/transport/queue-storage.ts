import type { TrackEvent } from '@pairtrack/shared'
import { update } from 'idb-keyval'

/**
 * Where the retry queue keeps events between pages: replaces the stored events by `change(stored)` in
 * one transaction and resolves to what is stored now. Never rejects.
 */
export type QueueStorage = (change: (stored: TrackEvent[]) => TrackEvent[]) => Promise<TrackEvent[]>

/** The IndexedDB key of the queue (idb-keyval's default store); versioned, so a new format starts empty. */
export const QUEUE_KEY = 'pairtrack:q:v1'

/**
 * The queue's storage: one key in IndexedDB through idb-keyval (the only module that imports it), so the
 * queue survives the page; where IndexedDB is missing or fails (some private modes, sandboxed frames), the
 * page's memory from then on. idb-keyval's `update` reads and writes in one transaction, so two tabs
 * cannot lose each other's events.
 * @example await createQueueStorage()((stored) => [...stored, event])
 */
export function createQueueStorage(): QueueStorage {
  let memory: TrackEvent[] | undefined
  return async (change) => {
    if (!memory)
      try {
        let next: TrackEvent[] = []
        await update(QUEUE_KEY, (stored) => (next = change(Array.isArray(stored) ? stored : [])))
        return next
      } catch {
        memory = []
      }
    return (memory = change(memory))
  }
}
