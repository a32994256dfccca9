import type { DestinationId } from '../destinations/destination.js'
import type { OutboxStatus, OutboxStore } from '../outbox/index.js'
import { EXIT, type CliIo, type ExitCode } from './cli-io.js'

const STATUSES: readonly OutboxStatus[] = ['pending', 'in_flight', 'delivered', 'dead', 'suppressed']

/** Row counts per destination and status, every status present (0 when none). */
export type StatusReport = Partial<Record<DestinationId, Record<OutboxStatus, number>>>

/**
 * `pairtrack status`: counts per destination and status, as a table or (`--json`) as StatusReport.
 * @example await printStatus(store, { json: false }, io) // "destination  pending  in_flight ..."
 */
export async function printStatus(store: OutboxStore, options: { json: boolean }, io: CliIo): Promise<ExitCode> {
  const report: StatusReport = {}
  for (const { destination, status, count } of await store.counts()) {
    const line = (report[destination] ??= Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>)
    line[status] = count
  }
  if (options.json) {
    io.out(JSON.stringify(report))
    return EXIT.ok
  }
  const destinations = Object.keys(report) as DestinationId[]
  if (destinations.length === 0) {
    io.out('the outbox is empty')
    return EXIT.ok
  }
  const header = ['destination', ...STATUSES]
  const rows = destinations.map((id) => [id, ...STATUSES.map((s) => String(report[id]?.[s] ?? 0))])
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)))
  const format = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
  io.out(format(header))
  for (const row of rows) io.out(format(row))
  return EXIT.ok
}
