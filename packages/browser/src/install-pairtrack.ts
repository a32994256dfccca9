import { DEFAULT_RELAY, type TrackerOptions } from './options.js'
import { createLogger } from './safely.js'
import { createTracker, type TrackerEnv } from './tracker.js'

/** The global `pairtrack(command, …args)`; the stub's version carries the queue `q`. */
export type PairtrackGlobal = ((command: string, ...args: unknown[]) => unknown) & { q?: unknown; loaded?: boolean }

declare global {
  interface Window {
    pairtrack?: PairtrackGlobal
  }
}

/**
 * The relay a script tag implies: the directory of the script's own URL (`…/pairtrack/pairtrack.js` →
 * `…/pairtrack`), else '/pairtrack' (no src, or not an absolute URL).
 * @example relayFromScriptSrc('https://shop.example/pairtrack/pairtrack.js?v=2') // 'https://shop.example/pairtrack'
 */
export function relayFromScriptSrc(src: string | null | undefined): string {
  try {
    // The URL of a directory ends with its '/'.
    return new URL('.', src ?? '').href.slice(0, -1)
  } catch {
    return DEFAULT_RELAY
  }
}

/**
 * Installs the real global `pairtrack` function and replays the stub's queue: `init` calls first (merged,
 * so a track queued before init still uses the site's options), then every other call in order. The ids
 * the stub minted are in each queued call's options, so they are the ids used. The tracker starts at once,
 * even when nothing was tracked, so that the retry queue of earlier pages is sent; a later `init` is
 * ignored. Commands: `track` and `consent` (the Tracker's methods).
 * @example installPairtrack(window, document.currentScript?.src)
 */
export function installPairtrack(
  host: { pairtrack?: PairtrackGlobal | undefined },
  scriptSrc: string | null | undefined,
  env?: TrackerEnv,
): void {
  if (host.pairtrack?.loaded) return
  // The stub's calls, each as an array; anything else in the queue becomes an empty call.
  const calls = Array.from(Object(host.pairtrack?.q) as ArrayLike<unknown>, (call) => Array.from(Object(call) as ArrayLike<unknown>))
  const options: TrackerOptions = { relay: relayFromScriptSrc(scriptSrc) }
  for (const [command, init] of calls) if (command == 'init') Object.assign(options, init)
  const log = createLogger(options, env?.console)
  const tracker = createTracker(options, env)
  // The tracker's methods never throw, so neither does this.
  const api = (command: unknown, ...args: unknown[]): unknown =>
    command === 'track' || command === 'consent'
      ? (tracker[command] as (...a: unknown[]) => unknown)(...args)
      : log(command == 'init' ? 'init ignored' : 'unknown command', command)
  for (const [command, ...args] of calls) if (command != 'init') api(command, ...args)
  host.pairtrack = Object.assign(api, { loaded: true })
}
