import { z } from 'zod'
import { GA4_ENDPOINT } from './api-version.js'

/**
 * GA4 destination options. Unknown keys are refused so that a misspelt option is named at startup.
 * @example Ga4ConfigSchema.parse({ measurementId: 'G-ABC123', apiSecret: 's' }).endpoint // 'https://www.google-analytics.com'
 */
export const Ga4ConfigSchema = z
  .object({
    /** The web stream's measurement id, G-XXXXXXX. */
    measurementId: z
      .string({ error: 'measurementId is required (G-XXXXXXX)' })
      .regex(/^G-[A-Z0-9]+$/, 'measurementId must look like G-XXXXXXX'),
    /** Measurement Protocol API secret (Admin → Data streams); sent as a query parameter, never logged. */
    apiSecret: z.string({ error: 'apiSecret is required' }).min(1, 'apiSecret must not be empty'),
    /** Collection host; https://region1.google-analytics.com for EU processing. @default 'https://www.google-analytics.com' */
    endpoint: z
      .url({ protocol: /^https?$/, error: 'endpoint must be an http(s) URL' })
      .transform((url) => url.replace(/\/+$/, ''))
      .default(GA4_ENDPOINT),
  })
  .strict()
export type Ga4Config = z.infer<typeof Ga4ConfigSchema>
