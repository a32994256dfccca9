import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The repository root, where node_modules/.bin/tsx lives. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

/** Runs a TypeScript entry of this repo in a new Node process, reading workspace packages from src/. */
export const TSX_NODE_ARGS = ['--conditions=@pairtrack/source', '--import', 'tsx'] as const

export type CliRun = { code: number; stdout: string; stderr: string }

/**
 * Runs the real `pairtrack` CLI (src/cli/main.ts through tsx) in a child process.
 * @example const { code, stdout } = await runPairtrack(['status', '--store', url])
 */
export function runPairtrack(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...TSX_NODE_ARGS, 'packages/server/src/cli/main.ts', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, PAIRTRACK_STORE: '', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
        resolve({ code, stdout, stderr })
      },
    )
  })
}
