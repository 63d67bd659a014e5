import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    globalSetup: ['./src/test-template.ts'],
  },
});
