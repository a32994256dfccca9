// @vitest-environment node
import { gzipSync } from 'node:zlib'
import type { Rolldown } from 'vite'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildChunk } from './build-chunk.js'

// The consent add-on (dist/pairtrack-consent.js: the Google Consent Mode and IAB TCF readers) has its own
// budget, apart from the core script's: only sites that read consent from the page load it. Measured at
// 607 B gzipped (node:zlib defaults, 2026-11-29); the budget leaves ~100 B for fixes.
const BUDGET_BYTES = 720

describe('dist/pairtrack-consent.js (the consent add-on)', () => {
  let chunk: Rolldown.OutputChunk

  beforeAll(async () => {
    chunk = await buildChunk('consent', 'pairtrack-consent.js')
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
