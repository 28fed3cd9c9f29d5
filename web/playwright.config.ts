import { defineConfig, devices } from '@playwright/test';

// Playwright cannot download its own browsers here: it drives Debian's chromium.
const chromiumPath = process.env.PATRONAGE_CHROMIUM ?? '/usr/bin/chromium';

// PATRONAGE_E2E_MOCK=1 runs the specs against the Vite dev server with the API
// mocked in the browser (e2e/mock-api.ts): checks the web app alone, no C++ server.
// With PATRONAGE_E2E_URL also set, the mocked specs run against that server
// instead (e.g. `vite preview` of the built dist/).
const mock = process.env.PATRONAGE_E2E_MOCK === '1';
const explicitURL = process.env.PATRONAGE_E2E_URL;
const baseURL = explicitURL ?? (mock ? 'http://127.0.0.1:5173' : 'http://127.0.0.1:8080');

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  // The suite's sanitizer build runs beside these tests at idle priority (scripts/test.sh): a page that boots in a
  // second alone took over five once on a loaded machine, before its first request.
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'ru-RU',
    // The browser works where the service does (scripts/e2e.sh serves with server.time_zone Europe/Moscow).
    timezoneId: 'Europe/Moscow',
    screenshot: 'only-on-failure',
    // Issue 14: every new context would install the service worker and precache the whole app
    // (2.4 MiB) behind the test's back; only e2e/offline.spec.ts, which is about it, allows it.
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } },
    // The slow-network benchmark (bench/): only with PATRONAGE_BENCH=1, never in the e2e run.
    ...(process.env.PATRONAGE_BENCH === '1'
      ? [
          {
            name: 'bench',
            testDir: './bench',
            // No trace: its DOM snapshots would be measured as the page's own work.
            use: { ...devices['Desktop Chrome'], channel: undefined, trace: 'off' as const },
          },
        ]
      : []),
  ],
  webServer:
    mock && explicitURL === undefined
      ? {
          command: 'npx vite --host 127.0.0.1 --port 5173 --strictPort',
          url: 'http://127.0.0.1:5173',
          reuseExistingServer: true,
          timeout: 60_000,
        }
      : undefined,
});
