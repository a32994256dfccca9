import { z } from 'zod'
import { META_API_VERSION, META_ENDPOINT } from './api-version.js'

/**
 * Meta destination options. Unknown keys are refused so that a misspelt option is named at startup.
 * @example MetaConfigSchema.parse({ pixelId: '123', accessToken: 'EAAB…' }).apiVersion // 'v25.0'
 */
export const MetaConfigSchema = z
  .object({
    /** The pixel (dataset) id: digits only. */
    pixelId: z
      .string({ error: 'pixelId is required (the numeric pixel/dataset id)' })
      .regex(/^\d+$/, 'pixelId must be the numeric pixel/dataset id'),
    /** Conversions API access token; sent as the `access_token` query parameter, never logged. */
    accessToken: z.string({ error: 'accessToken is required' }).min(1, 'accessToken must not be empty'),
    /** Graph API version, e.g. v25.0. @default META_API_VERSION */
    apiVersion: z
      .string({ error: 'apiVersion must be a string like v25.0' })
      .regex(/^v\d+\.\d+$/, 'apiVersion must look like v25.0')
      .default(META_API_VERSION),
    /** Events Manager → Test Events code; remove it in production (platforms.md 1.5). */
    testEventCode: z.string({ error: 'testEventCode must be a string' }).min(1, 'testEventCode must not be empty').optional(),
    /** Graph host (tests point it at the testkit). @default 'https://graph.facebook.com' */
    endpoint: z
      .url({ protocol: /^https?$/, error: 'endpoint must be an http(s) URL' })
      .transform((url) => url.replace(/\/+$/, ''))
      .default(META_ENDPOINT),
  })
  .strict()
export type MetaConfig = z.infer<typeof MetaConfigSchema>
