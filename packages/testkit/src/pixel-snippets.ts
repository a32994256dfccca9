/** Options for {@link pixelSnippets}: which platforms to include, and where the emulator runs. */
export type PixelSnippetsOptions = {
  /** The emulator's base URL, e.g. `http://127.0.0.1:8787`. */
  emulatorUrl: string
  /** Meta pixel id. */
  meta?: string
  /** GA4 measurement id (`G-…`). */
  ga4?: string
  /** TikTok pixel code. */
  tiktok?: string
  /** Send the platforms' usual page view from the snippet (`fbq('track','PageView')`, gtag config, `ttq.page()`). @default true */
  pageView?: boolean
}

const json = (value: string): string => JSON.stringify(value).replace(/</g, '\\u003c')

/**
 * The platforms' standard base snippets for `<head>`, unchanged except that each loader URL points at the
 * emulator's stand-in script. A site that works with these works with the real platforms.
 * @example
 * pixelSnippets({ emulatorUrl: emulator.url, meta: '1234567890', ga4: 'G-TEST123', tiktok: 'CTEST' })
 * // '<script>!function(f,b,e,v,n,t,s){…}(window, document,"script","http://127.0.0.1:…/meta/fbevents.js");…</script>…'
 */
export function pixelSnippets(options: PixelSnippetsOptions): string {
  const base = options.emulatorUrl.replace(/\/+$/, '')
  const pageView = options.pageView ?? true
  const parts: string[] = []
  if (options.meta !== undefined) {
    parts.push(`<!-- Meta Pixel (emulated) -->
<script>
!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;
n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,
document,'script',${json(`${base}/meta/fbevents.js`)});
fbq('init', ${json(options.meta)});
${pageView ? "fbq('track', 'PageView');" : ''}
</script>`)
  }
  if (options.ga4 !== undefined) {
    const src = `${base}/ga4/gtag.js?id=${encodeURIComponent(options.ga4)}`
    parts.push(`<!-- Google tag (gtag.js, emulated) -->
<script async src=${json(src)}></script>
<script>
window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
gtag('js', new Date());
gtag('config', ${json(options.ga4)}${pageView ? '' : ', { send_page_view: false }'});
</script>`)
  }
  if (options.tiktok !== undefined) {
    parts.push(`<!-- TikTok Pixel (emulated) -->
<script>
!function (w, d, t) {
  w.TiktokAnalyticsObject=t;var ttq=w[t]=w[t]||[];ttq.methods=["page","track","identify","instances","debug","on","off","once","ready","alias","group","enableCookie","disableCookie","holdConsent","revokeConsent","grantConsent"],ttq.setAndDefer=function(t,e){t[e]=function(){t.push([e].concat(Array.prototype.slice.call(arguments,0)))}};for(var i=0;i<ttq.methods.length;i++)ttq.setAndDefer(ttq,ttq.methods[i]);ttq.instance=function(t){for(var e=ttq._i[t]||[],n=0;n<ttq.methods.length;n++)ttq.setAndDefer(e,ttq.methods[n]);return e},ttq.load=function(e,n){var r=${json(`${base}/tiktok/events.js`)},o=n&&n.partner;ttq._i=ttq._i||{},ttq._i[e]=[],ttq._i[e]._u=r,ttq._t=ttq._t||{},ttq._t[e]=+new Date,ttq._o=ttq._o||{},ttq._o[e]=n||{};n=document.createElement("script");n.type="text/javascript",n.async=!0,n.src=r+"?sdkid="+e+"&lib="+t;e=document.getElementsByTagName("script")[0];e.parentNode.insertBefore(n,e)};
  ttq.load(${json(options.tiktok)});
  ${pageView ? 'ttq.page();' : ''}
}(window, document, 'ttq');
</script>`)
  }
  return parts.join('\n')
}
