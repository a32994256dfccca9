// The strict platform emulator (@pairtrack/testkit) in its own process, for the delivery benchmark.
// Prints READY {"url": "..."} when listening; SIGTERM closes it.
import { startEmulator } from '@pairtrack/testkit'
import { announceReady } from './node-process.js'

const emulator = await startEmulator({ port: 0 })
announceReady({ url: emulator.url })
process.once('SIGTERM', () => void emulator.close().then(() => process.exit(0)))
