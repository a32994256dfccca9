// @vitest-environment node
import { gzipSync } from 'node:zlib'
import type { Rolldown } from 'vite'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildChunk } from './build-chunk.js'

// The hashInBrowser add-on (dist/pairtrack-hash.js) has its own budget, apart from the core script's:
// it carries every normaliser and libphonenumber-js's "min" metadata (most of its weight), and only the
// pages that opt in load it. Measured at 37,053 B gzipped (node:zlib defaults, 2026-11-29); the budget is
// that plus ~3.5 % (1.3 KB) for normaliser fixes, not for new features.
const BUDGET_BYTES = 38_400

describe('dist/pairtrack-hash.js (the hashInBrowser add-on)', () => {
  let chunk: Rolldown.OutputChunk

  beforeAll(async () => {
    chunk = await buildChunk('hash', 'pairtrack-hash.js')
  }, 60_000)

  it(`is at most ${BUDGET_BYTES} bytes gzipped`, () => {
    const size = gzipSync(chunk.code).length
    expect(size, `pairtrack-hash.js is ${size} B gzipped`).toBeLessThanOrEqual(BUDGET_BYTES)
  })

  it('bundles the normalisers and libphonenumber-js, but not zod nor the core tracker', () => {
    expect(chunk.moduleIds.some((id) => /node_modules\/.*libphonenumber-js\//.test(id))).toBe(true)
    expect(chunk.moduleIds.filter((id) => /node_modules\/.*\/zod\//.test(id) || id.endsWith('schema.ts') || id.endsWith('/tracker.ts'))).toEqual([])
  })

  it('installs window.pairtrackHash', () => {
    expect(chunk.code).toContain('pairtrackHash')
  })
})
