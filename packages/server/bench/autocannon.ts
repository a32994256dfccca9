import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from './node-process.js'

export type LoadOptions = {
  url: string
  body: string
  headers: Record<string, string>
  connections: number
  /** Seconds; or `amount` requests. */
  durationS?: number
  amount?: number
}

export type LoadResult = { rps: number; p50Ms: number; p99Ms: number; requests: number; non2xx: number; errors: number }

/**
 * Runs the autocannon CLI in its own process (a second process, as the benchmark asks), POSTing `body`
 * with every `[<id>]` replaced by a fresh id, and reads its --json summary.
 * @example const { rps, p99Ms } = await runAutocannon({ url, body, headers: {}, connections: 50, durationS: 10 })
 */
export function runAutocannon(options: LoadOptions): Promise<LoadResult> {
  const args = ['-c', String(options.connections), '-m', 'POST', '-b', options.body, '-I', '--json']
  if (options.amount !== undefined) args.push('-a', String(options.amount))
  else args.push('-d', String(options.durationS ?? 10))
  for (const [name, value] of Object.entries(options.headers)) args.push('-H', `${name}=${value}`)
  args.push(options.url)
  return new Promise((resolve, reject) => {
    execFile(join(REPO_ROOT, 'node_modules/.bin/autocannon'), args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error) return reject(error)
      const summary = JSON.parse(stdout) as {
        requests: { average: number; total: number }
        latency: { p50: number; p99: number }
        non2xx: number
        errors: number
        timeouts: number
        duration: number
      }
      resolve({
        rps: options.amount !== undefined ? summary.requests.total / summary.duration : summary.requests.average,
        p50Ms: summary.latency.p50,
        p99Ms: summary.latency.p99,
        requests: summary.requests.total,
        non2xx: summary.non2xx,
        errors: summary.errors + summary.timeouts,
      })
    })
  })
}
