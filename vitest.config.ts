import { defaultClientConditions, defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// Tests and typecheck read the packages' src/ through the "@pairtrack/source" export condition;
// Vite's defaults stay in the list so that packages relying on module/browser resolve as usual.
const SOURCE_CONDITION = '@pairtrack/source'

const sourceResolution = {
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
}

export default defineConfig({
  ...sourceResolution,
  test: {
    projects: [
      {
        ...sourceResolution,
        test: {
          name: 'shared',
          root: 'packages/shared',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        ...sourceResolution,
        test: {
          name: 'browser',
          root: 'packages/browser',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
      {
        ...sourceResolution,
        test: {
          name: 'server',
          root: 'packages/server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...sourceResolution,
        test: {
          name: 'testkit',
          root: 'packages/testkit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        ...sourceResolution,
        test: {
          name: 'e2e',
          root: 'e2e',
          include: ['**/*.spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
