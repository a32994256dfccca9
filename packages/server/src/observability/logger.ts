import { pino, type DestinationStream } from 'pino'
import type { RelayLogger } from '../config/relay-config.schema.js'

/**
 * Paths pino blanks out. The relay never hands raw PII or tokens to the logger (they are hashed or left
 * out first); this list is the second line of defence should a field slip through.
 */
export const REDACTED_LOG_PATHS = [
  'user_data',
  '*.user_data',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'first_name',
  '*.first_name',
  'last_name',
  '*.last_name',
  'accessToken',
  '*.accessToken',
  'apiSecret',
  '*.apiSecret',
  'access_token',
  '*.access_token',
  'api_secret',
  '*.api_secret',
  'req.headers.cookie',
  'req.headers.authorization',
]

export type RelayLoggerOptions = {
  level: string
  /** Where lines go. @default stdout */
  destination?: DestinationStream
}

/**
 * The relay's default logger: pino, JSON lines, with redaction.
 * @example createRelayLogger({ level: 'debug' }).info({ events: 1 }, 'accepted')
 */
export function createRelayLogger(options: RelayLoggerOptions): RelayLogger {
  const settings = { name: 'pairtrack', level: options.level, redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } }
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination)
}
