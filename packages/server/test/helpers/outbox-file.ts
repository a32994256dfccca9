import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DestinationId } from '../../src/destinations/destination.js'
import { openOutboxStore, type OutboxRow, type OutboxStatus, type OutboxStore } from '../../src/outbox/index.js'

/** A temp folder for SQLite outbox files; `remove()` deletes it. */
export function outboxDir(prefix: string): { url(name: string): string; path(name: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `pairtrack-${prefix}-`))
  return {
    url: (name) => `sqlite:${join(dir, name)}`,
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/**
 * Opens a second connection to an outbox file (a relay may hold the first: WAL allows both), runs `read`
 * and closes it.
 * @example const rows = await readOutbox(url, (store) => store.findRow('meta', 'Purchase', 'e1'))
 */
export async function readOutbox<T>(url: string, read: (store: OutboxStore) => Promise<T>): Promise<T> {
  const opened = openOutboxStore(url, { mustExist: true })
  if (!opened.ok) throw new Error(opened.error.message)
  try {
    return await read(opened.value)
  } finally {
    await opened.value.close()
  }
}

/** Row counts per destination and status (absent = 0). */
export async function countsOf(url: string): Promise<Partial<Record<DestinationId, Partial<Record<OutboxStatus, number>>>>> {
  const counts = await readOutbox(url, (store) => store.counts())
  const out: Partial<Record<DestinationId, Partial<Record<OutboxStatus, number>>>> = {}
  for (const { destination, status, count } of counts) (out[destination] ??= {})[status] = count
  return out
}

/** True when no row is pending or in flight: every record has its final state. */
export async function isSettled(url: string): Promise<boolean> {
  const counts = await readOutbox(url, (store) => store.counts())
  return counts.every((c) => c.status !== 'pending' && c.status !== 'in_flight')
}

/** The rows of some events at one destination, in the order asked. */
export function rowsOf(url: string, destination: DestinationId, eventName: string, eventIds: readonly string[]): Promise<Array<OutboxRow | null>> {
  return readOutbox(url, (store) => Promise.all(eventIds.map((id) => store.findRow(destination, eventName, id))))
}
