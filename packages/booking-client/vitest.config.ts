import { defineProject } from 'vitest/config';

export default defineProject({
  // Schedule calls on the shared Temporal dev server queue behind other suites on a loaded box.
  test: { testTimeout: 30_000 },
});
