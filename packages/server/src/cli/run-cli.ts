import { parseArgs, type ParseArgsConfig } from 'node:util'
import { err, isPlatformId, ok, type Result } from '@pairtrack/shared'
import type { DestinationId } from '../destinations/destination.js'
import { DEFAULT_OUTBOX_URL, openOutboxStore, type OutboxStore } from '../outbox/index.js'
import { EXIT, type CliIo, type ExitCode } from './cli-io.js'
import { listDead, replayDead } from './dead.js'
import { parseDuration, parseSince } from './parse-duration.js'
import { purgeFinished } from './purge.js'
import { printStatus } from './status.js'

export const USAGE = `Usage: pairtrack <command> [options]

Commands:
  status                      records per destination and status
  dead list                   dead records, most recent first
  dead replay                 dead records back to pending (sent again by the relay)
  purge --older-than <age>    delete delivered, dead and suppressed records older than <age>

Options:
  --store <url>          the outbox (default: $PAIRTRACK_STORE, else ${DEFAULT_OUTBOX_URL})
  --destination <id>     dead list/replay: only meta, ga4 or tiktok
  --since <when>         dead list/replay: updated since a duration back (24h, 7d) or an ISO date
  --limit <n>            dead list: at most n records (default 100)
  --older-than <age>     purge: a duration such as 30d, 12h
  --json                 status, dead list: machine-readable output
  -h, --help             this text

Exit codes: 0 done, 1 the outbox could not be opened or the command failed, 2 wrong usage.`

const OPTIONS = {
  store: { type: 'string' },
  destination: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
  'older-than': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options']

type OptionName = keyof typeof OPTIONS
type Values = { [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string }

/** Which options each command takes (`store` and `help` go with all). */
const COMMAND_OPTIONS: Record<string, readonly OptionName[]> = {
  status: ['json'],
  'dead list': ['destination', 'since', 'limit', 'json'],
  'dead replay': ['destination', 'since'],
  purge: ['older-than'],
}

type Command = { name: string; values: Values }
type Filter = { destination?: DestinationId; sinceMs?: number }

/**
 * Runs the `pairtrack` CLI: parses `args` (without node and the script), opens the outbox, runs the
 * command and resolves with the exit code. Errors are printed, never thrown.
 * @example process.exitCode = await runCli(['status', '--store', 'sqlite:./pairtrack.db'], io)
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommand(args)
  if (!parsed.ok) {
    io.err(`pairtrack: ${parsed.error}`)
    io.err('Run pairtrack --help for usage.')
    return EXIT.usage
  }
  if (parsed.value === 'help') {
    io.out(USAGE)
    return EXIT.ok
  }
  const command = parsed.value
  const checked = checkValues(command, io.now())
  if (!checked.ok) {
    io.err(`pairtrack ${command.name}: ${checked.error}`)
    return EXIT.usage
  }
  const url = command.values.store ?? io.env.PAIRTRACK_STORE?.trim() ?? DEFAULT_OUTBOX_URL
  const opened = openOutboxStore(url === '' ? DEFAULT_OUTBOX_URL : url, { mustExist: true })
  if (!opened.ok) {
    io.err(`pairtrack ${command.name}: ${opened.error.message}`)
    return EXIT.failed
  }
  try {
    return await runCommand(command, checked.value, opened.value, io)
  } catch (error) {
    io.err(`pairtrack ${command.name}: ${error instanceof Error ? error.message : String(error)}`)
    return EXIT.failed
  } finally {
    await opened.value.close().catch(() => {})
  }
}

function runCommand(command: Command, filter: Filter & { limit?: number; olderThanMs?: number }, store: OutboxStore, io: CliIo): Promise<ExitCode> {
  const json = command.values.json === true
  const { limit, olderThanMs, ...dead } = filter
  switch (command.name) {
    case 'status':
      return printStatus(store, { json }, io)
    case 'dead list':
      return listDead(store, { ...dead, ...(limit !== undefined ? { limit } : {}) }, { json }, io)
    case 'dead replay':
      return replayDead(store, dead, io)
    default:
      return purgeFinished(store, olderThanMs ?? 0, io)
  }
}

function parseCommand(args: readonly string[]): Result<Command | 'help', string> {
  let values: Values
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true }))
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error))
  }
  if (values.help === true || positionals[0] === 'help') return ok('help')
  if (positionals.length === 0) return err('no command given')
  const name = positionals[0] === 'dead' ? `dead ${positionals[1] ?? ''}`.trim() : positionals[0]!
  const allowed = COMMAND_OPTIONS[name]
  if (allowed === undefined) {
    return err(name === 'dead' ? 'dead needs a subcommand: list or replay' : `unknown command "${positionals.join(' ')}"`)
  }
  const extra = positionals.slice(name.split(' ').length)
  if (extra.length > 0) return err(`unexpected argument "${extra[0]}" after ${name}`)
  const wrong = (Object.keys(values) as OptionName[]).find((key) => key !== 'store' && !allowed.includes(key))
  if (wrong !== undefined) return err(`${name} does not take --${wrong}`)
  return ok({ name, values })
}

function checkValues(command: Command, nowMs: number): Result<Filter & { limit?: number; olderThanMs?: number }, string> {
  const { destination, since, limit } = command.values
  const out: Filter & { limit?: number; olderThanMs?: number } = {}
  if (destination !== undefined) {
    if (!isPlatformId(destination)) return err(`--destination must be meta, ga4 or tiktok, not "${destination}"`)
    out.destination = destination
  }
  if (since !== undefined) {
    const sinceMs = parseSince(since, nowMs)
    if (!sinceMs.ok) return err(`--since: ${sinceMs.error}`)
    out.sinceMs = sinceMs.value
  }
  if (limit !== undefined) {
    const n = Number(limit)
    if (!/^\d+$/.test(limit) || n < 1 || n > 100_000) return err(`--limit must be a whole number from 1 to 100000, not "${limit}"`)
    out.limit = n
  }
  if (command.name === 'purge') {
    const olderThan = command.values['older-than']
    if (olderThan === undefined) return err('--older-than is required, e.g. --older-than 30d')
    const ms = parseDuration(olderThan)
    if (!ms.ok) return err(`--older-than: ${ms.error}`)
    out.olderThanMs = ms.value
  }
  return ok(out)
}
