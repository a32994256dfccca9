// Script-tag entry (dist/pairtrack.js): takes over from the inline stub. currentScript is this script
// while it runs, async or not.
import { installPairtrack } from './install-pairtrack.js'

try {
  installPairtrack(window, (document.currentScript as HTMLScriptElement | null)?.src)
} catch {
  // Never reach the page, even here.
}
