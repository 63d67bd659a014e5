import { defineProject } from 'vitest/config';

// `scripts/console-measure.sh`: the load figures, not part of the test command.
export default defineProject({
  test: {
    include: ['bench/measure.run.ts'],
    globalSetup: ['@receptionist/db/test-template', './test/console.global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
