/** Where Google Consent Mode state lives: `window.dataLayer`, which gtag() pushes its `arguments` to. */
export type GcmHost = { dataLayer?: unknown }

/**
 * Reads Google Consent Mode v2 state from the page: every `gtag('consent', 'default' | 'update', state)`
 * already in `dataLayer`, in order, then each later one, by wrapping `dataLayer.push` (created when the page
 * has none yet, as gtag's own snippet does; one that is not an array is left alone). A `default` limited to some regions (`region: [...]`) is
 * skipped: the page cannot know the visitor's region. `update` gets the raw state; `mergeConsent` keeps
 * only the four signals. No dependency, nothing of gtag is needed.
 * @example watchGcmConsent(window, tracker.consent)
 */
export function watchGcmConsent(host: GcmHost, update: (state: unknown) => void): void {
  const layer = (host.dataLayer ??= [])
  // Not gtag's: not ours to touch.
  if (!Array.isArray(layer)) return
  const read = (item: unknown) => {
    // gtag pushes an `arguments` object; anything without a length reads as [].
    const [command, kind, state] = Array.from(Object(item) as ArrayLike<unknown>)
    if (command == 'consent' && (kind == 'update' || (kind == 'default' && !Object(state).region))) update(state)
  }
  layer.forEach(read)
  const push = layer.push
  layer.push = (...items) => {
    items.forEach(read)
    return push.apply(layer, items)
  }
}
