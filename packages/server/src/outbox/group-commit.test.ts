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

  describe('with a sync (fsync off the event loop)', () => {
    /** A sync the test finishes by hand; records which commits had happened when each sync started. */
    function manualSync(committed: () => number) {
      const started: number[] = []
      const finishers: Array<(error?: Error) => void> = []
      return {
        started,
        sync: () =>
          new Promise<void>((resolve, reject) => {
            started.push(committed())
            finishers.push((error) => (error ? reject(error) : resolve()))
          }),
        finish: (error?: Error) => finishers.shift()?.(error),
      }
    }
    const tick = () => new Promise((resolve) => setImmediate(resolve))

    it('settles a caller only after a sync that started after its commit', async () => {
      let commits = 0
      const { schedule, fire } = manualSchedule()
      const disk = manualSync(() => commits)
      const group = createGroupCommit<number, number>({ schedule, sync: disk.sync, commit: (inputs) => (commits++, [...inputs]) })
      let settled = false
      const first = group.submit(1).then((value) => ((settled = true), value))
      fire()
      await tick()
      expect(commits).toBe(1)
      expect(disk.started).toEqual([1]) // the sync began after the commit
      expect(settled).toBe(false)
      disk.finish()
      expect(await first).toBe(1)
    })

    it('commits the next group while a sync runs, and covers it with the next sync', async () => {
      let commits = 0
      const { schedule, fire } = manualSchedule()
      const disk = manualSync(() => commits)
      const group = createGroupCommit<number, number>({ schedule, sync: disk.sync, commit: (inputs) => (commits++, [...inputs]) })
      const order: string[] = []
      const first = group.submit(1).then(() => order.push('first'))
      fire()
      await tick()
      const second = group.submit(2).then(() => order.push('second'))
      const third = group.submit(3).then(() => order.push('third'))
      fire()
      await tick()
      expect(commits).toBe(2) // not held back by the running sync
      expect(disk.started).toEqual([1]) // one sync at a time
      disk.finish()
      await first
      await tick()
      expect(order).toEqual(['first'])
      expect(disk.started).toEqual([1, 2]) // the second group's own sync, started after its commit
      disk.finish()
      await Promise.all([second, third])
      expect(order).toEqual(['first', 'second', 'third'])
    })

    it('rejects the callers of a failed sync, and flush waits for the syncs', async () => {
      let commits = 0
      const disk = manualSync(() => commits)
      const group = createGroupCommit<number, number>({ sync: disk.sync, commit: (inputs) => (commits++, [...inputs]) })
      const failed = group.submit(1)
      await tick()
      let flushed = false
      const flushing = group.flush().then(() => (flushed = true))
      await tick()
      expect(flushed).toBe(false)
      disk.finish(new Error('EIO'))
      await expect(failed).rejects.toThrow('EIO')
      await flushing
      const ok = group.submit(2)
      await tick()
      disk.finish()
      expect(await ok).toBe(2)
    })
  })
})

