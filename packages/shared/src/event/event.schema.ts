import { z } from 'zod'
import { ConsentStateSchema } from '../consent/consent.schema.js'
import { GA4_MAX_ADDRESSES, GA4_MAX_EMAILS_OR_PHONES } from '../user-data/hashed-user-data.js'

/**
 * The one event shape: the beacon body, `relay.track()` and the stored record all use it. Keys are
 * snake_case like the platforms'. Limits keep one hostile beacon from costing more than a normal one.
 */

const MAX_STRING = 1024
const MAX_URL = 2048
const MAX_LIST = 10

const text = (max = MAX_STRING) => z.string().max(max)
const oneOrMany = z.union([text(), z.array(text()).max(MAX_LIST)])

/** Raw user data as a site sends it: PII in clear text, hashed at ingestion by the relay. */
export const RawUserDataSchema = z
  .object({
    email: oneOrMany.optional(),
    phone: oneOrMany.optional(),
    first_name: text().optional(),
    last_name: text().optional(),
    /** Street address (GA4 `sha256_street` only: Meta and TikTok take no street). */
    street: text().optional(),
    city: text().optional(),
    state: text().optional(),
    zip: text().optional(),
    country: text().optional(),
    gender: text().optional(),
    date_of_birth: text().optional(),
    external_id: oneOrMany.optional(),
    client_ip_address: text(64).optional(),
    client_user_agent: text().optional(),
    fbp: text().optional(),
    fbc: text().optional(),
    ga_client_id: text(128).optional(),
    ga_session_id: text(128).optional(),
    ttclid: text().optional(),
    ttp: text().optional(),
    gclid: text().optional(),
  })
  .strict()
export type RawUserData = z.infer<typeof RawUserDataSchema>

// A lowercase SHA-256 hex digest, as the relay itself hashes (platforms.md 1.3, 2.3, 3.3).
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase SHA-256 hex digest')
const sha256List = (max: number) => z.array(sha256Hex).min(1).max(max)

/**
 * User data the page hashed itself (`hashInBrowser: true`): per platform, the hashed keys of the relay's
 * own hashed layout (`HashedUserData`), each already normalised the platform's way and SHA-256 hashed,
 * because one digest cannot serve every platform (Meta hashes a phone without `+`, Google removes gmail
 * dots). Hashes only: the keys platforms take in clear (GA4's address city/region/postal code/country,
 * TikTok's city/state/country) are not accepted here, and the never-hashed ids (IP, user agent, fbp, fbc,
 * GA client id, ttp, ttclid, gclid) stay in `user_data`. The relay checks each digest and uses it as it is.
 */
export const BrowserHashedUserDataSchema = z
  .object({
    meta: z
      .object({
        em: sha256List(MAX_LIST),
        ph: sha256List(MAX_LIST),
        fn: sha256List(1),
        ln: sha256List(1),
        ge: sha256List(1),
        db: sha256List(1),
        ct: sha256List(1),
        st: sha256List(1),
        zp: sha256List(1),
        country: sha256List(1),
        external_id: sha256List(MAX_LIST),
      })
      .partial()
      .strict(),
    ga4: z
      .object({
        sha256_email_address: sha256List(GA4_MAX_EMAILS_OR_PHONES),
        sha256_phone_number: sha256List(GA4_MAX_EMAILS_OR_PHONES),
        address: z
          .array(z.object({ sha256_first_name: sha256Hex, sha256_last_name: sha256Hex, sha256_street: sha256Hex }).partial().strict())
          .min(1)
          .max(GA4_MAX_ADDRESSES),
      })
      .partial()
      .strict(),
    tiktok: z
      .object({
        email: sha256List(MAX_LIST),
        phone: sha256List(MAX_LIST),
        external_id: sha256List(MAX_LIST),
        first_name: sha256Hex,
        last_name: sha256Hex,
        zip_code: sha256Hex,
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict()
export type BrowserHashedUserData = z.infer<typeof BrowserHashedUserDataSchema>

export const ContentItemSchema = z
  .object({
    id: text(256),
    quantity: z.number().int().nonnegative().max(1e6).optional(),
    item_price: z.number().finite().nonnegative().optional(),
    title: text(256).optional(),
    brand: text(256).optional(),
    category: text(256).optional(),
  })
  .strict()
export type ContentItem = z.infer<typeof ContentItemSchema>

// ContentItem[] is in the union so that the inferred index signature admits the typed `contents` key.
const customValue = z.union([
  z.string().max(MAX_STRING),
  z.number().finite(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string().max(MAX_STRING), z.number().finite()])).max(100),
  z.array(ContentItemSchema).max(100),
])

// Custom properties are flat (no nested objects but `contents`), so the schema bounds the depth of an event
// at five levels; these bound its breadth. GA4 takes 25 parameters per event and 40-character names
// (platforms.md 2.2): 100 keys of up to 100 characters leave room for every platform without letting one
// beacon carry thousands of keys.
const MAX_CUSTOM_KEYS = 100
const MAX_CUSTOM_KEY = 100

/** Event properties; the named keys are typed, other keys pass through as flat custom properties. */
export const CustomDataSchema = z
  .object({
    value: z.number().finite().nonnegative().max(1e12).optional(),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'currency must be a three-letter ISO 4217 code')
      .transform((c) => c.toUpperCase())
      .optional(),
    order_id: text(256).optional(),
    content_ids: z.array(text(256)).max(100).optional(),
    contents: z.array(ContentItemSchema).max(100).optional(),
    content_type: text(64).optional(),
    content_name: text(256).optional(),
    content_category: text(256).optional(),
    num_items: z.number().int().nonnegative().max(1e6).optional(),
    search_string: text().optional(),
    status: text(64).optional(),
    predicted_ltv: z.number().finite().optional(),
  })
  .catchall(customValue)
  .refine((data) => Object.keys(data).length <= MAX_CUSTOM_KEYS, `custom_data holds at most ${MAX_CUSTOM_KEYS} keys`)
  .refine(
    (data) => Object.keys(data).every((key) => key.length > 0 && key.length <= MAX_CUSTOM_KEY),
    `custom_data keys are 1 to ${MAX_CUSTOM_KEY} characters long`,
  )
export type CustomData = z.infer<typeof CustomDataSchema>

/** What each pixel on the page did with the event: the relay keeps it to tell paired from server-only events. */
export const PixelStatusSchema = z.enum(['fired', 'absent', 'threw'])
export type PixelStatus = z.infer<typeof PixelStatusSchema>

export const PixelReportSchema = z
  .object({ meta: PixelStatusSchema, ga4: PixelStatusSchema, tiktok: PixelStatusSchema })
  .partial()
  .strict()
export type PixelReport = z.infer<typeof PixelReportSchema>

/** Meta's action_source values (platforms.md 1.2); the relay lowercases nothing: send them as listed. */
export const ActionSourceSchema = z.enum([
  'website',
  'email',
  'app',
  'phone_call',
  'chat',
  'physical_store',
  'system_generated',
  'business_messaging',
  'other',
])
export type ActionSource = z.infer<typeof ActionSourceSchema>

/** Longest signed event token (`relay.sign()`); a real one is about 200 characters. */
export const MAX_EVENT_TOKEN = 1024

// Unix seconds now are ~1.8e9; a value above 1e11 is milliseconds (a common bug), rejected with that reason.
const MAX_UNIX_SECONDS = 1e11

export const TrackEventSchema = z
  .object({
    event_name: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z][A-Za-z0-9_ -]*$/, 'event_name must start with a letter and hold letters, digits, _ - or space'),
    event_id: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\x21-\x7e]+$/, 'event_id must be printable ASCII without spaces'),
    event_time: z
      .number()
      .int()
      .positive()
      .max(MAX_UNIX_SECONDS, 'event_time must be unix seconds, not milliseconds')
      .optional(),
    event_source_url: z.url({ protocol: /^https?$/ }).max(MAX_URL).optional(),
    action_source: ActionSourceSchema.optional(),
    custom_data: CustomDataSchema.optional(),
    user_data: RawUserDataSchema.optional(),
    /** Per-platform hashes made on the page (`hashInBrowser: true`); merged over what the relay hashes from `user_data`. */
    hashed_user_data: BrowserHashedUserDataSchema.optional(),
    consent: ConsentStateSchema.optional(),
    pixels: PixelReportSchema.optional(),
    /**
     * A signed token the site's server minted for this event (`relay.sign()`), passed by the page as
     * `track(…, { eventId, token })`. The relay checks it for events whose policy is `signed`; it is not stored.
     */
    token: z
      .string()
      .min(1)
      .max(MAX_EVENT_TOKEN)
      .regex(/^[A-Za-z0-9._-]+$/, 'token must be a token minted by relay.sign()')
      .optional(),
  })
  .strict()
export type TrackEvent = z.input<typeof TrackEventSchema>
export type ParsedTrackEvent = z.output<typeof TrackEventSchema>

/** Most events one beacon may carry (the browser batches events tracked in the same tick). */
export const MAX_EVENTS_PER_BEACON = 50

/** A beacon body: one event, or an array of events validated one by one. */
export const BeaconBodySchema = z.union([TrackEventSchema, z.array(TrackEventSchema).min(1).max(MAX_EVENTS_PER_BEACON)])
export type BeaconBody = z.input<typeof BeaconBodySchema>
