import { isLowerSha256 } from '../../hashed-value.js'
import { ga4Message, type Ga4ValidationMessage } from './ga4-validation-message.js'

// platforms.md 2.3: up to 3 emails/phones and 2 addresses; names and street hashed, the rest of the address plain.
const MAX_EMAILS_OR_PHONES = 3
const MAX_ADDRESSES = 2
const HASHED_ADDRESS_KEYS = ['sha256_first_name', 'sha256_last_name', 'sha256_street'] as const
const PLAIN_ADDRESS_KEYS = ['city', 'region', 'postal_code', 'country'] as const

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value])

function validateHashedList(value: unknown, path: string, max: number): Ga4ValidationMessage[] {
  if (value === undefined) return []
  const list = asList(value)
  if (list.length > max) return [ga4Message(path, `At most ${max} values are allowed.`, 'EXCEEDED_MAX_ENTITIES')]
  return list.every(isLowerSha256)
    ? []
    : [ga4Message(path, 'Values must be hex-encoded SHA-256 digests (64 lowercase hex characters).', 'VALUE_INVALID')]
}

function validateAddress(address: unknown, path: string): Ga4ValidationMessage[] {
  if (typeof address !== 'object' || address === null || Array.isArray(address)) {
    return [ga4Message(path, 'address must be an object', 'VALUE_INVALID')]
  }
  const fields = address as Record<string, unknown>
  const messages: Ga4ValidationMessage[] = []
  for (const key of HASHED_ADDRESS_KEYS) {
    if (fields[key] !== undefined && !isLowerSha256(fields[key])) {
      messages.push(ga4Message(`${path}.${key}`, 'Value must be a hex-encoded SHA-256 digest.', 'VALUE_INVALID'))
    }
  }
  for (const key of PLAIN_ADDRESS_KEYS) {
    if (fields[key] !== undefined && typeof fields[key] !== 'string') {
      messages.push(ga4Message(`${path}.${key}`, 'Value must be a string.', 'VALUE_INVALID'))
    }
  }
  return messages
}

/**
 * Checks MP `user_data` (platforms.md 2.3): SHA-256 hex fields, list limits, address shape.
 * @example validateGa4UserData({ sha256_email_address: 'a@b.c' }, 'user_data')[0]?.validationCode // 'VALUE_INVALID'
 */
export function validateGa4UserData(userData: unknown, path: string): Ga4ValidationMessage[] {
  if (userData === undefined) return []
  if (typeof userData !== 'object' || userData === null || Array.isArray(userData)) {
    return [ga4Message(path, 'user_data must be an object', 'VALUE_INVALID')]
  }
  const fields = userData as Record<string, unknown>
  const messages = [
    ...validateHashedList(fields.sha256_email_address, `${path}.sha256_email_address`, MAX_EMAILS_OR_PHONES),
    ...validateHashedList(fields.sha256_phone_number, `${path}.sha256_phone_number`, MAX_EMAILS_OR_PHONES),
  ]
  if (fields.address !== undefined) {
    const addresses = asList(fields.address)
    if (addresses.length > MAX_ADDRESSES) {
      messages.push(ga4Message(`${path}.address`, `At most ${MAX_ADDRESSES} addresses are allowed.`, 'EXCEEDED_MAX_ENTITIES'))
    }
    addresses.forEach((address, index) => messages.push(...validateAddress(address, `${path}.address[${index}]`)))
  }
  return messages
}
