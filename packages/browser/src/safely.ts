/** A debug logger: silent unless debug is on. Never given raw PII, only names, ids, counts and errors. */
export type Logger = (message: string, detail?: unknown) => void

/**
 * The logger for a tracker; `isOn` is read per call so that a later `init({ debug: true })` takes effect.
 * @example createLogger(() => true)('sent', 2) // console.warn('[pairtrack] sent', 2)
 */
export function createLogger(isOn: () => boolean | undefined, sink: Pick<Console, 'warn'> = console): Logger {
  return (message, detail) => {
    if (isOn()) sink.warn(`[pairtrack] ${message}`, detail ?? '')
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
      log('error', error)
      return fallback
    }
  }
}
