import { defaultClientConditions, defineConfig } from 'vite'

// Three builds, because an IIFE bundle has a single entry:
// - `vite build`: ESM for bundlers and Node (dist/index.js, dist/snippet.js, dist/hash.js), dependencies external;
// - `vite build --mode iife`: dist/pairtrack.js, everything a script-tag site loads, minified (terser);
// - `vite build --mode hash`: dist/pairtrack-hash.js, the `hashInBrowser` add-on (normalisers and
//   libphonenumber-js metadata), minified, with its own size budget (test/hash-bundle-size.test.ts).
// The "@pairtrack/source" condition makes the IIFE bundle shared's src (its zod-free entry only).
export default defineConfig(({ mode }) => {
  const hash = mode === 'hash'
  // `vite build --mode consent`: dist/pairtrack-consent.js, the consent-source add-on (GCM / TCF readers).
  const consent = mode === 'consent'
  const iife = mode === 'iife' || hash || consent
  return {
    resolve: { conditions: ['@pairtrack/source', ...defaultClientConditions] },
    build: {
      emptyOutDir: false,
      // No map for the IIFE: the relay serves pairtrack.js alone, and the comment costs bytes of the budget.
      sourcemap: !iife,
      // The core script (pairtrack.js, 3 KB budget) goes through terser rather than Vite's default (oxc): about
      // 60 B less gzip, of which ~20 B from the property mangling below. (Its code is ES2020 or later, so Vite's
      // `safari10` workarounds are dead bytes.) The add-ons, which bundle third-party code (libphonenumber-js),
      // keep the default minifier, whose transforms assume nothing about that code.
      minify: mode === 'iife' ? 'terser' : iife,
      terserOptions: {
        ecma: 2020,
        safari10: false,
        toplevel: true,
        // unsafe_arrows (function expressions → arrows, which have no prototype): no function of the script
        // is called with `new`.
        compress: { passes: 5, toplevel: true, unsafe_arrows: true },
        // Internal property names, shortened: each is a name of our own objects only (retry queue, beacon
        // batch, allowed purposes, backoff policy), never one that a page, a pixel or the browser defines or
        // reads. Add a name here only under that rule; the e2e runs the built script.
        mangle: { toplevel: true, properties: { regex: /^(ads|analytics|flush|drain|baseDelayMs|maxDelayMs)$/ } },
      },
      lib: iife
        ? consent
          ? { entry: 'src/consent/consent-iife.ts', formats: ['iife'], name: 'pairtrackConsentScript', fileName: () => 'pairtrack-consent.js' }
          : hash
          ? { entry: 'src/hash-in-browser-iife.ts', formats: ['iife'], name: 'pairtrackHashScript', fileName: () => 'pairtrack-hash.js' }
          : { entry: 'src/iife.ts', formats: ['iife'], name: 'pairtrackScript', fileName: () => 'pairtrack.js' }
        : {
            entry: { index: 'src/index.ts', snippet: 'src/snippet.ts', hash: 'src/hash-in-browser.ts' },
            formats: ['es'],
            fileName: (_, name) => `${name}.js`,
          },
      rollupOptions: iife ? {} : { external: [/^@pairtrack\//, 'idb-keyval'] },
    },
  }
})
