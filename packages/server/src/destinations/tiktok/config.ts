import { z } from 'zod'
import { TIKTOK_ENDPOINT } from './api-version.js'

/**
 * TikTok destination options. Unknown keys are refused so that a misspelt option is named at startup.
 * @example TiktokConfigSchema.parse({ pixelCode: 'C4ABC', accessToken: 't' }).endpoint // 'https://business-api.tiktok.com'
 */
export const TiktokConfigSchema = z
  .object({
    /** The pixel code (Events Manager), sent as `event_source_id`. */
    pixelCode: z
      .string({ error: 'pixelCode is required' })
      .regex(/^[A-Za-z0-9]+$/, 'pixelCode must be the pixel code: letters and digits'),
    /** Events API access token; sent in the `Access-Token` header, never logged. */
    accessToken: z.string({ error: 'accessToken is required' }).min(1, 'accessToken must not be empty'),
    /** Events Manager → Test events code (platforms.md 3.5). */
    testEventCode: z.string({ error: 'testEventCode must be a string' }).min(1, 'testEventCode must not be empty').optional(),
    /** Business API host (tests point it at the testkit). @default 'https://business-api.tiktok.com' */
    endpoint: z
      .url({ protocol: /^https?$/, error: 'endpoint must be an http(s) URL' })
      .transform((url) => url.replace(/\/+$/, ''))
      .default(TIKTOK_ENDPOINT),
  })
  .strict()
export type TiktokConfig = z.infer<typeof TiktokConfigSchema>
