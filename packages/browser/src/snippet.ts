// Node-safe entry (`@pairtrack/browser/snippet`): renders the two script tags a site puts in <head>.
import type { TrackerOptions } from './options.js'

/**
 * The inline stub (ES5, ~500 bytes): queues calls made before pairtrack.js loads, and for 'track' mints
 * the event id at once (crypto.randomUUID, else getRandomValues) and puts it into the call's options, so
 * `const id = pairtrack('track', …)` works before load and the loaded script uses that same id.
 */
export const STUB =
  '!function(w,p){if(w[p])return;var f=w[p]=function(){var a=[].slice.call(arguments),o;if(a[0]=="track")try{o=a[4]=Object.assign({},a[4]);o.eventId=o.eventId||(crypto.randomUUID?crypto.randomUUID():"10000000-1000-4000-8000-100000000000".replace(/[018]/g,function(c){return(c^crypto.getRandomValues(new Uint8Array(1))[0]&15>>c/4).toString(16)}))}catch(e){}f.q.push(a);return o&&o.eventId};f.q=[]}(window,"pairtrack");'

/** Options of `snippet`: the `init` options, plus where the scripts are served from and which add-ons load. */
export type SnippetOptions = TrackerOptions & {
  relay: string
  /** URL of pairtrack.js. @default `${relay}/pairtrack.js` */
  src?: string
  /** Also load the consent add-on (`pairtrack-consent.js`) reading Google Consent Mode (`gcm`) or an IAB TCF CMP (`tcf`). */
  consentSource?: 'gcm' | 'tcf'
  /** With `consentSource: 'tcf'`: the GVL ids of the advertising vendors the ad signals need, e.g. [755]. */
  tcfVendors?: readonly number[]
  /** With `hashInBrowser`: the country for phone numbers typed without an international prefix (ISO 3166-1 alpha-2). */
  defaultCountry?: string
}

// JSON inside <script>: "<" escaped so that no value can close the tag.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')
const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * The HTML of the script tags: the inline stub with `pairtrack('init', …)`, then the async script. With
 * `hashInBrowser`, the hashing add-on comes first and both are `defer`, so that it is on the page before the
 * core script drains the queue (no event ever waits for it with raw PII); with `consentSource`, the consent
 * add-on follows (async: it hands each answer to `pairtrack('consent', …)`, queued or live).
 * @example snippet({ relay: '/pairtrack' })
 * // <script>!function(w,p){…}(window,"pairtrack");
 * // pairtrack('init',{"relay":"/pairtrack"});</script>
 * // <script async src="/pairtrack/pairtrack.js"></script>
 */
export function snippet(options: SnippetOptions): string {
  const { src, consentSource, tcfVendors, defaultCountry, ...init } = options
  const base = options.relay.replace(/\/+$/, '')
  const tag = (mode: string, url: string, data = '') => `<script ${mode} src="${escapeAttribute(url)}"${data}></script>\n`
  const loading = init.hashInBrowser ? 'defer' : 'async'
  return (
    `<script>${STUB}\npairtrack('init',${scriptJson(init)});</script>\n` +
    (init.hashInBrowser
      ? tag('defer', `${base}/pairtrack-hash.js`, defaultCountry ? ` data-default-country="${escapeAttribute(defaultCountry)}"` : '')
      : '') +
    tag(loading, src ?? `${base}/pairtrack.js`) +
    (consentSource
      ? tag(
          'async',
          `${base}/pairtrack-consent.js`,
          ` data-source="${consentSource}"` + (tcfVendors?.length ? ` data-tcf-vendors="${escapeAttribute(tcfVendors.join(','))}"` : ''),
        )
      : '')
  )
}
