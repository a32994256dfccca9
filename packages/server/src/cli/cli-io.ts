/** What a CLI command may touch besides the store: output lines, the environment and the clock. */
export type CliIo = {
  out(line: string): void
  err(line: string): void
  env: Readonly<Record<string, string | undefined>>
  now(): number
}

/** Exit codes: 0 done, 1 the outbox could not be opened or the operation failed, 2 wrong usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]
