/**
 * An emulator `delay` that holds every request given a latency fault until `release()`: the test knows
 * exactly when a platform is holding a request, instead of guessing with timers.
 * @example
 * const hold = holdingDelay()
 * const emulator = await startEmulator({ delay: hold.delay })
 * emulator.setFault('meta', { latencyMs: 1 })
 * await hold.waitForHeld(1)
 */
export function holdingDelay() {
  const waiting: Array<() => void> = []
  const watchers: Array<{ count: number; resolve: () => void }> = []
  let held = 0
  return {
    delay(): Promise<void> {
      held += 1
      for (const watcher of watchers.filter((w) => held >= w.count)) {
        watchers.splice(watchers.indexOf(watcher), 1)
        watcher.resolve()
      }
      return new Promise<void>((resolve) => waiting.push(resolve))
    },
    /** Requests held so far (released ones included). */
    get held(): number {
      return held
    },
    /** Resolves once `count` requests have been held. */
    waitForHeld(count: number): Promise<void> {
      if (held >= count) return Promise.resolve()
      return new Promise<void>((resolve) => watchers.push({ count, resolve }))
    },
    /** Lets every held request go on. */
    release(): void {
      waiting.splice(0).forEach((resolve) => resolve())
    },
  }
}
