#!/usr/bin/env node
// The `pairtrack` command (bin of @pairtrack/server): outbox operations without the relay running or any
// platform token. See run-cli.ts for the commands and the README (Operations) for how to use them.
import { runCli } from './run-cli.js'

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  env: process.env,
  now: Date.now,
})
