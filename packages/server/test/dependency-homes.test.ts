import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// STYLE.md habit 5: each dependency has one home. Type-only imports are erased and may appear anywhere.
const HOMES: Record<string, (file: string) => boolean> = {
  express: (file) => file.startsWith('http/'),
  'express-rate-limit': (file) => file === 'http/rate-limit.ts',
  undici: (file) => file === 'delivery/send.ts',
  'better-sqlite3': (file) => file.startsWith('outbox/sqlite/'),
  pg: (file) => file.startsWith('outbox/postgres/'),
  pino: (file) => file === 'observability/logger.ts',
  'prom-client': (file) => file === 'observability/metrics.ts',
}

const SRC = resolve(import.meta.dirname, '../src')
const sources = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => relative(SRC, join(SRC, file)).split('\\').join('/'))

describe('dependency homes', () => {
  it.each(Object.keys(HOMES))('imports %s only from its home', (dependency) => {
    const runtimeImport = new RegExp(`^import (?!type )[^;]*from '${dependency}'`, 'm')
    const strays = sources.filter((file) => runtimeImport.test(readFileSync(join(SRC, file), 'utf8')) && !HOMES[dependency]!(file))
    expect(strays).toEqual([])
  })
})
