/**
 * Polls `check` until it holds: a wait for something the system does on its own time (deliveries,
 * retries), never an assertion about how long it took. Fails with `what` after `timeoutMs`.
 * @example await waitUntil(async () => (await settled(path)), { what: 'all rows delivered' })
 */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  options: { what: string; timeoutMs?: number; everyMs?: number },
): Promise<void> {
  const until = Date.now() + (options.timeoutMs ?? 15_000)
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${options.what}`)
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 10))
  }
}
