import 'fake-indexeddb/auto'
import type { TrackEvent } from '@pairtrack/shared'
import { del, get, set } from 'idb-keyval'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createQueueStorage, QUEUE_KEY } from './queue-storage.js'

const lead = (id: string): TrackEvent => ({ event_name: 'Lead', event_id: id })

describe('createQueueStorage', () => {
  beforeEach(() => del(QUEUE_KEY))
  afterEach(() => vi.unstubAllGlobals())

  it('keeps the queue in IndexedDB, where the next page finds it', async () => {
    await createQueueStorage()((stored) => [...stored, lead('a')])

    const nextPage = createQueueStorage()
    expect(await nextPage((stored) => [...stored, lead('b')])).toEqual([lead('a'), lead('b')])
    expect(await get(QUEUE_KEY)).toEqual([lead('a'), lead('b')])
  })

  it('starts empty from a stored value that is not a list', async () => {
    await set(QUEUE_KEY, 'corrupt')
    expect(await createQueueStorage()((stored) => [...stored, lead('a')])).toEqual([lead('a')])
  })

  it('does not lose events when two pages update at once', async () => {
    const [one, two] = [createQueueStorage(), createQueueStorage()]
    await Promise.all([one((stored) => [...stored, lead('a')]), two((stored) => [...stored, lead('b')])])
    expect(((await get(QUEUE_KEY)) as TrackEvent[]).map((e) => e.event_id).sort()).toEqual(['a', 'b'])
  })

  it('falls back to memory when IndexedDB is unavailable, and keeps working', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const storage = createQueueStorage()

    expect(await storage((stored) => [...stored, lead('a')])).toEqual([lead('a')])
    expect(await storage((stored) => [...stored, lead('b')])).toEqual([lead('a'), lead('b')])
    expect(await storage((stored) => stored.slice(1))).toEqual([lead('b')])
  })

  it('falls back to memory when IndexedDB refuses to open (some private modes)', async () => {
    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError')
      },
    })
    const storage = createQueueStorage()
    expect(await storage((stored) => [...stored, lead('a')])).toEqual([lead('a')])
  })
})
