import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Issue 13 point 12: an automated accessibility check (axe-core) of the pages a specialist
// uses every day, at a desktop and a phone width; serious and critical findings fail the test.
test.skip(process.env.PATRONAGE_E2E_MOCK === '1', 'needs the real server');

const SPECIALIST = { login: 'ivanova', password: 'demo-spec-2026' };
// A demo family of the specialist's with a plan, visits and an ecomap (src/demo/families.cpp).
const CASE_ADDRESS = 'ул. Ленина, д. 12';
const TABS = [
  'Семья и состав',
  'Согласия',
  'Решения',
  'Соглашение',
  'Оценки',
  'Экокарта',
  'Карта изменений',
  'План',
  'Посещения',
  'Услуги',
  'История',
];

async function serious(page: Page, where: string): Promise<string[]> {
  // Loaders and transitions settle first: axe reads colours of what is on screen.
  await expect(page.getByRole('progressbar'))
    .toHaveCount(0, { timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join('; ')}`,
    );
}

async function signIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Логин').fill(SPECIALIST.login);
  await page.getByLabel('Пароль').fill(SPECIALIST.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

async function openCase(page: Page) {
  await page.goto(`/cases?q=${encodeURIComponent(CASE_ADDRESS)}`);
  await page.getByTestId('case-row').first().getByRole('link').click();
  await expect(page.getByTestId('case-state')).toBeVisible();
}

test.describe.configure({ timeout: 240_000 });

for (const viewport of [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
]) {
  const at = `at ${viewport.width}px`;

  test(`sign-in, work list and intake ${at}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const found: string[] = [];
    await page.goto('/login');
    await expect(page.getByLabel('Логин')).toBeVisible();
    found.push(...(await serious(page, 'sign-in')));
    await signIn(page);
    await expect(page.getByTestId('work-item').first()).toBeVisible();
    found.push(...(await serious(page, 'work list')));
    await page.goto('/intake');
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    found.push(...(await serious(page, 'intake')));
    expect(found, found.join('\n')).toEqual([]);
  });

  test(`the visit form ${at}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signIn(page);
    await openCase(page);
    await page.goto(`${page.url().split('?')[0]}?tab=visits`);
    await page.getByRole('button', { name: 'Записать посещение' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    const found = await serious(page, 'visit form');
    expect(found, found.join('\n')).toEqual([]);
  });
}

test('every tab of the case page', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page);
  await openCase(page);
  const found: string[] = [];
  for (const tab of TABS) {
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    await expect(page.getByRole('tabpanel')).toBeVisible();
    found.push(...(await serious(page, `case, tab "${tab}"`)));
  }
  expect(found, found.join('\n')).toEqual([]);
});

test('the assessment dialogs and the ecomap name what they hold', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page);
  await openCase(page);
  const found: string[] = [];
  await page.getByRole('tab', { name: /^Оценки/ }).click();

  // Ten notes of the needs assessment: each named by its domain, none a bare "Заметка".
  await page.getByRole('button', { name: 'Оценка потребностей и рисков' }).click();
  let dialog = page.getByRole('dialog', { name: 'Оценка потребностей и рисков' });
  await expect(dialog).toBeVisible();
  const notes = dialog.getByRole('textbox', { name: /^Заметка/ });
  await expect(notes).toHaveCount(10);
  await expect(dialog.getByRole('textbox', { name: 'Заметка', exact: true })).toHaveCount(0);
  await expect(dialog.getByRole('textbox', { name: 'Заметка: Безопасность детей' })).toHaveCount(1);
  found.push(...(await serious(page, 'needs assessment')));
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Акт обследования' }).click();
  dialog = page.getByRole('dialog', { name: 'Акт обследования' });
  await expect(dialog).toBeVisible();
  found.push(...(await serious(page, 'inspection report')));
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The ecomap's drawing has a name and is described by the list of its parties and ties.
  await page.getByRole('tab', { name: /^Экокарта/ }).click();
  const graph = page.getByRole('img', { name: 'Экокарта семьи' });
  await expect(graph).toBeVisible();
  const described = await graph.getAttribute('aria-describedby');
  expect(described).toBeTruthy();
  await expect(page.locator(`#${described}`)).not.toBeEmpty();
  expect(found, found.join('\n')).toEqual([]);
});
