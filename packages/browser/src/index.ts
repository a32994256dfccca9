// ESM entry: `import { createTracker } from '@pairtrack/browser'`.
export { createTracker, type TrackerEnv } from './tracker.js'
export type { Tracker, TrackerOptions, TrackOptions } from './options.js'
export { installPairtrack, relayFromScriptSrc, type PairtrackGlobal } from './install-pairtrack.js'
export type { SendTransport, SendResult } from './transport/send.js'
export type { QueueStorage } from './transport/queue-storage.js'
export type { ConsentState, CustomData, RawUserData, PixelReport, PixelStatus } from '@pairtrack/shared'
// Consent sources (issue 5): call one with the tracker's consent(); the script tag uses pairtrack-consent.js.
export { watchGcmConsent, type GcmHost } from './consent/gcm.js'
export { watchTcfConsent, toConsentState, type TcData, type TcfHost } from './consent/tcf.js'
