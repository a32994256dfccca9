import type { RelayConfigInput } from './relay-config.schema.js'
import { RelayConfigError } from './relay-config.schema.js'
import { ingestOptionsFromEnv } from './ingest-options-from-env.js'

type Env = Readonly<Record<string, string | undefined>>

/**
 * Env variable → config key, per destination. The first variable is the one that switches the platform
 * on; the rest are read only then.
 */
const DESTINATION_VARIABLES = {
  meta: {
    pixelId: 'PAIRTRACK_META_PIXEL_ID',
    accessToken: 'PAIRTRACK_META_ACCESS_TOKEN',
    apiVersion: 'PAIRTRACK_META_API_VERSION',
    testEventCode: 'PAIRTRACK_META_TEST_EVENT_CODE',
    endpoint: 'PAIRTRACK_META_ENDPOINT',
  },
  ga4: {
    measurementId: 'PAIRTRACK_GA4_MEASUREMENT_ID',
    apiSecret: 'PAIRTRACK_GA4_API_SECRET',
    endpoint: 'PAIRTRACK_GA4_ENDPOINT',
  },
  tiktok: {
    pixelCode: 'PAIRTRACK_TIKTOK_PIXEL_CODE',
    accessToken: 'PAIRTRACK_TIKTOK_ACCESS_TOKEN',
    testEventCode: 'PAIRTRACK_TIKTOK_TEST_EVENT_CODE',
    endpoint: 'PAIRTRACK_TIKTOK_ENDPOINT',
  },
} as const

const NUMBER_VARIABLES = {
  lingerMs: 'PAIRTRACK_LINGER_MS',
  deliveryTimeoutMs: 'PAIRTRACK_DELIVERY_TIMEOUT_MS',
  shutdownDeadlineMs: 'PAIRTRACK_SHUTDOWN_DEADLINE_MS',
  retentionDays: 'PAIRTRACK_RETENTION_DAYS',
} as const

const STRING_VARIABLES = {
  store: 'PAIRTRACK_STORE',
  defaultCountry: 'PAIRTRACK_DEFAULT_COUNTRY',
  defaultConsent: 'PAIRTRACK_DEFAULT_CONSENT',
  recordSuppressed: 'PAIRTRACK_RECORD_SUPPRESSED',
  logLevel: 'PAIRTRACK_LOG_LEVEL',
} as const

const read = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

/**
 * Reads the relay config from environment variables (documented in the README). A platform is on when
 * its id variable is set (PAIRTRACK_META_PIXEL_ID, PAIRTRACK_GA4_MEASUREMENT_ID, PAIRTRACK_TIKTOK_PIXEL_CODE);
 * the values are then checked by createRelay like any config. A number variable that is not a number
 * throws RelayConfigError naming it.
 * @example createRelay(relayConfigFromEnv())
 */
export function relayConfigFromEnv(env: Env = process.env): RelayConfigInput {
  const config: Record<string, unknown> = {}
  for (const [destination, variables] of Object.entries(DESTINATION_VARIABLES)) {
    const [idKey, idVariable] = Object.entries(variables)[0]!
    if (read(env, idVariable) === undefined) continue
    const options: Record<string, string> = { [idKey]: read(env, idVariable)! }
    for (const [key, variable] of Object.entries(variables)) {
      const value = read(env, variable)
      if (value !== undefined) options[key] = value
    }
    config[destination] = options
  }
  for (const [key, variable] of Object.entries(STRING_VARIABLES)) {
    const value = read(env, variable)
    if (value !== undefined) config[key] = value
  }
  for (const [key, variable] of Object.entries(NUMBER_VARIABLES)) {
    const value = read(env, variable)
    if (value === undefined) continue
    const number = Number(value)
    if (!Number.isFinite(number)) throw new RelayConfigError([{ path: variable, message: `${variable} must be a number` }])
    config[key] = number
  }
  // The public-ingest options (signing secret, origins, rate limit, bot filter…): ingest-options-from-env.ts.
  Object.assign(config, ingestOptionsFromEnv(env))
  return config as RelayConfigInput
}
