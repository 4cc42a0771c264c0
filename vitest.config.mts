import { defineConfig } from 'vitest/config';

// One config for the whole monorepo: `npm test` runs every *.test.ts(x) outside node_modules and
// build output. Integration tests start real local clouds (HTTP server + worker threads + SQLite),
// so timeouts are generous and parallelism matches a 2-core machine.
export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', '**/dist/**', '.data/**', '.cache/**', 'artifacts/**', 'coverage/**'],
    globalSetup: ['scripts/test-global-setup.ts'],
    // Child processes rather than threads: native modules (better-sqlite3) and tests that start
    // their own worker threads are happiest there.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
