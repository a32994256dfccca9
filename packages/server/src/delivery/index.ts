// Delivery's public surface: the worker, the HTTP sender (the only undici user) and the retry policy.
export { createDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from './worker.js'
export {
  deliveryTarget,
  type DeliveryTarget,
  type DeliveryReport,
  type SendReport,
  type Clock,
} from './delivery-context.js'
export { createHttpSender, type HttpSender, type HttpSenderOptions, type Send } from './send.js'
export { DEFAULT_RETRY_POLICY, planRetry, type RetryPolicy, type RetryPlan } from './retry-policy.js'
export { parseRetryAfter } from './retry-after.js'
export { silentLogger, type DeliveryLogger, type LogMethod } from './delivery-logger.js'
export { realSleep, type Sleep } from './loop-gate.js'
export { redactSecrets } from './redact-secrets.js'
