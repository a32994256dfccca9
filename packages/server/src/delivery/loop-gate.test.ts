import { describe, expect, it } from 'vitest'
import { createLoopGate, realSleep, type Sleep } from './loop-gate.js'

describe('createLoopGate', () => {
  it('reports a wait that ran its full time as not woken', async () => {
    const asked: number[] = []
    const gate = createLoopGate(async (ms) => void asked.push(ms))
    expect(await gate.wait(250)).toBe(false)
    expect(asked).toEqual([250])
  })

  it('ends a running wait early on wake and reports it', async () => {
    const gate = createLoopGate(realSleep)
    const started = performance.now()
    const waiting = gate.wait(60_000)
    gate.wake()
    expect(await waiting).toBe(true)
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('remembers a wake that came before the wait, once', async () => {
    const asked: number[] = []
    const sleep: Sleep = async (ms) => void asked.push(ms)
    const gate = createLoopGate(sleep)
    gate.wake()
    expect(await gate.wait(100)).toBe(true)
    expect(await gate.wait(100)).toBe(false)
    expect(asked).toEqual([100])
  })
})
