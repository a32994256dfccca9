// `pnpm bench`: the server's benchmarks, one after another, each in its own processes. Prints markdown
// tables for BENCHMARKS.md. `pnpm bench ingest` (or delivery, memory, backlog, hash, browser-size, track) runs one.
// Linux only (/proc).
import { spawnSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { REPO_ROOT } from './node-process.js'

const BENCHMARKS = {
  ingest: 'Ingest: relay POST /events against a bare Express 5 route',
  delivery: 'Delivery: events per second to the emulator, batched and one per request',
  memory: 'Memory: peak RSS with 100,000 events pending while Meta is down',
  backlog: 'Backlog: the delivery loop\'s store work with 100,000 finished records kept',
  hash: 'Normalise + hash + build: one event against Meta\'s Node SDK',
  'browser-size': 'Browser script size: pairtrack.js beside competitors\' bundles (gzip)',
  track: 'Browser: track() main-thread time per call in headless Chromium',
} as const

// The browser benches are plain Node scripts of @pairtrack/browser (the rest are this folder's .ts files).
const SCRIPTS: Partial<Record<keyof typeof BENCHMARKS, string>> = {
  'browser-size': 'packages/browser/bench/competitors.mjs',
  track: 'packages/browser/bench/track-cost.mjs',
}

const asked = process.argv.slice(2)
const unknown = asked.filter((name) => !(name in BENCHMARKS))
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`)
  process.exit(2)
}
const names = (asked.length > 0 ? asked : Object.keys(BENCHMARKS)) as Array<keyof typeof BENCHMARKS>
console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`)
for (const name of names) {
  console.log(`\n## ${BENCHMARKS[name]}\n`)
  const run = spawnSync(process.execPath, ['--conditions=@pairtrack/source', '--import', 'tsx', SCRIPTS[name] ?? `packages/server/bench/${name}.ts`], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  })
  if (run.status !== 0) process.exit(run.status ?? 1)
}
console.log(`\nload average at the end ${loadavg().map((n) => n.toFixed(2)).join(' ')}`)
