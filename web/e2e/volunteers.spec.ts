import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signIn } from './signIn';

// The volunteer coordinator's screens (SPEC §9) against the real server with the demo data.
test.skip(process.env.PATRONAGE_E2E_MOCK === '1', 'needs the real server');

const shots = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots');
const SPECIALIST = { login: 'ivanova', password: 'demo-spec-2026' };
const COORDINATOR = { login: 'coordinator', password: 'demo-coord-2026' };
// The demo candidate who has taken one of the two required courses (src/demo/network.cpp).
const CANDIDATE = 'Кириллов Артём Сергеевич';

test.beforeAll(() => {
  mkdirSync(shots, { recursive: true });
});

async function quiet(page: Page) {
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
}

test('the coordinator trains a volunteer and sees proposals for a ward', async ({ page }) => {
  test.setTimeout(90_000);
  // The specialist's case page links to the proposals for the ward.
  await signIn(page, SPECIALIST);
  await page.goto('/cases');
  // The demo ward whose family stated wishes about their volunteer (src/demo/network.cpp).
  await page
    .getByRole('row')
    .filter({ hasText: 'ул. Ленина, д. 12' })
    .first()
    .getByRole('link')
    .first()
    .click();
  await expect(page.getByTestId('case-state')).toHaveText('Активный патронаж');
  const matchLink = page.getByRole('link', { name: 'Подобрать волонтёра' });
  await expect(matchLink).toBeVisible();
  const matchUrl = (await matchLink.getAttribute('href')) ?? '';
  // Issue 13 point 8: the link and the page name the case by its short number, never an internal id.
  expect(matchUrl).toMatch(/^\/volunteers\/match\?case=\d{4}-\d{4}$/);
  const number = decodeURIComponent(matchUrl.split('=')[1] ?? '');
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, COORDINATOR);
  await page.getByRole('link', { name: 'Волонтёры' }).click();
  await expect(page.getByRole('heading', { name: 'Волонтёры', level: 2 })).toBeVisible();
  await expect(page.getByTestId('volunteer')).toHaveCount(5);
  await quiet(page);
  await page.screenshot({ path: join(shots, 'volunteers-ru.png'), fullPage: true });

  // A candidate: the training rule blocks "trained" until the required courses are taken.
  await page.getByRole('link', { name: CANDIDATE }).click();
  await expect(page.getByTestId('volunteer-status')).toHaveText('Кандидат');
  await expect(page.getByTestId('availability')).toBeVisible();
  await expect(page.getByTestId('missing-courses')).toContainText('Защита прав ребёнка');
  await page.getByRole('button', { name: 'Перевести: Обучен' }).click();
  const refusal = page.getByTestId('volunteer-status-error');
  await expect(refusal).toHaveAttribute('data-rule', 'volunteer.training_incomplete');
  await expect(page.getByTestId('volunteer-status')).toHaveText('Кандидат');

  await page.getByRole('button', { name: 'Записать курс' }).click();
  await expect(page.getByLabel('Код курса')).toHaveValue('child_protection');
  // Validated as typed.
  await page.getByLabel('Часов').fill('0');
  await expect(page.getByText('Целое число часов, не меньше 1')).toBeVisible();
  await page.getByLabel('Часов').fill('6');
  await page.getByLabel('Сертификат').fill('ЗПР-2026-7');
  const saved = page.waitForResponse((r) => r.url().endsWith('/courses'));
  await page.getByRole('button', { name: 'Сохранить' }).click();
  expect((await saved).ok()).toBe(true);
  await expect(page.getByTestId('courses')).toContainText('ЗПР-2026-7');
  await expect(page.getByTestId('missing-courses')).toHaveCount(0);
  await page.getByRole('button', { name: 'Перевести: Обучен' }).click();
  await expect(page.getByTestId('volunteer-status')).toHaveText('Обучен');
  await quiet(page);
  await page.screenshot({ path: join(shots, 'volunteer-ru.png'), fullPage: true });

  // Proposals for the ward, best first, each with its reasons.
  await page.goto(matchUrl);
  await expect(
    page.getByRole('heading', { name: 'Подбор волонтёров для подопечных' }),
  ).toBeVisible();
  const proposals = page.getByTestId('proposal');
  await expect(proposals.first()).toBeVisible();
  await expect(proposals.first().getByRole('listitem').first()).not.toBeEmpty();
  await expect(
    page.getByRole('heading', { name: `Предложения для случая № ${number}` }),
  ).toBeVisible();
  await expect(page.getByLabel('Номера случаев')).toHaveValue(number);
  // Typed as people write it (without the leading zeros) the same ward is found.
  await page.getByLabel('Номера случаев').fill(number.replace(/-0+/, '-'));
  await page.getByRole('button', { name: 'Подобрать', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: `Предложения для случая № ${number}` }),
  ).toBeVisible();
  await expect(proposals.first()).toBeVisible();
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Volunteers for wards' })).toBeVisible();
  await quiet(page);
  await page.screenshot({ path: join(shots, 'volunteer-match-en.png'), fullPage: true });
  await page.getByText('RU', { exact: true }).click();
  await quiet(page);
  await page.screenshot({ path: join(shots, 'volunteer-match-ru.png'), fullPage: true });
});
