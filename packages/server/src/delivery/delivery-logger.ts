/** One logging method, pino-compatible: structured fields first, then the message. */
export type LogMethod = (fields: Record<string, unknown>, message: string) => void

/**
 * What delivery logs through (observability/logger.ts builds the pino one). Delivery never passes event
 * data or secrets to it: destination, counts, status and redacted reasons only.
 */
export type DeliveryLogger = { debug: LogMethod; info: LogMethod; warn: LogMethod; error: LogMethod }

const ignore: LogMethod = () => {}

/** @example createDeliveryWorker({ ..., logger: silentLogger }) */
export const silentLogger: DeliveryLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore }
