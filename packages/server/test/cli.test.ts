import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import type { DestinationId } from '../src/destinations/destination.js'
import { createSqliteOutboxStore, type OutboxStore } from '../src/outbox/index.js'
import { newRowFor } from '../src/outbox/outbox-store.contract.js'
import { runPairtrack } from './helpers/run-pairtrack.js'

const DAY = 24 * 60 * 60 * 1000
const dir = mkdtempSync(join(tmpdir(), 'pairtrack-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
let path: string
let url: string

/** Rows going dead at `atMs` (claimed, then marked dead with the reason). */
async function makeDead(store: OutboxStore, destination: DestinationId, ids: string[], atMs: number, reason: string) {
  await store.enqueue(ids.map((id) => newRowFor(id, { destination, nextAttemptAtMs: atMs })), atMs)
  for (const row of await store.claimDue(destination, atMs, ids.length, 60_000)) await store.markDead(row.id, reason, atMs)
}

/** An outbox file as a relay would leave it, with times relative to the real clock (the CLI reads it). */
beforeEach(async () => {
  path = join(dir, `outbox-${files++}.db`)
  url = `sqlite:${path}`
  const now = Date.now()
  const store = createSqliteOutboxStore({ path })
  await store.enqueue([newRowFor('pending-1', { nextAttemptAtMs: now }), newRowFor('pending-2', { nextAttemptAtMs: now })], now)
  await makeDead(store, 'meta', ['dead-old'], now - 40 * DAY, 'too_old')
  await makeDead(store, 'meta', ['dead-new'], now - 1 * DAY, 'invalid_event: The parameter $[\'data\'][0][\'event_time\'] is in the future.')
  await makeDead(store, 'tiktok', ['dead-tiktok'], now - 2 * DAY, 'rejected: Invalid parameter [code 40002]')
  await store.enqueue([newRowFor('suppressed-old', { destination: 'ga4', status: 'suppressed', decision: 'consent_denied:analytics_storage' })], now - 31 * DAY)
  await store.close()
})

const statusOf = async (destination: DestinationId, eventId: string) => {
  const store = createSqliteOutboxStore({ path })
  const row = await store.findRow(destination, 'Purchase', eventId)
  await store.close()
  return row?.status
}

describe('pairtrack CLI', () => {
  it('prints counts per destination and status, as a table and as JSON', async () => {
    const [table, json] = await Promise.all([runPairtrack(['status', '--store', url]), runPairtrack(['status', '--json', '--store', url])])
    expect(table).toMatchObject({ code: 0, stderr: '' })
    expect(table.stdout.split('\n')[0]).toMatch(/^destination\s+pending\s+in_flight\s+delivered\s+dead\s+suppressed$/)
    expect(table.stdout).toMatch(/^meta\s+2\s+0\s+0\s+2\s+0$/m)
    expect(table.stdout).toMatch(/^tiktok\s+0\s+0\s+0\s+1\s+0$/m)
    expect(JSON.parse(json.stdout)).toEqual({
      ga4: { pending: 0, in_flight: 0, delivered: 0, dead: 0, suppressed: 1 },
      meta: { pending: 2, in_flight: 0, delivered: 0, dead: 2, suppressed: 0 },
      tiktok: { pending: 0, in_flight: 0, delivered: 0, dead: 1, suppressed: 0 },
    })
  })

  it('lists dead records with their reasons, filtered by destination, time and limit', async () => {
    const [all, filtered, limited] = await Promise.all([
      runPairtrack(['dead', 'list', '--json'], { PAIRTRACK_STORE: url }),
      runPairtrack(['dead', 'list', '--store', url, '--destination', 'meta', '--since', '7d']),
      runPairtrack(['dead', 'list', '--store', url, '--limit', '1']),
    ])
    expect(all.code).toBe(0)
    expect((JSON.parse(all.stdout) as Array<{ eventId: string; reason: string }>).map((r) => [r.eventId, r.reason])).toEqual([
      ['dead-new', "invalid_event: The parameter $['data'][0]['event_time'] is in the future."],
      ['dead-tiktok', 'rejected: Invalid parameter [code 40002]'],
      ['dead-old', 'too_old'],
    ])
    expect(filtered.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^\S+Z {2}meta {2}Purchase {2}dead-new {2}attempts=1 {2}invalid_event: /)])
    expect(limited.stdout.trim().split('\n')).toHaveLength(1)
    expect(limited.stderr).toMatch(/more dead records than shown: raise --limit/)
  })

  it('replays dead records of one destination since a date, and leaves the others dead', async () => {
    const since = new Date(Date.now() - 7 * DAY).toISOString().slice(0, 10)
    const run = await runPairtrack(['dead', 'replay', '--store', url, '--destination', 'meta', '--since', since])
    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^replayed 1 dead record: pending again/) })
    expect([await statusOf('meta', 'dead-new'), await statusOf('meta', 'dead-old'), await statusOf('tiktok', 'dead-tiktok')]).toEqual([
      'pending',
      'dead',
      'dead',
    ])
  })

  it('purges finished records older than the given age, never pending ones', async () => {
    const run = await runPairtrack(['purge', '--older-than', '30d', '--store', url])
    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^purged 2 finished records last updated before \d{4}-/) })
    expect([await statusOf('meta', 'dead-old'), await statusOf('ga4', 'suppressed-old'), await statusOf('meta', 'dead-new')]).toEqual([
      undefined,
      undefined,
      'dead',
    ])
    expect(await statusOf('meta', 'pending-1')).toBe('pending')
  })

  it('answers wrong usage with exit code 2 and a message, and a missing outbox with 1 without creating it', async () => {
    const missing = join(dir, 'nothing-here.db')
    const runs = await Promise.all([
      runPairtrack([]),
      runPairtrack(['purge', '--store', url]),
      runPairtrack(['dead', 'list', '--destination', 'myspace', '--store', url]),
      runPairtrack(['status', '--since', '1d', '--store', url]),
      runPairtrack(['status', '--store', `sqlite:${missing}`]),
      runPairtrack(['--help']),
    ])
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 1, 0])
    expect(runs[0]!.stderr).toMatch(/no command given/)
    expect(runs[1]!.stderr).toMatch(/--older-than is required/)
    expect(runs[2]!.stderr).toMatch(/--destination must be meta, ga4 or tiktok/)
    expect(runs[3]!.stderr).toMatch(/status does not take --since/)
    expect(runs[4]!.stderr).toMatch(/there is no outbox at .*nothing-here\.db/)
    expect(existsSync(missing)).toBe(false)
    expect(runs[5]!.stdout).toMatch(/^Usage: pairtrack <command>/)
  })
})
