import { expect, test } from '@playwright/test';

/**
 * Issue 13 point 13: how long a phone on a 3G line waits for a usable sign-in form
 * (first visit, empty cache). Chrome's network emulation through CDP; the server
 * sends brotli/gzip files and the pages load on first use.
 *
 * Not part of the e2e suite. Run against a served build:
 *   PATRONAGE_BENCH=1 PATRONAGE_E2E_URL=http://127.0.0.1:8080 npx playwright test --project=bench
 */

// Chrome DevTools' presets (throughput in bytes per second, latency in ms added to each request).
const PROFILES = {
  // "3G" (formerly "Fast 3G"): the profile of the 6.9 s and of Lighthouse's mobile runs.
  '3G': {
    latency: 562.5,
    downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
    uploadThroughput: (750 * 1024 * 0.9) / 8,
  },
  'Slow 3G': {
    latency: 2000,
    downloadThroughput: (500 * 1024 * 0.8) / 8,
    uploadThroughput: (500 * 1024 * 0.8) / 8,
  },
};
const RUNS = Number(process.env.PATRONAGE_BENCH_RUNS ?? 3);
const TARGET_MS = 3000;

interface Request {
  url: string;
  sent: number;
  response?: number;
  finished?: number;
  bytes?: number;
}
interface RequestWillBeSent {
  requestId: string;
  timestamp: number;
  request: { url: string };
}
interface LoadingFinished {
  requestId: string;
  timestamp: number;
  encodedDataLength: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

for (const [name, conditions] of Object.entries(PROFILES)) {
  test(`sign-in form usable on ${name}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const times: number[] = [];
    const appTimes: number[] = [];
    let bytes = 0;
    let appBytes = 0;
    for (let run = 0; run < RUNS; run++) {
      // A new context each time: an empty cache, as on a first visit.
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'ru-RU',
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
      let transferred = 0;
      const requests = new Map<string, Request>();
      cdp.on('Network.requestWillBeSent', (event: RequestWillBeSent) => {
        requests.set(event.requestId, {
          url: event.request.url.replace(/^https?:\/\/[^/]+/, ''),
          sent: event.timestamp,
        });
      });
      cdp.on('Network.responseReceived', (event: { requestId: string; timestamp: number }) => {
        const request = requests.get(event.requestId);
        if (request) request.response = event.timestamp;
      });
      cdp.on('Network.loadingFinished', (event: LoadingFinished) => {
        transferred += event.encodedDataLength;
        const request = requests.get(event.requestId);
        if (request) {
          request.finished = event.timestamp;
          request.bytes = event.encodedDataLength;
        }
      });
      // The moment the app's form replaces index.html's (src/boot/takeover.ts), seen from inside.
      await page.addInitScript(() => {
        new MutationObserver((changes, observer) => {
          for (const change of changes) {
            for (const node of change.removedNodes) {
              if (node instanceof HTMLElement && node.id === 'sign-in-boot') {
                (window as { tookOver?: number }).tookOver = Math.round(performance.now());
                observer.disconnect();
              }
            }
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto('/login', { waitUntil: 'commit' });
      // Usable: the login field and the button are laid out and take input. Checked on every
      // frame in the page and timed from the start of the navigation (performance.now()):
      // Playwright's expect() polls at 100 ms, 250 ms, 500 ms, then every second, which
      // rounded the earlier measurements up by as much as a second.
      const usable = await page
        .waitForFunction(
          () => {
            const input = document.querySelector<HTMLInputElement>('input[name="login"]');
            const button = [...document.querySelectorAll('button')].find(
              (b) => b.textContent?.trim() === 'Войти',
            );
            const laidOut = (e: Element) => e.getBoundingClientRect().width > 0;
            return input &&
              button &&
              !input.disabled &&
              !input.readOnly &&
              !button.disabled &&
              laidOut(input) &&
              laidOut(button)
              ? Math.round(performance.now())
              : false;
          },
          null,
          { polling: 'raf', timeout: 60_000 },
        )
        .then((handle) => handle.jsonValue() as Promise<number>);
      bytes = transferred;
      // The same by its accessible names, as a user finds it.
      await expect(page.getByLabel('Логин')).toBeEditable();
      await expect(page.getByRole('button', { name: 'Войти' })).toBeEnabled();
      // The form that is usable first is index.html's own (src/boot); the app takes it over
      // when its JavaScript has arrived and started: the time of that too, for the record.
      // (A build without that form: the app's own was the first, and the time is the same.)
      const app = await page
        .waitForFunction(
          (usableAt) =>
            (window as { tookOver?: number }).tookOver ??
            (document.querySelector(
              '#sign-in-boot, link[href*="sign-in-boot"], script[src*="sign-in-boot"]',
            ) === null
              ? usableAt
              : false),
          usable,
          { polling: 'raf', timeout: 60_000 },
        )
        .then((handle) => handle.jsonValue() as Promise<number>);
      times.push(usable);
      appTimes.push(app);
      appBytes = transferred;
      if (run === RUNS - 1) {
        // Where the time went: every request of the last run, relative to the first one
        // (CDP timestamps are seconds on the browser's monotonic clock).
        const all = [...requests.values()];
        const origin = Math.min(...all.map((r) => r.sent));
        const before = all.filter(
          (r) => r.finished !== undefined && (r.finished - origin) * 1000 <= usable,
        );
        console.log(
          `${name}, last run: ${before.length} requests done before the form was usable, ${before.reduce((sum, r) => sum + (r.bytes ?? 0), 0)} bytes`,
        );
        const ms = (t: number | undefined) =>
          t === undefined ? '     –' : String(Math.round((t - origin) * 1000)).padStart(6);
        console.log(
          `${name}, last run: usable after ${usable} ms; requests (sent, first byte, done, bytes):`,
        );
        for (const r of all.sort((a, b) => a.sent - b.sent)) {
          console.log(
            `  ${ms(r.sent)} ${ms(r.response)} ${ms(r.finished)} ${String(r.bytes ?? '–').padStart(7)}  ${r.url}`,
          );
        }
      }
      await context.close();
    }
    const result = median(times);
    const seconds = (values: number[]) => values.map((t) => (t / 1000).toFixed(2)).join(', ');
    console.log(
      `${name}: sign-in form usable after ${(result / 1000).toFixed(2)} s (median of ${RUNS}: ${seconds(times)} s), ${(bytes / 1024).toFixed(0)} KiB transferred; ` +
        `the app took the form over after ${(median(appTimes) / 1000).toFixed(2)} s (${seconds(appTimes)} s), ${(appBytes / 1024).toFixed(0)} KiB transferred by then`,
    );
    // A benchmark, not a gate: the number goes to docs/benchmarks.md with the machine it ran on.
    test.info().annotations.push({
      type: 'result',
      description: `${name}: ${result} ms (target on 3G: < ${TARGET_MS} ms)`,
    });
  });
}
