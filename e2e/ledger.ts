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

/** Empties the emulator's ledger (`DELETE /_emulator/ledger`), so that a test counts only its own arrivals. */
export async function resetLedger(emulatorUrl: string): Promise<void> {
  const response = await fetch(`${emulatorUrl}/_emulator/ledger`, { method: 'DELETE' })
  if (!response.ok) throw new Error(`ledger reset answered ${response.status}`)
}

/** The server-channel arrivals of one event id at Meta or TikTok (GA4 server events carry no event id). */
export function serverArrivals(ledger: Ledger, platform: 'meta' | 'tiktok', eventId: string): Ledger['meta']['received'] {
  return ledger[platform].received.filter((entry) => entry.channel === 'server' && entry.eventId === eventId)
}
