import { toGa4EventParams, toPlatformEventName } from '@pairtrack/shared'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { customDataArbitrary } from '../custom-data-arbitrary.js'
import { toGa4EventName, toGa4Params } from './event-params.js'

const eventName = fc.constantFrom('Purchase', 'PageView', 'ViewContent', 'Lead', 'purchase', 'refund', 'Refund', 'MyEvent', 'constructor')

describe('the relay’s GA4 params', () => {
  it('are the shared mapper’s (the gtag call’s), with the session id and engagement time laid over them', () => {
    fc.assert(
      fc.property(eventName, customDataArbitrary, fc.constantFrom('e1', ''), fc.option(fc.constantFrom('1780314000', ''), { nil: undefined }), (name, customData, eventId, sessionId) => {
        // What request.ts did with the shared mapper's params: a spread-like placement, then a delete.
        const expected: Record<string, unknown> = { ...toGa4EventParams(name, customData, eventId) }
        if (sessionId !== undefined) expected.session_id = sessionId
        else delete expected.session_id
        expected.engagement_time_msec = 1
        const params = toGa4Params(name, customData, eventId, sessionId)
        expect(JSON.stringify(params)).toBe(JSON.stringify(expected))
        expect(params).toStrictEqual(expected)
      }),
      { numRuns: 2_000 },
    )
  })

  it('name events as toPlatformEventName does', () => {
    for (const name of ['Purchase', 'ViewContent', 'InitiateCheckout', 'CompleteRegistration', 'AddToCart', 'StartTrial', 'MyEvent', 'constructor', 'toString', '']) {
      expect(toGa4EventName(name)).toBe(toPlatformEventName(name, 'ga4'))
    }
  })
})
