import type { BrowserContext } from 'playwright-core'

/** An event as the page beaconed it to the relay (the fields the e2e specs read). */
export type BeaconEvent = { event_name: string; event_id: string; user_data?: { fbc?: string; fbp?: string } }

/**
 * One request of the page to the relay's `/events`: its events, how it was sent (`fetch`, or `ping` for
 * sendBeacon) and whether it reached the relay.
 */
export type RelayRequest = { events: BeaconEvent[]; type: string; outcome: 'forwarded' | 'answered 503' }

/**
 * The relay's `/events` as the browser sees it, through a context route: every request is recorded (its
 * body read from the routed request), and forwarded
 * unchanged, or answered 503 while `down` is true, as a relay that is down behind a load balancer.
 */
export type RelayRoute = {
  readonly requests: RelayRequest[]
  down: boolean
  /** Every event of every request, forwarded or not, in order. */
  events(): BeaconEvent[]
  /** Resolves to the first event named `name` that `where` accepts, once a request carried it. */
  waitForEvent(name: string, where?: (event: BeaconEvent) => boolean, timeoutMs?: number): Promise<BeaconEvent>
}

/**
 * Routes `**\/pairtrack/events` of every page of `context` through a recorder.
 * @example const relay = await routeRelay(context); relay.down = true; … relay.down = false
 */
export async function routeRelay(context: BrowserContext): Promise<RelayRoute> {
  const requests: RelayRequest[] = []
  const state: RelayRoute = {
    requests,
    down: false,
    events: () => requests.flatMap((request) => request.events),
    async waitForEvent(name, where = () => true, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = state.events().find((event) => event.event_name === name && where(event))
        if (found) return found
        if (Date.now() > deadline) {
          throw new Error(`no ${name} beacon in ${timeoutMs} ms; saw ${state.events().map((event) => event.event_name).join(', ')}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
  }
  await context.route('**/pairtrack/events', async (route) => {
    const text = route.request().postDataBuffer()?.toString('utf8') ?? ''
    const body = text ? (JSON.parse(text) as BeaconEvent | BeaconEvent[]) : []
    const events = Array.isArray(body) ? body : [body]
    const type = route.request().resourceType()
    // Recorded once handled, so that a waitForEvent() resolves after the 503 went back to the browser.
    if (state.down) {
      await route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"unavailable","message":"relay down"}' })
      requests.push({ events, type, outcome: 'answered 503' })
    } else {
      await route.continue()
      requests.push({ events, type, outcome: 'forwarded' })
    }
  })
  return state
}
