import type { Ledger } from '@pairtrack/testkit'

export async function fetchLedger(emulatorUrl: string): Promise<Ledger> {
  const response = await fetch(`${emulatorUrl}/_emulator/ledger`)
  if (!response.ok) throw new Error(`ledger answered ${response.status}`)
  return (await response.json()) as Ledger
}

/**
 * Polls the emulator's ledger until `done` holds (delivery is asynchronous: the relay answers 202 first),
 * and returns it; throws with the last ledger when time runs out.
 */
export async function waitForLedger(
  emulatorUrl: string,
  done: (ledger: Ledger) => boolean,
  timeoutMs = 15_000,
): Promise<Ledger> {
  const deadline = Date.now() + timeoutMs
  let ledger = await fetchLedger(emulatorUrl)
  while (!done(ledger)) {
    if (Date.now() > deadline) {
      throw new Error(`ledger condition not met in ${timeoutMs} ms:\n${JSON.stringify(ledger, null, 2).slice(0, 4000)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
    ledger = await fetchLedger(emulatorUrl)
  }
  return ledger
}
