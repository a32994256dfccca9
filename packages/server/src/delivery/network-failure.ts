import type { NetworkFailure } from '../destinations/destination.js'
import { redactSecrets } from './redact-secrets.js'

type ErrorLike = { code?: unknown; name?: unknown; message?: unknown; cause?: unknown }

const CODES: ReadonlyArray<[NetworkFailure['code'], readonly string[]]> = [
  ['timeout', ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'TimeoutError']],
  // undici's "other side closed" is UND_ERR_SOCKET: the peer dropped the connection mid-request.
  ['connection_reset', ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']],
  ['connection_refused', ['ECONNREFUSED']],
  ['dns', ['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']],
]

/**
 * Maps whatever undici threw (or its `cause`) to a NetworkFailure; the message has the secrets redacted.
 * @example toNetworkFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), [])
 * // { kind: 'network_error', code: 'connection_refused', message: 'connect ECONNREFUSED' }
 */
export function toNetworkFailure(error: unknown, secrets: readonly string[]): NetworkFailure {
  const chain: ErrorLike[] = []
  for (let e: unknown = error; isErrorLike(e) && chain.length < 5; e = e.cause) chain.push(e)
  const names = chain.flatMap((e) => [e.code, e.name]).filter((v): v is string => typeof v === 'string')
  const code = CODES.find(([, known]) => known.some((k) => names.includes(k)))?.[0] ?? 'other'
  const message = chain.map((e) => e.message).find((m): m is string => typeof m === 'string' && m !== '') ?? String(error)
  return { kind: 'network_error', code, message: redactSecrets(message, secrets) }
}

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null
}
