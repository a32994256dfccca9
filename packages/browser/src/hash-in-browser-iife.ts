// Script-tag entry of the add-on (dist/pairtrack-hash.js): installs window.pairtrackHash.
// `<script src="/pairtrack/pairtrack-hash.js" data-default-country="GB">` sets the phone default country.
import { installHashInBrowser } from './hash-in-browser.js'

try {
  const defaultCountry = (document.currentScript as HTMLScriptElement | null)?.dataset.defaultCountry
  installHashInBrowser(defaultCountry ? { defaultCountry } : {}, window)
} catch {
  // Never reach the page, even here.
}
