import type { Request } from 'express'
import type { ConsentState, ParsedTrackEvent } from '@pairtrack/shared'

/**
 * The site's own consent authority for beacons: reads its consent cookie or database and answers the
 * consent state, which wins signal by signal over what the browser sent (signals it leaves out keep the
 * browser's value, then `defaultConsent`). `undefined` means "no answer": the browser's consent stands.
 * It is not called for `relay.track()` events, which carry their own `consent`.
 * @example const resolveConsent: ResolveConsent = (req) => consentFromCookie(req.headers.cookie)
 */
export type ResolveConsent = (
  req: Request,
  event: ParsedTrackEvent,
) => ConsentState | undefined | Promise<ConsentState | undefined>
