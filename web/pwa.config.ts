import { VitePWA } from 'vite-plugin-pwa';

/**
 * Issue 14: the installable app. Workbox precaches the built app shell (every page's code, the
 * styles, the icons) so that the app opens with no connection; the API is never cached by the
 * service worker — what the field needs offline is kept by the app itself in IndexedDB
 * (src/offline/). `sw.js`, `workbox-*.js` and `manifest.webmanifest` are written as regular files
 * into dist/, which the server lists at start-up; it gives them `Cache-Control: no-cache` (only
 * /assets/ is long-cached), so a new release reaches the phones at their next start.
 */
export function pwa() {
  return VitePWA({
    strategies: 'generateSW',
    // Registered by src/offline/registerServiceWorker.ts (no inline script: the CSP forbids it).
    injectRegister: false,
    registerType: 'autoUpdate',
    includeAssets: ['favicon-48.png', 'apple-touch-icon.png'],
    manifest: {
      id: '/',
      name: 'Патронаж — сопровождение семей',
      short_name: 'Патронаж',
      description: 'Работа с семьями и визиты на дом, в том числе без связи',
      lang: 'ru',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      orientation: 'any',
      background_color: '#ffffff',
      theme_color: '#1c7ed6',
      icons: [
        { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        {
          src: '/icon-maskable-512.png',
          sizes: '512x512',
          type: 'image/png',
          purpose: 'maskable',
        },
      ],
    },
    workbox: {
      // The app shell: code, styles, fonts, icons. Not the source maps, not the .br/.gz copies.
      globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
      globIgnores: ['**/*.map'],
      // ECharts and Cytoscape are big chunks; they belong to the shell too.
      maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      // Every address of the app opens index.html offline — except the API and the server's own.
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/api\//, /^\/healthz/],
      // Nothing at run time: the API is never cached by the service worker.
      runtimeCaching: [],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
      sourcemap: false,
    },
    devOptions: { enabled: false },
  });
}
