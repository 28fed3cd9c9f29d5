import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Against the real server only (scripts/e2e.sh: a fresh demo database).
test.skip(process.env.PATRONAGE_E2E_MOCK === '1', 'needs the real server');

const shots = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots');
const HEAD = { login: 'head', password: 'demo-head-2026' };
const SECRETARY = { login: 'secretary', password: 'demo-secretary-2026' };

test.beforeAll(() => {
  mkdirSync(shots, { recursive: true });
});

async function signIn(page: Page, who: { login: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('Логин').fill(who.login);
  await page.getByLabel('Пароль').fill(who.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { name: 'Рабочий список', level: 2 })).toBeVisible();
}

test('a head finds a family by its Latin spelling as they type and opens its case', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signIn(page, HEAD);
  const search = page.getByRole('searchbox', { name: 'Поиск семьи или человека' });
  await search.pressSequentially('Belov', { delay: 60 });
  const result = page.getByTestId('search-result').filter({ hasText: 'Белова Ирина Олеговна' });
  await expect(result).toBeVisible({ timeout: 10_000 });
  await expect(result).toContainText('Ожидает решения');
  await page.screenshot({ path: join(shots, 'search-ru.png') });
  await result.click();
  await expect(page).toHaveURL(/\/cases\/[A-Za-z0-9]+$/);
  await expect(page.getByTestId('case-state')).toHaveText('Ожидает решения');
  await expect(page.getByText('г. Энск, ул. Гагарина, д. 41, кв. 2').first()).toBeVisible();

  // Keyboard: arrows and Enter open a result too; a birth date finds the person.
  await search.fill('14.03.2016');
  await expect(page.getByTestId('search-result').filter({ hasText: 'Белов Максим' })).toBeVisible({
    timeout: 10_000,
  });
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/cases\/[A-Za-z0-9]+$/);
});

test('the secretary records a decision for a case on the council agenda', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, SECRETARY);
  await page.getByRole('link', { name: 'Консилиум' }).click();
  await expect(page.getByRole('heading', { name: 'Консилиум', level: 2 })).toBeVisible();
  const row = page.getByTestId('agenda-item').filter({ hasText: 'с. Луговое, ул. Речная, д. 1' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Ожидает решения о постановке на патронаж');

  await page.getByLabel('Номер протокола').fill('21');
  await page
    .getByLabel('Присутствовали (по одному в строке)')
    .fill('Соколова М. П.\nКузнецова Е. В.');
  await page.screenshot({ path: join(shots, 'council-ru.png'), fullPage: true });
  await row.getByRole('button', { name: /Записать решение/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Номер протокола')).toHaveValue('21');
  await dialog.getByLabel('Вид решения').selectOption('register_case');
  await dialog.getByLabel('Интенсивность').selectOption('standard');
  await dialog.getByLabel('Психологический').check();
  await dialog
    .getByLabel('Основания')
    .fill('Заключение консилиума: согласие получено, диагностика завершена.');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();

  // The draft waits for its signature among the meetings; signed, the case leaves the agenda.
  const meeting = page.getByTestId('meeting').filter({ hasText: /Протокол № 21 от/ });
  await expect(meeting).toContainText('с. Луговое, ул. Речная, д. 1');
  await meeting.getByRole('button', { name: 'Подписать' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Подписать' }).click();
  await expect(meeting).toContainText('Подписано');
  await expect(row).toBeHidden();
});
