import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { newRowFor } from './outbox-store.contract.js'
import { openOutboxStore } from './open-outbox-store.js'

const dir = mkdtempSync(join(tmpdir(), 'pairtrack-open-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('openOutboxStore', () => {
  it.each([`sqlite:${dir}/a.db`, `sqlite://${dir}/b.db`, 'sqlite::memory:'])('opens a working SQLite store from %s', async (url) => {
    const opened = openOutboxStore(url)
    if (!opened.ok) throw new Error(opened.error.message)
    expect((await opened.value.enqueue([newRowFor('x')], 1))[0]?.result).toBe('queued')
    await opened.value.close()
  })

  it('answers not_supported_yet for PostgreSQL without echoing the URL', () => {
    const opened = openOutboxStore('postgres://user:s3cret@db.example/pairtrack')
    expect(opened).toEqual({ ok: false, error: { code: 'not_supported_yet', message: expect.not.stringContaining('s3cret') } })
  })

  it.each(['mysql://db/x', 'sqlite:', './pairtrack.db'])('answers invalid_url for %s', (url) => {
    const opened = openOutboxStore(url)
    expect(opened.ok ? 'ok' : opened.error.code).toBe('invalid_url')
  })

  it('answers open_failed for a missing file when told it must exist, and creates nothing', () => {
    const opened = openOutboxStore(`sqlite:${dir}/absent.db`, { mustExist: true })
    expect(opened.ok ? 'ok' : opened.error.code).toBe('open_failed')
    expect(existsSync(`${dir}/absent.db`)).toBe(false)
  })

  it('answers open_failed when the file cannot be created', () => {
    const opened = openOutboxStore(`sqlite:${dir}/missing-dir/x.db`)
    expect(opened.ok ? 'ok' : opened.error.code).toBe('open_failed')
  })
})
