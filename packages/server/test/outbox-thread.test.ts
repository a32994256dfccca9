import { afterAll, describe, expect, it } from 'vitest'
import type { RelayLogger } from '../src/index.js'
import { outboxDir, rowsOf } from './helpers/outbox-file.js'
import { closeHarnessesAfterEach, leadBeacon, postBeacon, startRelayHarness } from './helpers/start-relay.js'

const files = outboxDir('thread')
afterAll(() => files.remove())
const harnesses = closeHarnessesAfterEach()

type Line = { level: string; fields: Record<string, unknown>; message: string }
const capturingLogger = (lines: Line[]): RelayLogger => ({
  debug: (fields, message) => void lines.push({ level: 'debug', fields, message }),
  info: (fields, message) => void lines.push({ level: 'info', fields, message }),
  warn: (fields, message) => void lines.push({ level: 'warn', fields, message }),
  error: (fields, message) => void lines.push({ level: 'error', fields, message }),
})

describe('outboxThread', () => {
  for (const mode of ['worker', 'main'] as const) {
    it(`answers 202 only once the rows are on disk, delivers them and passes delivery's log lines to the relay's logger (${mode})`, async () => {
      const url = files.url(`${mode}.db`)
      const lines: Line[] = []
      const harness = await startRelayHarness({ config: { store: url, outboxThread: mode, logger: capturingLogger(lines), logLevel: 'debug' } })
      harnesses.push(harness)
      const ids = ['t-1', 't-2']
      expect((await postBeacon(harness.relayUrl, ids.map(leadBeacon))).status).toBe(202)
      // A second connection sees the rows at once: the 202 came after the commit.
      const stored = await rowsOf(url, 'meta', 'Lead', ids)
      expect(stored.map((row) => row?.eventId)).toEqual(ids)

      await harness.relay.flush()
      expect(harness.emulator.ledger().meta.received.map((entry) => entry.eventId).sort()).toEqual(ids)
      expect((await rowsOf(url, 'tiktok', 'Lead', ids)).map((row) => row?.status)).toEqual(['delivered', 'delivered'])
      const delivered = lines.filter((line) => line.message === 'batch delivered').map((line) => line.fields.destination)
      expect(new Set(delivered)).toEqual(new Set(['meta', 'ga4', 'tiktok']))
    })
  }

  it('refuses events with 503 once the relay is closed, and close() can be called twice', async () => {
    const harness = await startRelayHarness({ config: { store: files.url('closed.db'), outboxThread: 'worker' } })
    await harness.relay.close()
    await harness.relay.close()
    const answer = await postBeacon(harness.relayUrl, leadBeacon('after-close'))
    expect(answer.status).toBe(503)
    await harness.close()
  })
})
