// pairtrack.js beside the browser bundles of other tracking libraries, measured from their npm packages
// in the same run: raw bytes, gzip and brotli of the one file a site loads, as shipped and re-minified
// with the minifier of our own build (Vite's, oxc), so that a package that ships unminified code
// (RudderStack's npm build; its CDN serves a minified one) is not counted at its whitespace.
//   node packages/browser/bench/competitors.mjs          # a markdown table for BENCHMARKS.md
//   node packages/browser/bench/competitors.mjs --json   # one JSON object per line
// The packages are installed at pinned versions, without their install scripts, into a git-ignored cache
// (packages/browser/bench/.competitors/), only when missing. Never install `capi-param-builder-clientjs`:
// Meta's browser package is `meta-capi-param-builder-clientjs`.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { buildPairtrackIife, PACKAGE_ROOT } from './build-iife.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const CACHE = join(here, '.competitors')

/** Each package, its pinned version, the file a site loads, and why that file. */
const COMPETITORS = [
  {
    name: '@snowplow/browser-tracker',
    version: '4.10.1',
    file: 'dist/index.umd.min.js',
    why: 'the core browser tracker as one minified UMD file, no plugins (the CDN sp.js adds plugins and is larger)',
  },
  {
    name: 'meta-capi-param-builder-clientjs',
    version: '1.3.1',
    file: 'dist/clientParamBuilder.bundle.js',
    why: "the package's main: the webpack bundle a page loads with a script tag",
  },
  {
    name: '@segment/analytics-next',
    version: '1.84.3',
    file: 'dist/umd/standalone.js',
    why: "the build Segment's snippet loads (drains the snippet's queue); chunks for destinations and middleware load later, on demand, and are not counted",
  },
  {
    name: '@rudderstack/analytics-js',
    version: '3.34.1',
    file: 'dist/npm/modern/umd/index.js',
    why: 'the v3 core for modern browsers as UMD; plugins load later from the CDN (the "bundled" build includes them); shipped unminified, so the re-minified column is the one to compare',
  },
  {
    name: 'posthog-js',
    version: '1.449.2',
    file: 'dist/array.js',
    why: "what PostHog's snippet loads; the recorder, surveys and other extensions load later and are not counted",
  },
]

function installedVersion(name) {
  const manifest = join(CACHE, 'node_modules', name, 'package.json')
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : undefined
}

function ensureInstalled() {
  const missing = COMPETITORS.filter((c) => installedVersion(c.name) !== c.version)
  if (missing.length === 0) return
  console.error(`installing ${missing.map((c) => `${c.name}@${c.version}`).join(', ')} into ${CACHE}`)
  execFileSync(
    'npm',
    ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', '--prefix', CACHE, ...COMPETITORS.map((c) => `${c.name}@${c.version}`)],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  for (const c of COMPETITORS) {
    if (installedVersion(c.name) !== c.version) throw new Error(`${c.name}@${c.version} did not install (found ${installedVersion(c.name)})`)
  }
}

async function measure(label, version, file, code) {
  const { minify } = await import('vite')
  const reminified = await minify(file, code, { compress: true, mangle: true })
  if (reminified.errors.length > 0) throw new Error(`${label}: the minifier failed: ${reminified.errors[0]?.message}`)
  const bytes = Buffer.from(code)
  const min = Buffer.from(reminified.code)
  return {
    name: label,
    version,
    file,
    shipped: { raw: bytes.length, gzip: gzipSync(bytes).length, brotli: brotliCompressSync(bytes).length },
    reminified: { raw: min.length, gzip: gzipSync(min).length, brotli: brotliCompressSync(min).length },
  }
}

ensureInstalled()
const ours = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'))
const rows = [await measure('@pairtrack/browser', ours.version, 'dist/pairtrack.js', await buildPairtrackIife())]
for (const c of COMPETITORS) {
  rows.push(await measure(c.name, c.version, c.file, readFileSync(join(CACHE, 'node_modules', c.name, c.file), 'utf8')))
}

const bytes = (n) => `${n} B`
if (process.argv.includes('--json')) for (const row of rows) console.log(JSON.stringify(row))
else {
  const gzipOurs = rows[0].reminified.gzip
  console.log(`node ${process.version}; gzip and brotli: node:zlib at its default levels\n`)
  console.log('| package | file | as shipped | as shipped, gzip | re-minified | re-minified, gzip | re-minified, brotli | gzip ÷ ours |')
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const row of rows) {
    const cells = [
      `${row.name}@${row.version}`,
      `\`${row.file}\``,
      bytes(row.shipped.raw),
      bytes(row.shipped.gzip),
      bytes(row.reminified.raw),
      `**${bytes(row.reminified.gzip)}**`,
      bytes(row.reminified.brotli),
      `${(row.reminified.gzip / gzipOurs).toFixed(1)}×`,
    ]
    console.log(`| ${cells.join(' | ')} |`)
  }
  console.log('\nWhy each file:')
  for (const c of COMPETITORS) console.log(`- ${c.name}: \`${c.file}\`, ${c.why}.`)
}
