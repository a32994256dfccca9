import type { DeadRowFilter, OutboxRow, OutboxStore } from '../outbox/index.js'
import { EXIT, type CliIo, type ExitCode } from './cli-io.js'

/** One dead record as `dead list --json` prints it: keys and reason only, no event data. */
export type DeadRecord = {
  destination: string
  eventName: string
  eventId: string
  attempts: number
  reason: string | null
  createdAt: string
  updatedAt: string
}

const toDeadRecord = (row: OutboxRow): DeadRecord => ({
  destination: row.destination,
  eventName: row.eventName,
  eventId: row.eventId,
  attempts: row.attempts,
  reason: row.lastError,
  createdAt: new Date(row.createdAtMs).toISOString(),
  updatedAt: new Date(row.updatedAtMs).toISOString(),
})

/**
 * `pairtrack dead list`: dead records, most recent first, one per line (or a JSON array with `--json`).
 * @example await listDead(store, { destination: 'meta', limit: 20 }, { json: false }, io)
 */
export async function listDead(store: OutboxStore, filter: DeadRowFilter, options: { json: boolean }, io: CliIo): Promise<ExitCode> {
  const limit = filter.limit ?? 100
  const rows = await store.listDead({ ...filter, limit: limit + 1 })
  const records = rows.slice(0, limit).map(toDeadRecord)
  if (options.json) {
    io.out(JSON.stringify(records))
    return EXIT.ok
  }
  if (records.length === 0) io.out('no dead records')
  for (const r of records) {
    io.out(`${r.updatedAt}  ${r.destination}  ${r.eventName}  ${r.eventId}  attempts=${r.attempts}  ${r.reason ?? '(no reason)'}`)
  }
  if (rows.length > limit) io.err(`more dead records than shown: raise --limit (now ${limit}) or narrow with --destination/--since`)
  return EXIT.ok
}

/**
 * `pairtrack dead replay`: dead records back to pending, due now with attempts reset. A running relay picks
 * them up on its next poll; otherwise the next start sends them.
 * @example await replayDead(store, { destination: 'meta' }, io)
 */
export async function replayDead(store: OutboxStore, filter: Omit<DeadRowFilter, 'limit'>, io: CliIo): Promise<ExitCode> {
  const replayed = await store.replayDead(filter, io.now())
  io.out(`replayed ${replayed} dead record${replayed === 1 ? '' : 's'}: pending again, sent by the relay within seconds (or at its next start)`)
  return EXIT.ok
}
