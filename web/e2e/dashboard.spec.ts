import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mockApi } from './mock-api';
import { mockReports } from './mock-reports';

// SPEC §10: the dashboard of reports. Against the real server (scripts/e2e.sh, demo data)
// or, with PATRONAGE_E2E_MOCK=1, against e2e/mock-reports.ts.

const mock = process.env.PATRONAGE_E2E_MOCK === '1';
const shots = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots');
const HEAD = { login: 'head', password: 'demo-head-2026', role: 'head' };
const AUDITOR = { login: 'auditor', password: 'demo-auditor-2026', role: 'auditor' };

test.beforeAll(() => {
  mkdirSync(shots, { recursive: true });
});

// Nine reports and their charts on a machine shared with builds: give them time.
test.setTimeout(120_000);
const LOAD = { timeout: 30_000 };

async function signIn(page: Page, who: typeof HEAD) {
  if (mock) {
    await mockApi(page, who);
    await mockReports(page, { drill: who.role === 'head' });
  }
  await page.goto('/login');
  await page.getByLabel('Логин').fill(who.login);
  await page.getByLabel('Пароль').fill(who.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Every report loaded and its charts drawn (ECharts renders SVG). */
async function reportsDrawn(page: Page) {
  await expect(page.locator('section[data-testid^="report-"]').first()).toBeVisible(LOAD);
  await expect(page.locator('.mantine-Skeleton-root')).toHaveCount(0, LOAD);
  const charts = page.locator('[data-testid^="chart-"]');
  await expect(charts.first()).toBeVisible(LOAD);
  await expect(charts.first().locator('svg')).toBeVisible(LOAD);
  await expect(page.getByRole('alert')).toHaveCount(0);
}

test('a head sees the charts, keeps the period in the URL and opens the list behind a number', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, HEAD);
  await page.getByRole('link', { name: 'Показатели' }).click();
  await expect(page.getByRole('heading', { name: 'Показатели', level: 2 })).toBeVisible();
  await reportsDrawn(page);
  await expect(page.getByTestId('chart-households_by_state')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Семьи под патронажем', level: 3 })).toBeVisible();
  // Russian labels in the chart by default.
  await expect(page.getByTestId('chart-households_by_state').locator('svg')).toContainText(
    /Активн/,
  );

  // The period: a quarter, then the one before; both survive a reload.
  await page.getByText('Квартал', { exact: true }).click();
  await expect(page).toHaveURL(/period=quarter/);
  await page.getByRole('button', { name: 'Предыдущий период' }).click();
  const url = page.url();
  expect(url).toMatch(/from=\d{4}-(01|04|07|10)-01/);
  await page.reload();
  await expect(page).toHaveURL(url);
  await reportsDrawn(page);
  await page.getByText('Месяц', { exact: true }).click();
  await expect(page).toHaveURL(/period=month/);
  await reportsDrawn(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'dashboard-ru.png'), fullPage: true });

  // A download per report.
  const download = page.waitForEvent('download');
  await page
    .getByRole('button', { name: 'Скачать отчёт «Семьи под патронажем» в формате CSV' })
    .click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);

  // English, with the server's texts in English too.
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
  await reportsDrawn(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'dashboard-en.png'), fullPage: true });
  await page.getByText('RU', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Показатели', level: 2 })).toBeVisible();
  await reportsDrawn(page);

  // A number with a list behind it: the cases list, filtered the same way.
  const byState = page.getByTestId('table-households_by_state');
  const links = byState.getByTestId('drill-link');
  await expect(links.first()).toBeVisible();
  const texts = await links.allTextContents();
  const index = texts.findIndex((text) => text.trim() !== '0');
  expect(index).toBeGreaterThanOrEqual(0);
  const count = Number(texts[index]!.replace(/\s/g, ''));
  await links.nth(index).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/cases\?state=[a-z_]+/);
  const state = new URL(page.url()).searchParams.get('state')!;
  await expect(page.getByRole('heading', { name: 'Случаи', level: 2 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Состояние', exact: true })).toHaveValue(state);
  const rows = page.locator('tbody tr');
  if (mock) {
    await expect(rows).toHaveCount(CASES_IN_STATE[state] ?? 0);
  } else {
    // The list shows the head's whole reach; the report counted households of their unit.
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeGreaterThanOrEqual(Math.min(count, 1));
  }
});

/** Cases the mock's list holds per state (e2e/mock-reports.ts). */
const CASES_IN_STATE: Record<string, number> = { active: 2, closing: 1 };

test('an auditor sees the dashboard without links to families', async ({ page }) => {
  await signIn(page, AUDITOR);
  await expect(page.getByRole('link', { name: 'Случаи' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Показатели' }).click();
  await expect(page.getByRole('heading', { name: 'Показатели', level: 2 })).toBeVisible();
  await reportsDrawn(page);
  await expect(page.getByTestId('chart-households_by_state')).toBeVisible();
  await expect(
    page.getByTestId('table-households_by_state').locator('tbody tr').first(),
  ).toBeVisible();
  await expect(page.getByTestId('drill-link')).toHaveCount(0);
  await expect(page.locator('a[href^="/cases"]')).toHaveCount(0);
});

test('phone: the dashboard fits the width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, HEAD);
  await page.goto('/dashboard?period=year');
  await reportsDrawn(page);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(1);
  await page.screenshot({ path: join(shots, 'dashboard-phone-ru.png'), fullPage: true });
});
