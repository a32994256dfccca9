import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/** The repository root (scripts are spawned from there). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** A TypeScript entry of this repo in its own Node process, reading workspace packages from src/. */
export type NodeProcess<T> = { child: ChildProcess; ready: T; stop(): Promise<void> }

/** The line a benchmark process prints once it is ready: `READY {"port": 1234}`. */
export const READY = 'READY '

/** Prints the ready line (other stdout lines, such as logs, are passed through). */
export const announceReady = (fields: Record<string, unknown>): void => void process.stdout.write(`${READY}${JSON.stringify(fields)}\n`)

/**
 * Spawns `node --conditions=@pairtrack/source --import tsx <script>` (path from the repo root) and resolves
 * with the JSON object of its `READY {...}` line. The child is killed if this process exits first.
 * @example const sink = await startNodeProcess<{ url: string }>('packages/server/bench/platform-sink.ts')
 */
export async function startNodeProcess<T>(script: string, env: Record<string, string> = {}, nodeArgs: readonly string[] = []): Promise<NodeProcess<T>> {
  const child = spawn(process.execPath, [...nodeArgs, '--conditions=@pairtrack/source', '--import', 'tsx', script], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  })
  const exited = once(child, 'exit')
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  void exited.then(() => process.off('exit', killOnExit))
  const lines = createInterface({ input: child.stdout! })
  const line = await new Promise<string>((resolve, reject) => {
    lines.on('line', (text) => (text.startsWith(READY) ? resolve(text.slice(READY.length)) : console.log(text)))
    void exited.then(() => reject(new Error(`${script} exited before it was ready`)))
  })
  return {
    child,
    ready: JSON.parse(line) as T,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

/** Resident set size now and at its peak (VmHWM), in MiB, from /proc (Linux). */
export function rssOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN)
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 }
}

/** CPU time (user + system) a process has used so far, in milliseconds, from /proc (Linux). */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10
}
