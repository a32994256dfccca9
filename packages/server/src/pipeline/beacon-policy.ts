import { err, ok, STANDARD_EVENTS, type ParsedTrackEvent, type Result } from '@pairtrack/shared'
import type { IngestError } from './ingest-error.js'
import { matchesClaims, verifyEventToken } from './event-token.js'

/**
 * What the relay asks of a browser event by name:
 * - `open`: accepted as it comes;
 * - `signed`: accepted only with a token from `relay.sign()` matching its id, name, value and currency;
 * - `server-only`: never from a browser; only `relay.track()` sends it.
 */
export type EventPolicy = 'signed' | 'open' | 'server-only'

/**
 * The events a forger gains most from faking: those that carry money. A site's `eventPolicies` is laid over
 * this; any other event is `open`.
 */
export const DEFAULT_EVENT_POLICIES: Readonly<Record<string, EventPolicy>> = Object.freeze({
  Purchase: 'signed',
  Subscribe: 'signed',
  StartTrial: 'signed',
})

/** Browser event names accepted by default: the standard events (PageView included). Custom names are opt-in. */
export const DEFAULT_ALLOWED_EVENTS: readonly string[] = Object.freeze(Object.keys(STANDARD_EVENTS))

export type BeaconPolicyOptions = {
  /** Names a browser may send. */
  allowedEvents: readonly string[]
  /** The site's own policies, laid over DEFAULT_EVENT_POLICIES; a name given `open` or `signed` here is allowed too. */
  eventPolicies: Readonly<Record<string, EventPolicy>>
  /** The secret that signs, then any being rotated out; empty when the relay has none (signed events are then refused). */
  signingSecrets: readonly string[]
  now: () => number
}

/** Checks a beacon's events against the policy; the first event at fault refuses the whole beacon. */
export type BeaconPolicy = {
  check(events: readonly ParsedTrackEvent[]): Result<readonly ParsedTrackEvent[], IngestError>
  /** The policy the relay applies to a name. @example policyOf('Purchase') // 'signed' */
  policyOf(eventName: string): EventPolicy
}

/**
 * The browser-side gate: allowed names, per-event policy, token checks. `relay.track()` never passes
 * through it (the site's own server is trusted).
 * @example createBeaconPolicy({ allowedEvents: DEFAULT_ALLOWED_EVENTS, eventPolicies: {}, signingSecrets: [secret], now: Date.now })
 */
export function createBeaconPolicy(options: BeaconPolicyOptions): BeaconPolicy {
  const policies: Record<string, EventPolicy> = { ...DEFAULT_EVENT_POLICIES, ...options.eventPolicies }
  const allowed = new Set(options.allowedEvents)
  for (const [name, policy] of Object.entries(options.eventPolicies)) if (policy !== 'server-only') allowed.add(name)
  const policyOf = (name: string): EventPolicy => (Object.hasOwn(policies, name) ? policies[name]! : 'open')

  const checkOne = (event: ParsedTrackEvent, path: string): IngestError | null => {
    const name = event.event_name
    const policy = policyOf(name)
    const refuse = (code: IngestError['code'], message: string, field = 'event_name'): IngestError => ({
      code,
      message,
      issues: [{ path: `${path}${field}`, message }],
    })
    if (policy === 'server-only') return refuse('server_only', `${name} is sent by the site's server only (relay.track())`)
    if (!allowed.has(name)) return refuse('event_not_allowed', `${name} is not among the events this relay accepts from browsers`)
    if (policy === 'open') return null
    if (event.token === undefined) {
      return refuse('token_missing', `${name} needs a token from relay.sign(): pass it as track(name, data, user, { eventId, token })`, 'token')
    }
    if (options.signingSecrets.length === 0) return refuse('token_invalid', 'the relay has no signingSecret to check tokens with', 'token')
    const claims = verifyEventToken(event.token, options.signingSecrets, options.now())
    if (!claims.ok) {
      return claims.error === 'token_expired'
        ? refuse('token_expired', 'the token has expired; mint a fresh one with relay.sign()', 'token')
        : refuse('token_invalid', 'the token was not signed by this relay', 'token')
    }
    const subject = { eventName: name, eventId: event.event_id, value: event.custom_data?.value, currency: event.custom_data?.currency }
    return matchesClaims(claims.value, subject)
      ? null
      : refuse('token_mismatch', 'the token was minted for another event id, name, value or currency', 'token')
  }

  return {
    policyOf,
    check(events) {
      for (const [index, event] of events.entries()) {
        const refusal = checkOne(event, events.length > 1 ? `${index}.` : '')
        if (refusal !== null) return err(refusal)
      }
      return ok(events)
    },
  }
}
