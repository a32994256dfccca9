// Script-tag entry of the consent add-on (dist/pairtrack-consent.js), configured by its own tag:
// `<script async src="/pairtrack/pairtrack-consent.js" data-source="tcf" data-tcf-vendors="755">`.
import { installConsentSource } from './install-consent-source.js'

try {
  installConsentSource(window, (document.currentScript as HTMLScriptElement | null)?.dataset ?? {})
} catch {
  // Never reach the page, even here.
}
