import type { RelayLogger } from '../config/relay-config.schema.js'
import { openOutboxStore } from '../outbox/index.js'
import { startDelivery, type DeliverySettings } from './delivery-settings.js'
import type { OutboxBackend } from './outbox-backend.js'
import { startOutboxThread } from './start-outbox-thread.js'

/** Where the outbox and delivery run: 'worker' a worker thread of their own, 'main' the relay's thread. */
export type OutboxThreadMode = 'worker' | 'main'

/**
 * Opens the outbox at `storeUrl` and starts delivery over it, in a worker thread or in this one. Throws at
 * once for a store that cannot be opened (the file is opened here first in both modes, which also migrates
 * it before the thread starts).
 * @example const backend = openOutboxBackend('sqlite:./pairtrack.db', settings, logger, 'worker')
 */
export function openOutboxBackend(storeUrl: string, settings: DeliverySettings, logger: RelayLogger, mode: OutboxThreadMode): OutboxBackend {
  const opened = openOutboxStore(storeUrl)
  if (!opened.ok) throw new Error(`pairtrack relay: ${opened.error.message}`)
  if (mode === 'worker') {
    void opened.value.close()
    return startOutboxThread(storeUrl, settings, logger)
  }
  const store = opened.value
  const delivery = startDelivery(store, settings, logger)
  return {
    store,
    wake: (destination) => delivery.wake(destination),
    drain: () => delivery.drain(),
    async close(deadlineMs) {
      await delivery.close(deadlineMs)
      await store.close()
    },
  }
}
