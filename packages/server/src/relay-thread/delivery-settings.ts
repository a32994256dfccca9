import { createDeliveryWorker, createHttpSender, type DeliveryLogger, type DeliveryTarget, type RetryPolicy } from '../delivery/index.js'
import type { Destination, DestinationId } from '../destinations/destination.js'
import { destinations } from '../destinations/registry.js'
import type { OutboxStore } from '../outbox/index.js'

/**
 * What delivery needs from the relay config, as plain data (it is copied to the outbox thread): each
 * destination by id with its validated config, and the delivery options.
 */
export type DeliverySettings = {
  targets: ReadonlyArray<{ id: DestinationId; config: unknown }>
  lingerMs: number
  deliveryTimeoutMs: number
  retry?: Partial<RetryPolicy>
  destinationPause?: { baseDelayMs: number; maxDelayMs: number }
  leaseMs?: number
}

/** Delivery loops with their HTTP sender; `close` stops both (the store is the caller's). */
export type Delivery = { wake(destination?: DestinationId): void; drain(): Promise<void>; close(deadlineMs: number): Promise<void> }

/**
 * Starts the delivery loops over `store`: the same code in the relay's thread and in the outbox thread.
 * @example const delivery = startDelivery(store, settings, logger); delivery.wake('meta'); await delivery.close(5000)
 */
export function startDelivery(store: OutboxStore, settings: DeliverySettings, logger: DeliveryLogger): Delivery {
  // The registry key and the config key are the same id, and the config was parsed by that destination's
  // own schema, so the pair belongs together.
  const targets: DeliveryTarget[] = settings.targets.map(({ id, config }) => {
    const destination: Destination<unknown> = destinations[id]
    return { destination, config }
  })
  const sender = createHttpSender({ timeoutMs: settings.deliveryTimeoutMs })
  const worker = createDeliveryWorker({
    store,
    destinations: targets,
    send: sender,
    lingerMs: settings.lingerMs,
    logger,
    ...(settings.retry !== undefined ? { policy: settings.retry } : {}),
    ...(settings.destinationPause !== undefined ? { pause: settings.destinationPause } : {}),
    ...(settings.leaseMs !== undefined ? { leaseMs: settings.leaseMs } : {}),
  })
  worker.start()
  return {
    wake: (destination) => worker.wake(destination),
    drain: () => worker.drain(),
    async close(deadlineMs) {
      await worker.stop({ deadlineMs })
      await sender.close()
    },
  }
}
