import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Suites start real servers (Dovecot, PostgreSQL, Chromium); two cores do not
    // like more than a couple of those at once.
    maxWorkers: 2,
  },
});
