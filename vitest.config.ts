import { defineConfig } from 'vitest/config'

const databaseTests = (name: 'pglite' | 'postgres') => ({
  test: {
    name,
    include: ['apps/server/test/**/*.test.ts'],
    globalSetup: ['apps/server/test/support/global-setup.ts'],
    env: { MEIHAO_TEST_DB: name },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})

// Pure rules run once; every database test runs on PGlite, and again on PostgreSQL when DATABASE_URL is set.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      // Property tests are CPU-bound: on a shared 2-core machine they need more than the default 5 s.
      {
        test: {
          name: 'unit',
          include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      databaseTests('pglite'),
      ...(process.env.DATABASE_URL ? [databaseTests('postgres')] : []),
    ],
  },
})
