import { resolve } from 'node:path'
import type { Rolldown } from 'vite'
import { build } from 'vite'

/**
 * Builds one of the package's script-tag entries in memory with its own vite config (`mode`: 'iife',
 * 'consent' or 'hash'), so that a size budget holds for the current source, never for a stale dist/.
 */
export async function buildChunk(mode: string, fileName: string): Promise<Rolldown.OutputChunk> {
  const root = resolve(import.meta.dirname, '..')
  const result = await build({ root, configFile: resolve(root, 'vite.config.ts'), mode, logLevel: 'silent', build: { write: false } })
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[]
  const found = outputs.flatMap((o) => o.output).find((o): o is Rolldown.OutputChunk => o.type === 'chunk' && o.fileName === fileName)
  if (!found) throw new Error(`the ${mode} build produced no ${fileName}`)
  return found
}
