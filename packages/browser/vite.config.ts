import { defaultClientConditions, defineConfig } from 'vite'

// Two builds, because an IIFE bundle has a single entry:
// - `vite build`: ESM for bundlers and Node (dist/index.js, dist/snippet.js), dependencies external;
// - `vite build --mode iife`: dist/pairtrack.js, everything a script-tag site loads, minified.
// The "@pairtrack/source" condition makes the IIFE bundle shared's src (its zod-free entry only).
export default defineConfig(({ mode }) => {
  const iife = mode === 'iife'
  return {
    resolve: { conditions: ['@pairtrack/source', ...defaultClientConditions] },
    build: {
      emptyOutDir: false,
      // No map for the IIFE: the relay serves pairtrack.js alone, and the comment costs bytes of the budget.
      sourcemap: !iife,
      minify: iife,
      lib: iife
        ? { entry: 'src/iife.ts', formats: ['iife'], name: 'pairtrackScript', fileName: () => 'pairtrack.js' }
        : { entry: { index: 'src/index.ts', snippet: 'src/snippet.ts' }, formats: ['es'], fileName: (_, name) => `${name}.js` },
      rollupOptions: iife ? {} : { external: [/^@pairtrack\//, 'idb-keyval'] },
    },
  }
})
