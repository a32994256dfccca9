// Size of the script every page loads: pairtrack.js (the IIFE, idb-keyval included), minified, as raw
// bytes, gzip (what the budget counts) and brotli. It builds the IIFE in memory with the package's own vite
// config, as test/bundle-size.test.ts does, so the number is always that of the current source (a dist/
// left from an older build cannot mislead it).
//   node packages/browser/bench/size.mjs          # a human-readable line
//   node packages/browser/bench/size.mjs --json   # one JSON object, for BENCHMARKS.md tooling
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync } from 'node:zlib'

// The budget of issue 6 and test/bundle-size.test.ts.
const BUDGET_BYTES = 3072

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

async function buildInMemory() {
  const { build } = await import('vite')
  const result = await build({ root, configFile: resolve(root, 'vite.config.ts'), mode: 'iife', logLevel: 'silent', build: { write: false } })
  const chunk = (Array.isArray(result) ? result : [result]).flatMap((o) => o.output).find((o) => o.fileName === 'pairtrack.js')
  if (!chunk) throw new Error('the iife build produced no pairtrack.js')
  return chunk.code
}

const code = Buffer.from(await buildInMemory())
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
