// Main-thread cost of one track() call in Chromium (issue 6: under 1 ms per call).
// Serves a page with stub pixels (fbq, gtag, ttq that only record their calls), the inline queue stub and
// the built pairtrack.js (built in memory from the current source), and a relay stand-in that answers 202
// to every beacon. Headless /usr/bin/chromium (or PAIRTRACK_CHROMIUM) through playwright-core. The page is
// cross-origin isolated (COOP + COEP), so that performance.now() has Chromium's fine resolution (5 µs
// instead of 100 µs). In the page, each measured call is one user action in its own task:
//   sync:  performance.now() around pairtrack('track', …) alone: event id, ids and cookies, three pixels,
//          the event queued for the tick's beacon;
//   +send: the same plus the microtask that sends the beacon (JSON, sendBeacon), which runs right after
//          the call, before the page's task ends, so it is main-thread time of the call as well.
//   node packages/browser/bench/track-cost.mjs [--calls 1000] [--json]
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildPairtrackIife, PACKAGE_ROOT } from './build-iife.mjs'

const GOAL_MS = 1
const argValue = (name, fallback) => {
  const at = process.argv.indexOf(name)
  return at > 0 ? Number(process.argv[at + 1]) : fallback
}
const CALLS = argValue('--calls', 1000)
const WARMUP = 100
const CHROMIUM = process.env.PAIRTRACK_CHROMIUM ?? '/usr/bin/chromium'

// playwright-core is a dependency of the e2e workspace package: resolved from there.
const requireFromE2e = createRequire(resolve(PACKAGE_ROOT, '../../e2e/package.json'))
const playwright = await import(pathToFileURL(requireFromE2e.resolve('playwright-core')).href)
const chromium = playwright.chromium ?? playwright.default.chromium

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>track() cost</title>
<script>
window.pixelCalls = 0;
window.fbq = function () { window.pixelCalls++ };
window.dataLayer = [];
window.gtag = function () { window.pixelCalls++; window.dataLayer.push(arguments) };
window.ttq = { track: function () { window.pixelCalls++ } };
!function (w) { var f = w.pairtrack = function () { f.q.push([].slice.call(arguments)) }; f.q = [] }(window);
pairtrack('init', { ga4MeasurementId: 'G-BENCH' });
</script>
<script async src="/pairtrack/pairtrack.js"></script>
</head><body><p>track() cost bench</p></body></html>`

const script = await buildPairtrackIife()
let beacons = 0
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url?.startsWith('/pairtrack/pairtrack.js')) {
    res.writeHead(200, { 'content-type': 'text/javascript', ...isolation, 'Cross-Origin-Resource-Policy': 'same-origin' }).end(script)
  } else if (req.method === 'POST' && req.url === '/pairtrack/events') {
    req.resume().on('end', () => {
      beacons++
      res.writeHead(202, { 'content-type': 'application/json' }).end('{}')
    })
  } else if (req.method === 'GET' && req.url?.startsWith('/?')) {
    res.writeHead(200, { 'content-type': 'text/html', ...isolation }).end(PAGE)
  } else res.writeHead(404).end()
})
await new Promise((done) => server.listen(0, '127.0.0.1', done))
const origin = `http://127.0.0.1:${server.address().port}`

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
})
try {
  const page = await browser.newPage()
  await page.goto(`${origin}/?fbclid=IwAR-bench-click&gclid=bench-gclid`)
  await page.waitForFunction(() => window.pairtrack?.loaded === true)
  // The phases run in the page; `ThreadTime` (CDP Performance metrics: CPU time of the page's main
  // thread, in seconds) is read between them, so that CPU per call can be told from waiting for a core.
  await page.evaluate(() => {
    const nextTask = () => new Promise((done) => setTimeout(done, 0))
    const trackArgs = (i) => [
      'track',
      'AddToCart',
      { value: 24, currency: 'EUR', content_ids: ['mug-classic'], contents: [{ id: 'mug-classic', quantity: 1, item_price: 24 }], num_items: 1 },
      { email: `shopper${i}@example.org`, phone: '+44 20 7946 0958', first_name: 'Ada', last_name: 'Lovelace' },
    ]
    const phases = {
      // The loop alone: a task per iteration, the two microtask turns, the clock reads.
      empty: () => {},
      track: (i) => window.pairtrack(...trackArgs(i)),
      // What the send alone costs in this browser: a bare keepalive fetch of a text/plain Blob, as the
      // script sends (any tracker pays about this for each request it sends).
      fetch: () => void fetch('/pairtrack/events', { method: 'POST', body: new Blob(['{"event_name":"Ref"}'], { type: 'text/plain' }), keepalive: true }).catch(() => {}),
      // The same with a string body (sent as text/plain;charset=UTF-8, also a CORS-simple request).
      fetchString: () => void fetch('/pairtrack/events', { method: 'POST', body: '{"event_name":"Ref"}', keepalive: true }).catch(() => {}),
    }
    window.benchPhase = async (name, calls) => {
      const sync = []
      const withMicrotasks = []
      for (let i = 0; i < calls; i++) {
        await nextTask()
        const t0 = performance.now()
        phases[name](i)
        const t1 = performance.now()
        // A beacon's microtask was queued by the call: it runs before these awaits resume.
        await Promise.resolve()
        await Promise.resolve()
        const t2 = performance.now()
        sync.push(t1 - t0)
        withMicrotasks.push(t2 - t0)
      }
      return { sync, withMicrotasks }
    }
  })
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN
  const phase = async (name, calls) => {
    const before = await threadTime()
    const samples = await page.evaluate(([n, c]) => window.benchPhase(n, c), [name, calls])
    return { ...samples, cpuMsPerCall: ((await threadTime()) - before) * 1000 / calls }
  }
  await phase('track', WARMUP)
  const empty = await phase('empty', CALLS)
  const tracked = await phase('track', CALLS)
  const bare = await phase('fetch', CALLS)
  const bareString = await phase('fetchString', CALLS)
  const result = await page.evaluate(() => ({ crossOriginIsolated: window.crossOriginIsolated, pixelCalls: window.pixelCalls, userAgent: navigator.userAgent }))
  await page.waitForTimeout(500)

  const stats = (samples) => {
    const sorted = [...samples].sort((a, b) => a - b)
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
    return { median: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1], mean: samples.reduce((s, x) => s + x, 0) / samples.length }
  }
  const report = {
    calls: CALLS,
    warmup: WARMUP,
    chromium: result.userAgent.match(/(?:Headless)?Chrome\/[\d.]+/)?.[0],
    crossOriginIsolated: result.crossOriginIsolated,
    pixelCalls: result.pixelCalls,
    requestsReceived: beacons,
    sync: stats(tracked.sync),
    withSend: stats(tracked.withMicrotasks),
    bareFetch: stats(bare.sync),
    bareFetchString: stats(bareString.sync),
    // Main-thread CPU per call, the empty loop's subtracted.
    cpuMsPerCall: { track: tracked.cpuMsPerCall - empty.cpuMsPerCall, fetch: bare.cpuMsPerCall - empty.cpuMsPerCall, fetchString: bareString.cpuMsPerCall - empty.cpuMsPerCall, emptyLoop: empty.cpuMsPerCall },
    goalMs: GOAL_MS,
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(report))
  else {
    const ms = (n) => n.toFixed(3)
    console.log(
      `${report.chromium}, headless; ${CALLS} calls after ${WARMUP} warm-up, one per task; crossOriginIsolated=${report.crossOriginIsolated}; ` +
        `pixel stub calls ${report.pixelCalls}, requests to the relay stand-in ${report.requestsReceived} (beacons + reference fetches); ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg()[0].toFixed(2)}\n`,
    )
    console.log('| track() per call, ms | wall median | p95 | p99 | max | mean | main-thread CPU, mean |')
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
    const rows = [
      ['the call alone (sync)', report.sync, ''],
      ['the call + its beacon send (microtask)', report.withSend, ms(report.cpuMsPerCall.track)],
      ['reference: a bare keepalive fetch of a Blob, no pairtrack', report.bareFetch, ms(report.cpuMsPerCall.fetch)],
      ['reference: the same fetch with a string body', report.bareFetchString, ms(report.cpuMsPerCall.fetchString)],
    ]
    for (const [label, s, cpu] of rows) {
      console.log(`| ${label} | ${ms(s.median)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} | ${ms(s.mean)} | ${cpu} |`)
    }
    console.log(`\n(CPU: main-thread ThreadTime per call, minus the empty loop's ${ms(report.cpuMsPerCall.emptyLoop)} ms)`)
    const verdict = (s) => `${s.p95 < GOAL_MS ? 'met' : 'NOT met'} (p95 ${ms(s.p95)} ms)`
    console.log(`\ngoal, under ${GOAL_MS} ms per call: the call alone ${verdict(report.sync)}; the call + send ${verdict(report.withSend)}`)
  }
} finally {
  await browser.close()
  server.close()
}
