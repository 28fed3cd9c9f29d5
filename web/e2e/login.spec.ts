import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mockApi } from './mock-api';

const login = process.env.PATRONAGE_E2E_LOGIN ?? 'head';
const password = process.env.PATRONAGE_E2E_PASSWORD ?? 'demo-head-2026';
const shots = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots');

test.beforeAll(() => {
  mkdirSync(shots, { recursive: true });
});

test.beforeEach(async ({ page }) => {
  if (process.env.PATRONAGE_E2E_MOCK === '1') {
    await mockApi(page, { login, password });
  }
});

test('sign in in Russian, switch to English, sign out', async ({ page }) => {
  await page.goto('/');

  // Signed out: the app sends us to the Russian sign-in page.
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Вход в систему' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await page.screenshot({ path: join(shots, 'login-ru.png'), fullPage: true });

  // Client-side validation before anything is sent.
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByText('Введите логин')).toBeVisible();

  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();

  await expect(page.getByRole('heading', { name: 'Рабочий список', level: 2 })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  const userName = page.getByTestId('current-user-name').first();
  await expect(userName).toBeVisible();
  await expect(userName).not.toHaveText('');
  if (login === 'head') {
    await expect(page.getByText('Руководитель').first()).toBeVisible();
  }
  await page.screenshot({ path: join(shots, 'worklist-ru.png'), fullPage: true });

  // Switch to English: the page follows and the choice survives a reload.
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Work list', level: 2 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Work list', level: 2 })).toBeVisible();
  await page.screenshot({ path: join(shots, 'worklist-en.png'), fullPage: true });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  // The session is gone: the work list needs signing in again.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
});

test('wrong password shows the server message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(`${password}-wrong`);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Не удалось войти' })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test('phone: the side bar collapses behind the menu button', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/login');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { name: 'Рабочий список', level: 2 })).toBeVisible();

  const menu = page.getByRole('button', { name: 'Показать или скрыть меню' });
  const nav = page.getByRole('link', { name: 'Рабочий список' });
  await expect(nav).toBeHidden();
  await page.screenshot({ path: join(shots, 'worklist-phone-ru.png'), fullPage: true });
  await menu.click();
  await expect(nav).toBeVisible();
  await expect(page.getByTestId('current-user-name').last()).toBeVisible();
  await page.screenshot({ path: join(shots, 'nav-phone-ru.png'), animations: 'disabled' });
  await nav.click();
  await expect(nav).toBeHidden();
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page).toHaveURL(/\/login/);
});
