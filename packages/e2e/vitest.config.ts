import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    globalSetup: ['@receptionist/db/test-template'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
