import { DEFAULT_RELAY, type Tracker, type TrackerOptions } from './options.js'
import { createLogger, safely } from './safely.js'
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
    return new URL('.', src ?? '').href.replace(/\/$/, '')
  } catch {
    return DEFAULT_RELAY
  }
}

/**
 * Installs the real global `pairtrack` function and replays the stub's queue: `init` calls first (merged,
 * so a track queued before init still uses the site's options), then every other call in order. The ids
 * the stub minted are in each queued call's options, so they are the ids used. The tracker starts once the
 * queue is replayed, even when nothing was tracked, so that the retry queue of earlier pages is sent; an
 * `init` after that is ignored.
 * @example installPairtrack(window, document.currentScript?.src)
 */
export function installPairtrack(
  host: { pairtrack?: PairtrackGlobal | undefined },
  scriptSrc: string | null | undefined,
  env?: TrackerEnv,
): void {
  if (host.pairtrack?.loaded) return
  const queue = host.pairtrack?.q
  const options: TrackerOptions = { relay: relayFromScriptSrc(scriptSrc) }
  const log = createLogger(() => options.debug, env?.console)
  let tracker: Tracker | undefined
  const start = () => (tracker ??= createTracker(options, env))

  const api: PairtrackGlobal = safely(
    (command: string, ...args: unknown[]): unknown =>
      command == 'init'
        ? tracker
          ? log('init ignored', args[0])
          : void Object.assign(options, args[0])
        : Object.hasOwn(start(), command)
          ? (start()[command as keyof Tracker] as (...a: unknown[]) => unknown)(...args)
          : log('unknown command', command),
    undefined,
    log,
  )
  api.loaded = true

  const calls = Array.isArray(queue) ? queue.map((call) => Array.from(Object(call) as ArrayLike<unknown>)) : []
  for (const inits of [true, false]) for (const call of calls) if ((call[0] == 'init') == inits) api(...(call as [string]))
  start()
  host.pairtrack = api
}
