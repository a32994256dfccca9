// Copies the non-TypeScript files the server reads at run time (today: outbox/sqlite/schema.sql) from
// src/ to dist/ at the same relative path, because tsc only emits .js and .d.ts.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ASSET_EXTENSIONS = ['.sql']

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const srcDir = join(packageRoot, 'src')
const distDir = join(packageRoot, 'dist')

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(path)
    else if (ASSET_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) yield path
  }
}

for (const file of walk(srcDir)) {
  const target = join(distDir, relative(srcDir, file))
  mkdirSync(dirname(target), { recursive: true })
  copyFileSync(file, target)
}
