import { RelayConfigError } from './relay-config.schema.js'

type Env = Readonly<Record<string, string | undefined>>

const read = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}
const list = (value: string): string[] => value.split(',').map((item) => item.trim()).filter((item) => item !== '')
const fail = (variable: string, message: string): never => {
  throw new RelayConfigError([{ path: variable, message: `${variable} ${message}` }])
}
const number = (env: Env, variable: string): number | undefined => {
  const value = read(env, variable)
  if (value === undefined) return undefined
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : fail(variable, 'must be a number')
}
const flag = (env: Env, variable: string): boolean | undefined => {
  const value = read(env, variable)?.toLowerCase()
  if (value === undefined) return undefined
  if (['1', 'true', 'on', 'yes'].includes(value)) return true
  if (['0', 'false', 'off', 'no'].includes(value)) return false
  return fail(variable, 'must be true or false')
}

/**
 * The public-ingest options from the environment (documented in the README, Security); only the variables set
 * appear in the result:
 * - PAIRTRACK_SIGNING_SECRET, PAIRTRACK_PREVIOUS_SIGNING_SECRETS (comma-separated)
 * - PAIRTRACK_ALLOWED_EVENTS (comma-separated), PAIRTRACK_EVENT_POLICIES (`Purchase=signed,Lead=open`)
 * - PAIRTRACK_ALLOWED_ORIGINS (comma-separated origins, or `*`)
 * - PAIRTRACK_RATE_LIMIT (`off`), PAIRTRACK_RATE_LIMIT_MAX, PAIRTRACK_RATE_LIMIT_WINDOW_MS
 * - PAIRTRACK_BOT_FILTER (`off`), PAIRTRACK_BOT_FILTER_ALLOW (comma-separated user-agent pieces)
 * - PAIRTRACK_METRICS_ROUTE (`true`/`false`)
 * @example ingestOptionsFromEnv({ PAIRTRACK_ALLOWED_ORIGINS: 'https://shop.example' }) // { allowedOrigins: ['https://shop.example'] }
 */
export function ingestOptionsFromEnv(env: Env): Record<string, unknown> {
  const config: Record<string, unknown> = {}
  const signingSecret = read(env, 'PAIRTRACK_SIGNING_SECRET')
  if (signingSecret !== undefined) config.signingSecret = signingSecret
  const previous = read(env, 'PAIRTRACK_PREVIOUS_SIGNING_SECRETS')
  if (previous !== undefined) config.previousSigningSecrets = list(previous)
  const events = read(env, 'PAIRTRACK_ALLOWED_EVENTS')
  if (events !== undefined) config.allowedEvents = list(events)
  const policies = read(env, 'PAIRTRACK_EVENT_POLICIES')
  if (policies !== undefined) {
    config.eventPolicies = Object.fromEntries(
      list(policies).map((pair) => {
        const [name, policy, ...rest] = pair.split('=').map((part) => part.trim())
        return name && policy && rest.length === 0 ? [name, policy] : fail('PAIRTRACK_EVENT_POLICIES', 'must read like Purchase=signed,Lead=open')
      }),
    )
  }
  const origins = read(env, 'PAIRTRACK_ALLOWED_ORIGINS')
  if (origins !== undefined) config.allowedOrigins = origins === '*' ? '*' : list(origins)
  if (flag(env, 'PAIRTRACK_RATE_LIMIT') === false) config.rateLimit = false
  else {
    const max = number(env, 'PAIRTRACK_RATE_LIMIT_MAX')
    const windowMs = number(env, 'PAIRTRACK_RATE_LIMIT_WINDOW_MS')
    if (max !== undefined || windowMs !== undefined) config.rateLimit = { ...(max !== undefined ? { max } : {}), ...(windowMs !== undefined ? { windowMs } : {}) }
  }
  const allow = read(env, 'PAIRTRACK_BOT_FILTER_ALLOW')
  if (flag(env, 'PAIRTRACK_BOT_FILTER') === false) config.botFilter = false
  else if (allow !== undefined) config.botFilter = { allow: list(allow) }
  const metricsRoute = flag(env, 'PAIRTRACK_METRICS_ROUTE')
  if (metricsRoute !== undefined) config.metricsRoute = metricsRoute
  return config
}
