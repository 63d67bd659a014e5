import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // The migrated template database, then Chromium (from Debian) and `vite build` of the app.
    globalSetup: ['@receptionist/db/test-template', './test/console.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
