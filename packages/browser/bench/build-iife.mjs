// pairtrack.js (the IIFE a script-tag site loads) built in memory from the current source with the
// package's own Vite config, byte for byte what `vite build --mode iife` writes to dist/pairtrack.js; so
// a dist/ left from an older build cannot mislead a bench.
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** @returns {Promise<string>} the minified IIFE */
export async function buildPairtrackIife() {
  return (await buildPairtrackChunk()).code
}

/**
 * The pairtrack.js output chunk; `sourcemap: true` adds its map (`chunk.map`), which does not change the code.
 * @returns {Promise<import('vite').Rolldown.OutputChunk>}
 */
export async function buildPairtrackChunk({ sourcemap = false } = {}) {
  const { build } = await import('vite')
  const result = await build({ root: PACKAGE_ROOT, configFile: resolve(PACKAGE_ROOT, 'vite.config.ts'), mode: 'iife', logLevel: 'silent', build: { write: false, sourcemap } })
  const chunk = (Array.isArray(result) ? result : [result]).flatMap((o) => o.output).find((o) => o.fileName === 'pairtrack.js')
  if (!chunk || chunk.type !== 'chunk') throw new Error('the iife build produced no pairtrack.js')
  return chunk
}
