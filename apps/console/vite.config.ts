import { defineConfig } from 'vite';

// Served by the backend under /console; `vite` (dev) proxies the session and API to it.
export default defineConfig(({ command }) => ({
  base: '/console/',
  // A build is always React's production build and JSX transform, even where NODE_ENV=test.
  oxc: { jsx: { runtime: 'automatic', development: command !== 'build' } },
  define:
    command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : undefined,
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 300 },
  server: {
    proxy: {
      '/console/session': 'http://127.0.0.1:3000',
      '/console/api': 'http://127.0.0.1:3000',
    },
  },
}));
