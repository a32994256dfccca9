// ESM entry: `import { createTracker } from '@pairtrack/browser'`.
export { createTracker, type TrackerEnv } from './tracker.js'
export type { Tracker, TrackerOptions, TrackOptions } from './options.js'
export { installPairtrack, relayFromScriptSrc, type PairtrackGlobal } from './install-pairtrack.js'
export type { SendTransport, SendResult } from './transport/send.js'
export type { QueueStorage } from './transport/queue-storage.js'
export type { ConsentState, CustomData, RawUserData, PixelReport, PixelStatus } from '@pairtrack/shared'
