import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    globalSetup: ['./src/test-template.ts'],
    // The concurrency tests queue on row locks; on a loaded 2-core CI box that can pass 5 s.
    testTimeout: 30_000,
  },
});
