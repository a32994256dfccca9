import { afterAll, describe, expect, it } from 'vitest'
import { createSqliteOutboxStore } from '../src/outbox/index.js'
import { newRowFor } from '../src/outbox/outbox-store.contract.js'
import { countsOf, outboxDir, rowsOf } from './helpers/outbox-file.js'
import { startRelayHarness } from './helpers/start-relay.js'

const DAY = 24 * 60 * 60 * 1000
const files = outboxDir('retention')
afterAll(() => files.remove())

describe('retention', () => {
  it('purges finished records past retentionDays when the relay starts, and keeps pending ones however old', async () => {
    const url = files.url('retention.db')
    const store = createSqliteOutboxStore({ path: files.path('retention.db') })
    const now = Date.now()
    const at = (days: number) => now - days * DAY
    await store.enqueue([newRowFor('delivered-old', { nextAttemptAtMs: at(20) }), newRowFor('delivered-young', { nextAttemptAtMs: at(20) })], at(20))
    const [old, young] = await store.claimDue('meta', at(20), 2, 60_000)
    await store.markDelivered([old!.id], null, at(15))
    await store.markDelivered([young!.id], null, at(5))
    await store.enqueue([newRowFor('suppressed-old', { destination: 'ga4', status: 'suppressed' })], at(11))
    await store.enqueue([newRowFor('pending-ancient', { destination: 'tiktok', nextAttemptAtMs: now + DAY })], at(60))
    await store.close()

    const harness = await startRelayHarness({ config: { store: url, retentionDays: 10 } })
    await harness.close() // waits for the sweep started with the relay
    expect(await countsOf(url)).toEqual({ meta: { delivered: 1 }, tiktok: { pending: 1 } })
    expect((await rowsOf(url, 'meta', 'Purchase', ['delivered-young']))[0]?.status).toBe('delivered')
  })
})
