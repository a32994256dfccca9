import type { OutboxStore } from '../outbox/index.js'
import { EXIT, type CliIo, type ExitCode } from './cli-io.js'

/**
 * `pairtrack purge --older-than 30d`: deletes delivered, dead and suppressed records last updated longer
 * ago than that. Pending and in-flight records are never deleted.
 * @example await purgeFinished(store, 30 * 86_400_000, io)
 */
export async function purgeFinished(store: OutboxStore, olderThanMs: number, io: CliIo): Promise<ExitCode> {
  const cutoffMs = io.now() - olderThanMs
  const purged = await store.purgeOlderThan(cutoffMs)
  io.out(`purged ${purged} finished record${purged === 1 ? '' : 's'} last updated before ${new Date(cutoffMs).toISOString()}`)
  return EXIT.ok
}
