// @vitest-environment node
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Rolldown } from 'vite'
import { build } from 'vite'
import { beforeAll, describe, expect, it } from 'vitest'

// The consent add-on (dist/pairtrack-consent.js: the Google Consent Mode and IAB TCF readers) has its own
// budget, apart from the core script's: only sites that read consent from the page load it. Measured at
// 607 B gzipped (node:zlib defaults, 2026-11-29); the budget leaves ~100 B for fixes.
const BUDGET_BYTES = 720

describe('dist/pairtrack-consent.js (the consent add-on)', () => {
  let chunk: Rolldown.OutputChunk

  beforeAll(async () => {
    const root = resolve(import.meta.dirname, '..')
    const result = await build({ root, configFile: resolve(root, 'vite.config.ts'), mode: 'consent', logLevel: 'silent', build: { write: false } })
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[]
    const found = outputs.flatMap((o) => o.output).find((o): o is Rolldown.OutputChunk => o.type === 'chunk' && o.fileName === 'pairtrack-consent.js')
    if (!found) throw new Error('the consent build produced no pairtrack-consent.js')
    chunk = found
  }, 60_000)

  it(`is at most ${BUDGET_BYTES} bytes gzipped`, () => {
    const size = gzipSync(chunk.code).length
    expect(size, `pairtrack-consent.js is ${size} B gzipped`).toBeLessThanOrEqual(BUDGET_BYTES)
  })

  it('carries both readers and nothing of the core tracker', () => {
    expect(chunk.moduleIds.some((id) => id.endsWith('/consent/gcm.ts'))).toBe(true)
    expect(chunk.moduleIds.some((id) => id.endsWith('/consent/tcf.ts'))).toBe(true)
    expect(chunk.moduleIds.filter((id) => /\/(tracker|install-pairtrack|shared\/src\/index)\.ts$/.test(id) || id.includes('node_modules'))).toEqual([])
  })
})
