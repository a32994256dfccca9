// The outbox thread (a worker_threads entry, started by start-outbox-thread.ts): owns the SQLite outbox and
// runs the delivery loops, so that the relay's event loop never waits behind a commit's fsync, a claim of
// thousands of rows or the building of a platform request. Serves the store's methods to the relay, and
// forwards its log lines to the relay's logger.
import { parentPort, workerData } from 'node:worker_threads'
import type { DeliveryLogger, LogMethod } from '../delivery/index.js'
import { openOutboxStore, type EnqueueResult } from '../outbox/index.js'
import { startDelivery } from './delivery-settings.js'
import { STORE_METHODS, type FromOutboxThread, type OutboxThreadData, type ThreadCall, type ThreadReply, type ToOutboxThread } from './outbox-thread-protocol.js'

const port = parentPort
if (port === null) throw new Error('outbox-thread.ts runs as a worker thread only')
const data = workerData as OutboxThreadData
const post = (message: FromOutboxThread): void => port.postMessage(message)

const forward =
  (level: 'debug' | 'info' | 'warn' | 'error'): LogMethod =>
  (fields, message) =>
    post({ kind: 'log', level, fields, message })
const logger: DeliveryLogger = { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') }

const opened = openOutboxStore(data.storeUrl)
if (!opened.ok) throw new Error(`pairtrack outbox thread: ${opened.error.message}`)
const store = opened.value
const delivery = startDelivery(store, data.delivery, logger)

// Replies of one turn go back in one message.
let replies: ThreadReply[] = []
const reply = (answer: ThreadReply): void => {
  if (replies.length === 0) setImmediate(() => {
    const batch = replies
    replies = []
    post({ kind: 'replies', replies: batch })
  })
  replies.push(answer)
}

const run = async (call: ThreadCall): Promise<unknown> => {
  if (call.method === 'drain') return delivery.drain()
  if (call.method === 'close') {
    await delivery.close(Number(call.args[0]))
    await store.close()
    // Nothing more to serve: once this reply is out, the thread's loop empties and the thread ends.
    setImmediate(() => setImmediate(() => port.close()))
    return undefined
  }
  if (!(call.method in STORE_METHODS)) throw new Error(`unknown outbox call ${String(call.method)}`)
  const method = store[call.method] as (...args: unknown[]) => Promise<unknown>
  const value = await method(...call.args)
  // New pending rows: wake their destinations' loops here, with no round trip to the relay.
  if (call.method === 'enqueue') {
    for (const destination of new Set((value as EnqueueResult[]).filter((row) => row.result === 'queued').map((row) => row.destination))) {
      delivery.wake(destination)
    }
  }
  return value
}

port.on('message', (message: ToOutboxThread) => {
  for (const call of message.calls) {
    run(call).then(
      (value) => reply({ id: call.id, ok: true, value }),
      (error: unknown) => reply({ id: call.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
    )
  }
})
