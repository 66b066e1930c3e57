import { defineConfig } from 'vitest/config';

// Unit tests sit beside their module; cross-package tests live in test/.
export default defineConfig({
  test: {
    include: ['solver/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
