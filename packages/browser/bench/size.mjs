// Size of the script every page loads: pairtrack.js (the IIFE, idb-keyval included), minified, as raw
// bytes, gzip (what the budget counts) and brotli. It builds the IIFE in memory with the package's own vite
// config, as test/bundle-size.test.ts does, so the number is always that of the current source (a dist/
// left from an older build cannot mislead it).
//   node packages/browser/bench/size.mjs          # a human-readable line
//   node packages/browser/bench/size.mjs --json   # one JSON object, for BENCHMARKS.md tooling
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { buildPairtrackIife } from './build-iife.mjs'

// The budget of issue 6 and test/bundle-size.test.ts.
const BUDGET_BYTES = 3072

const code = Buffer.from(await buildPairtrackIife())
const size = {
  name: '@pairtrack/browser (pairtrack.js)',
  minified: code.length,
  gzip: gzipSync(code).length,
  brotli: brotliCompressSync(code).length,
  budget: BUDGET_BYTES,
}

if (process.argv.includes('--json')) console.log(JSON.stringify(size))
else
  console.log(
    `${size.name}: ${size.minified} B minified, ${size.gzip} B gzip, ${size.brotli} B brotli ` +
      `(budget ${BUDGET_BYTES} B gzip: ${size.gzip <= BUDGET_BYTES ? 'within' : `${size.gzip - BUDGET_BYTES} B over`})`,
  )
