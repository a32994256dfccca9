import { describe, expect, it } from 'vitest'
import { createRelayMetrics } from './metrics.js'

describe('createRelayMetrics', () => {
  it('shows every reason at 0 from the start, then counts each rejection by reason', async () => {
    const metrics = createRelayMetrics()
    expect(await metrics.text()).toContain('pairtrack_beacon_rejections_total{reason="token_mismatch"} 0')
    metrics.rejected('token_mismatch')
    metrics.rejected('token_mismatch')
    metrics.rejected('bot_filtered')
    metrics.accepted('browser', 3)
    const text = await metrics.text()
    expect(text).toContain('pairtrack_beacon_rejections_total{reason="token_mismatch"} 2')
    expect(text).toContain('pairtrack_beacon_rejections_total{reason="bot_filtered"} 1')
    expect(text).toContain('pairtrack_beacon_rejections_total{reason="rate_limited"} 0')
    expect(text).toContain('pairtrack_events_accepted_total{origin="browser"} 3')
    expect(text).toContain('pairtrack_events_accepted_total{origin="server"} 0')
    expect(metrics.contentType).toMatch(/^text\/plain/)
  })

  it('keeps two relays apart', async () => {
    const one = createRelayMetrics()
    const two = createRelayMetrics()
    one.rejected('rate_limited')
    expect(await two.text()).toContain('pairtrack_beacon_rejections_total{reason="rate_limited"} 0')
  })
})
