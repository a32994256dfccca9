// Entry "./schema": zod schemas and Node-side helpers for the relay and the testkit. Never imported by the
// browser core bundle.
export {
  TrackEventSchema,
  BeaconBodySchema,
  RawUserDataSchema,
  BrowserHashedUserDataSchema,
  CustomDataSchema,
  ContentItemSchema,
  PixelStatusSchema,
  PixelReportSchema,
  ActionSourceSchema,
  MAX_EVENTS_PER_BEACON,
} from './event/event.schema.js'
export { ConsentStateSchema, ConsentSignalSchema } from './consent/consent.schema.js'
