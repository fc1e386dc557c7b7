import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One real broker serves the whole run; it starts here unless KAFKA_BROKERS names one.
    globalSetup: ['test/setup/kafka-global-setup.ts'],
    // Integration tests wait on a real broker and compile generated code with tsc.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Two cores: more files at once only make the broker and tsc compete.
    maxWorkers: 2,
  },
});
