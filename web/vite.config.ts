/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pwa } from './pwa.config';

// The C++ server listens here in development (`patronage serve`).
const apiTarget = process.env.PATRONAGE_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), pwa()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: {
        // React changes less often than the app: its own file caches longer. Mantine and the
        // rest are left to Rollup, so that the sign-in page downloads only the components it
        // uses and every other page brings its own (issue 13 point 13: first load on a phone).
        manualChunks: (id) =>
          /node_modules\/(react|react-dom|scheduler|react-router)\//.test(id) ? 'react' : undefined,
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
