import { z } from 'zod'

export const ConsentSignalSchema = z.enum(['granted', 'denied'])
export type ConsentSignal = z.infer<typeof ConsentSignalSchema>

/**
 * One consent state for the browser, the beacon, `relay.track()` and the stored record: the four Google
 * Consent Mode v2 signals plus Limited Data Use (US state privacy laws). A missing signal means
 * "not stated"; the relay's `defaultConsent` fills it.
 */
export const ConsentStateSchema = z
  .object({
    ad_storage: ConsentSignalSchema.optional(),
    analytics_storage: ConsentSignalSchema.optional(),
    ad_user_data: ConsentSignalSchema.optional(),
    ad_personalization: ConsentSignalSchema.optional(),
    limited_data_use: z.boolean().optional(),
  })
  .strict()
export type ConsentState = z.infer<typeof ConsentStateSchema>
