import { describe, expect, it } from 'vitest'
import { createGroupCommit } from './group-commit.js'

/** A schedule the test fires by hand, so "the same tick" is explicit. */
function manualSchedule() {
  const queued: Array<() => void> = []
  return { schedule: (flush: () => void) => void queued.push(flush), fire: () => queued.splice(0).forEach((f) => f()) }
}

describe('createGroupCommit', () => {
  it('commits every submit made before the flush in one transaction, outputs in order', async () => {
    const transactions: number[][] = []
    const { schedule, fire } = manualSchedule()
    const group = createGroupCommit<number, string>({
      schedule,
      commit: (inputs) => {
        transactions.push([...inputs])
        return inputs.map((n) => `out-${n}`)
      },
    })
    const results = Promise.all([group.submit(1), group.submit(2), group.submit(3)])
    fire()
    expect(await results).toEqual(['out-1', 'out-2', 'out-3'])
    expect(transactions).toEqual([[1, 2, 3]])
  })

  it('settles no caller before its transaction has committed', async () => {
    let finishCommit: () => void = () => {}
    const group = createGroupCommit<number, number>({
      commit: (inputs) => new Promise((resolve) => (finishCommit = () => resolve([...inputs]))),
    })
    let settled = false
    const result = group.submit(7).then((value) => ((settled = true), value))
    await new Promise((resolve) => setImmediate(resolve))
    await Promise.resolve()
    expect(settled).toBe(false)
    finishCommit()
    expect(await result).toBe(7)
  })

  it('retries each caller alone after a failed group, so only the bad input rejects', async () => {
    const transactions: number[][] = []
    const { schedule, fire } = manualSchedule()
    const group = createGroupCommit<number, number>({
      schedule,
      commit: (inputs) => {
        transactions.push([...inputs])
        if (inputs.includes(13)) throw new Error('disk says no')
        return inputs.map((n) => n * 2)
      },
    })
    const settled = Promise.allSettled([group.submit(1), group.submit(13), group.submit(3)])
    fire()
    expect((await settled).map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([
      2,
      'disk says no',
      6,
    ])
    expect(transactions).toEqual([[1, 13, 3], [1], [13], [3]])
  })

  it('reports each commit with its caller count', async () => {
    const reports: unknown[] = []
    const group = createGroupCommit<number, number>({ commit: (inputs) => [...inputs], onCommit: (r) => reports.push(r) })
    await Promise.all([group.submit(1), group.submit(2)])
    await group.submit(3)
    expect(reports).toEqual([{ callers: 2 }, { callers: 1 }])
  })

  it('flush commits what is queued without waiting for the schedule', async () => {
    const { schedule } = manualSchedule()
    const group = createGroupCommit<number, number>({ schedule, commit: (inputs) => [...inputs] })
    const result = group.submit(5)
    await group.flush()
    expect(await result).toBe(5)
  })
})
