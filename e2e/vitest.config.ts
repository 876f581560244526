import { defineConfig } from 'vitest/config'

// Browser tests share one server and one browser (started in global setup) and run one file at a time.
export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.ts'],
    globalSetup: ['support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 240_000,
  },
})
