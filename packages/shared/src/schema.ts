// Entry "./schema": zod schemas and Node-side helpers for the relay and the testkit. Never imported by the
// browser core bundle.
export {
  TrackEventSchema,
  BeaconBodySchema,
  RawUserDataSchema,
  CustomDataSchema,
  ContentItemSchema,
  PixelStatusSchema,
  PixelReportSchema,
  ActionSourceSchema,
  MAX_EVENTS_PER_BEACON,
} from './event/event.schema.js'
export { ConsentStateSchema, ConsentSignalSchema } from './consent/consent.schema.js'
// The user-data exports below are also in the main entry (index.ts); they stay here for the relay code
// that imports them from "./schema".
export { hashUserData, type HashUserDataOptions } from './user-data/hash-user-data.js'
export {
  fromStoredHashedUserData,
  type HashedUserData,
  type HashedUserDataFields,
  type MetaHashedUserData,
  type Ga4HashedUserData,
  type TiktokHashedUserData,
  type PlainIdentifiers,
} from './user-data/hashed-user-data.js'
export { normalizeEmail, toGoogleEmail } from './user-data/normalize/email.js'
export type { NormalizeError } from './user-data/normalize/normalize-error.js'
export { normalizePhone, toMetaPhone } from './user-data/normalize/phone.js'
