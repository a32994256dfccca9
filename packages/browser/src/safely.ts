/** A debug logger: silent unless debug is on. Never given raw PII, only names, ids, counts and errors. */
export type Logger = (...details: unknown[]) => void

/**
 * The logger for a tracker; `options.debug` is read per call, so that a later `init({ debug: true })` takes effect.
 * @example createLogger({ debug: true })('sent', 2) // console.warn('[pairtrack]', 'sent', 2)
 */
export function createLogger(options: { debug?: boolean | undefined }, sink: Pick<Console, 'warn'> = console): Logger {
  return (...details) => {
    if (options.debug) sink.warn('[pairtrack]', ...details)
  }
}

/**
 * Wraps an entry point so that nothing it throws reaches the page: the error is logged (debug only)
 * and `fallback` is returned.
 * @example const track = safely(rawTrack, '', log)
 */
export function safely<A extends unknown[], R>(fn: (...args: A) => R, fallback: R, log: Logger): (...args: A) => R {
  return (...args) => {
    try {
      return fn(...args)
    } catch (error) {
      log(error)
      return fallback
    }
  }
}
