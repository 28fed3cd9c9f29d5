/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * `virtual:sign-in-locales`: the sections of src/locales/*.json that the sign-in page uses,
 * so that its first download carries 2 KB of texts instead of both whole catalogues (issue 13
 * point 13). The JSON files stay the only source of strings; the rest arrives with the app.
 */
const SIGN_IN_SECTIONS = ['app', 'language', 'signIn', 'errors', 'a11y'] as const;

function signInLocales(): Plugin {
  const id = 'virtual:sign-in-locales';
  const resolved = `\0${id}`;
  return {
    name: 'patronage-sign-in-locales',
    resolveId: (source) => (source === id ? resolved : undefined),
    load(loaded) {
      if (loaded !== resolved) return undefined;
      const pick = (language: string) => {
        const file = new URL(`./src/locales/${language}.json`, import.meta.url).pathname;
        this.addWatchFile(file);
        const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        return Object.fromEntries(SIGN_IN_SECTIONS.map((section) => [section, all[section]]));
      };
      return ['ru', 'en']
        .map((language) => `export const ${language} = ${JSON.stringify(pick(language))};`)
        .join('\n');
    },
  };
}

// The C++ server listens here in development (`patronage serve`).
const apiTarget = process.env.PATRONAGE_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), signInLocales()],
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
        // The router is not in it: the sign-in page does without (src/main.tsx).
        manualChunks: (id) =>
          /node_modules\/(react|react-dom|scheduler)\//.test(id) ? 'react' : undefined,
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
