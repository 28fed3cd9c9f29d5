/// <reference types="vitest/config" />
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig, transformWithEsbuild, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { pwa } from './pwa.config';
import { APP_STYLE_ATTRIBUTE } from './src/boot/appStyles';
import { BOOT_ACTIVE_ATTRIBUTE, BOOT_IDS, bootHead, bootMarkup } from './src/boot/markup';
import type { BootConfig } from './src/boot/signInBoot';
import { BOOT_LANGUAGE_STORAGE_KEY, pickBootTexts, type BootTexts } from './src/boot/texts';

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

/**
 * The sign-in form of index.html (issue 13 point 13, src/boot): a phone on a 3G line types
 * into it before the app's JavaScript has arrived. Its markup and styles are written into
 * index.html from src/locales/*.json; its boot script, compiled on its own, is a hashed file
 * under /assets (the server's Content-Security-Policy refuses inline scripts).
 */
function signInBoot(): Plugin {
  const HEAD = '<!-- sign-in-boot:head -->';
  const BODY = '<!-- sign-in-boot:body -->';
  const file = (path: string) => new URL(path, import.meta.url).pathname;
  let texts: BootTexts | undefined;
  let script = '';
  let scriptPath = '';

  async function compile() {
    const read = (language: 'ru' | 'en') =>
      pickBootTexts(
        JSON.parse(readFileSync(file(`./src/locales/${language}.json`), 'utf8')),
        language,
      );
    texts = { ru: read('ru'), en: read('en') };
    const source = file('./src/boot/signInBoot.ts');
    const { code } = await transformWithEsbuild(readFileSync(source, 'utf8'), source, {
      loader: 'ts',
      format: 'iife',
      globalName: 'boot',
      minify: true,
      target: 'es2019',
    });
    const config: BootConfig = {
      texts,
      ids: BOOT_IDS,
      activeAttribute: BOOT_ACTIVE_ATTRIBUTE,
      languageStorageKey: BOOT_LANGUAGE_STORAGE_KEY,
      signInPath: '/login',
    };
    script = `(()=>{${code.trim()}boot.installSignInBoot(${JSON.stringify(config)})})();\n`;
    const hash = createHash('sha256').update(script).digest('base64url').slice(0, 8);
    scriptPath = `/assets/sign-in-boot-${hash}.js`;
  }

  return {
    name: 'patronage-sign-in-boot',
    async buildStart() {
      await compile();
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (scriptPath !== '' && request.url === scriptPath) {
          response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
          response.end(script);
        } else {
          next();
        }
      });
    },
    transformIndexHtml: {
      // After Vite's own tags: the boot script comes before the app's stylesheet link (a
      // script after a pending stylesheet waits for it).
      order: 'post',
      async handler(html, context) {
        if (context.server !== undefined || texts === undefined) {
          await compile(); // the dev server: the locales may have changed
        }
        if (!html.includes(HEAD) || !html.includes(BODY)) {
          throw new Error('index.html lacks the sign-in boot placeholders');
        }
        return (
          html
            .replace(HEAD, bootHead(scriptPath))
            .replace(BODY, bootMarkup(texts!))
            // The app's stylesheet does not hold up the first paint of the form (whose styles
            // are inline): it is fetched at once and applied by src/main.tsx before React
            // renders (src/boot/appStyles.ts).
            .replace(
              /<link rel="stylesheet"( crossorigin)? href="([^"]+)">/g,
              `<link rel="preload" as="style"$1 href="$2" ${APP_STYLE_ATTRIBUTE}>`,
            )
        );
      },
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: scriptPath.slice(1), source: script });
    },
  };
}

/**
 * The page's icon written into index.html as a `data:` address (issue 14). Chrome fetches the icon again on every
 * change of the address (a case's section switch writes `?tab=`), and the page's main thread loads it like any
 * request; an icon in a `data:` address is decoded where it is, with no request. public/favicon-48.png stays the
 * one source (scripts/icons.mjs makes it).
 */
function inlineIcon(): Plugin {
  const LINK = 'href="/favicon-48.png"';
  return {
    name: 'patronage-inline-icon',
    transformIndexHtml(html) {
      if (!html.includes(LINK)) {
        throw new Error('index.html lacks the icon link');
      }
      const png = readFileSync(new URL('./public/favicon-48.png', import.meta.url));
      return html.replace(LINK, `href="data:image/png;base64,${png.toString('base64')}"`);
    },
  };
}

// The C++ server listens here in development (`patronage serve`).
const apiTarget = process.env.PATRONAGE_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), signInLocales(), signInBoot(), inlineIcon(), pwa()],
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
