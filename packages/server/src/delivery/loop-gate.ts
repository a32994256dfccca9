/** Waits `ms`, or less if `signal` aborts; never rejects. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>

/**
 * The default Sleep: a real timer, unref'd so an idle worker never keeps a process alive.
 * @example await realSleep(1000, controller.signal)
 */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, Math.max(0, ms))
    timer.unref()
    signal.addEventListener('abort', done, { once: true })
  })

export type LoopGate = {
  /** Ends the current wait early (or the next one, if none is running) and marks it as woken. */
  wake(): void
  /** Sleeps up to `ms`; true when a wake() ended it or came before it. */
  wait(ms: number): Promise<boolean>
}

// The reason a wake aborts the current wait with: a ready value, because abort() without one builds a
// DOMException (with its stack) on every wake, and under load a wake comes with every commit.
const WOKEN = Symbol('woken')

/**
 * How a worker loop sleeps between passes while staying wakeable: new events and stop() call wake().
 * @example const gate = createLoopGate(realSleep); const woken = await gate.wait(5000)
 */
export function createLoopGate(sleep: Sleep): LoopGate {
  let woken = false
  let current: AbortController | undefined
  return {
    wake() {
      woken = true
      current?.abort(WOKEN)
    },
    async wait(ms) {
      if (!woken) {
        current = new AbortController()
        await sleep(ms, current.signal)
        current = undefined
      }
      const result = woken
      woken = false
      return result
    },
  }
}
