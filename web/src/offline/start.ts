import { setDeviceFallback } from '../api/client';

/**
 * Issue 14, at start-up: GETs that cannot reach the server are answered from the device's field
 * copy (loaded on first use, so the sign-in page's download does not grow), and the service worker
 * that keeps the app shell for offline use is registered once the page has loaded.
 */
export function startOffline(): void {
  setDeviceFallback(async (path, sessionUserId) => {
    const [{ offlineDb }, { deviceCopy }] = await Promise.all([
      import('./db'),
      import('./fieldStore'),
    ]);
    return deviceCopy(offlineDb(), path, sessionUserId);
  });
  if (import.meta.env.PROD && typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
    const register = () => {
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
        // No service worker (e.g. a private window): the app works online as before.
      });
    };
    if (document.readyState === 'complete') {
      register();
    } else {
      window.addEventListener('load', register, { once: true });
    }
  }
}
