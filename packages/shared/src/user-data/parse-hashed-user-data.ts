import { err, ok, type Result } from '../result.js'
import { GA4_MAX_ADDRESSES, GA4_MAX_EMAILS_OR_PHONES, type HashedUserData } from './hashed-user-data.js'
import { isSha256 } from './is-sha256.js'

/** Where hashed user data from outside failed the check, and why. */
export type HashedUserDataIssue = { path: string; problem: string }

// The longest list and clear string accepted: the raw event schema's limits (event.schema.ts).
const MAX_LIST = 10
const MAX_TEXT = 1024

type Rule = 'hash' | 'hashes' | 'text'

// Every key of the HashedUserData layout and what its value must be (the slots of map-hashed-slots.ts).
const rulesFor = (keys: string, rule: Rule): Readonly<Record<string, Rule>> =>
  Object.fromEntries(keys.split(' ').map((key) => [key, rule]))
const META: Readonly<Record<string, Rule>> = rulesFor('em ph fn ln ge db ct st zp country external_id', 'hashes')
const GA4_LISTS: Readonly<Record<string, Rule>> = rulesFor('sha256_email_address sha256_phone_number', 'hashes')
const GA4_ADDRESS: Readonly<Record<string, Rule>> = {
  ...rulesFor('sha256_first_name sha256_last_name sha256_street', 'hash'),
  ...rulesFor('city region postal_code country', 'text'),
}
const TIKTOK: Readonly<Record<string, Rule>> = {
  ...rulesFor('email phone external_id', 'hashes'),
  ...rulesFor('first_name last_name zip_code', 'hash'),
  ...rulesFor('city state country', 'text'),
}
const IDS: Readonly<Record<string, Rule>> = rulesFor(
  'client_ip_address client_user_agent fbp fbc ga_client_id ga_session_id ttclid ttp gclid',
  'text',
)
const SECTIONS = new Set(['meta', 'ga4', 'tiktok', 'ids'])

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isHash = (value: unknown) => typeof value === 'string' && isSha256(value) && value === value.toLowerCase()
const isText = (value: unknown) => typeof value === 'string' && value.trim() !== '' && value.length <= MAX_TEXT

function checkValue(rule: Rule, value: unknown, path: string, maxList = MAX_LIST): HashedUserDataIssue | undefined {
  if (rule === 'text') return isText(value) ? undefined : { path, problem: `must be a non-empty string of at most ${MAX_TEXT} characters` }
  if (rule === 'hash') return isHash(value) ? undefined : { path, problem: 'must be a lowercase SHA-256 hex digest' }
  if (!Array.isArray(value) || value.length === 0 || value.length > maxList) {
    return { path, problem: `must be a list of 1 to ${maxList} lowercase SHA-256 hex digests` }
  }
  const bad = value.findIndex((item) => !isHash(item))
  return bad === -1 ? undefined : { path: `${path}[${bad}]`, problem: 'must be a lowercase SHA-256 hex digest' }
}

function checkRecord(value: unknown, rules: Readonly<Record<string, Rule>>, path: string, maxList?: number): HashedUserDataIssue | undefined {
  if (!isRecord(value)) return { path, problem: 'must be an object' }
  for (const [key, item] of Object.entries(value)) {
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined
    if (rule === undefined) return { path: `${path}.${key}`, problem: 'is not a known key' }
    const issue = checkValue(rule, item, `${path}.${key}`, maxList)
    if (issue) return issue
  }
  return undefined
}

function checkGa4Address(value: unknown): HashedUserDataIssue | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value) || value.length === 0 || value.length > GA4_MAX_ADDRESSES) {
    return { path: 'ga4.address', problem: `must be a list of 1 to ${GA4_MAX_ADDRESSES} addresses` }
  }
  for (const [index, address] of value.entries()) {
    const issue = checkRecord(address, GA4_ADDRESS, `ga4.address[${index}]`)
    if (issue) return issue
  }
  return undefined
}

/**
 * The acceptance path for `hashInBrowser: true`: user data a page hashed itself with `hashUserDataAsync`
 * (`{ meta, ga4, tiktok, ids }`), checked key by key (hashed slots must hold lowercase SHA-256 hex, clear
 * slots non-empty strings, GA4's list limits hold, no unknown key) and accepted as it is. Never hashed again.
 * @example parseHashedUserData({ meta: { em: ['62a1…'] } }) // ok(HashedUserData)
 */
export function parseHashedUserData(value: unknown): Result<HashedUserData, HashedUserDataIssue> {
  if (!isRecord(value)) return err({ path: '', problem: 'must be an object' })
  for (const key of Object.keys(value)) if (!SECTIONS.has(key)) return err({ path: key, problem: 'is not a known key' })
  const { meta = {}, ga4 = {}, tiktok = {}, ids = {} } = value
  if (!isRecord(ga4)) return err({ path: 'ga4', problem: 'must be an object' })
  const { address, ...ga4Lists } = ga4
  const issue =
    checkRecord(meta, META, 'meta') ??
    checkRecord(ga4Lists, GA4_LISTS, 'ga4', GA4_MAX_EMAILS_OR_PHONES) ??
    checkGa4Address(address) ??
    checkRecord(tiktok, TIKTOK, 'tiktok') ??
    checkRecord(ids, IDS, 'ids')
  if (issue) return err(issue)
  // A deep copy, so that later changes to the caller's object cannot reach the accepted data.
  return ok(structuredClone({ meta, ga4, tiktok, ids }) as HashedUserData)
}
