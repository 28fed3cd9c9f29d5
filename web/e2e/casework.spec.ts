import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signIn } from './signIn';

// Against the real server only (scripts/e2e.sh: a fresh demo database).
test.skip(process.env.PATRONAGE_E2E_MOCK === '1', 'needs the real server');

const shots = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots');
const SPECIALIST = { login: 'ivanova', password: 'demo-spec-2026' };
const HEAD = { login: 'head', password: 'demo-head-2026' };
const VOLUNTEER = { login: 'volunteer', password: 'demo-volunteer-2026' };
// The demo family the demo volunteer is assigned to (src/demo/families.cpp).
const WARD_ADDRESS = 'ул. Ленина, д. 12';

/** Waits for the toasts to go, so that screenshots show the page itself. */
async function quiet(page: Page) {
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
}

test.beforeAll(() => {
  mkdirSync(shots, { recursive: true });
});

test('a volunteer sees only their ward and logs a meeting', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, VOLUNTEER);
  await expect(page.getByRole('heading', { name: 'Мои подопечные', level: 2 })).toBeVisible();
  const wards = page.getByTestId('ward');
  await expect(wards).toHaveCount(1);
  await expect(wards.first()).toContainText(WARD_ADDRESS);
  await expect(wards.first().getByRole('link', { name: /\+7/ })).toBeVisible();
  // No case list, no work list of other families.
  await expect(page.getByRole('link', { name: 'Случаи' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Рабочий список' })).toHaveCount(0);

  await wards.first().getByRole('button', { name: 'Записать встречу' }).click();
  await page.getByLabel('Длительность, мин').fill('45');
  await page.getByLabel('Что делали').fill('Делали уроки с детьми');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(wards.first()).toContainText('Делали уроки с детьми');
  await quiet(page);
  await page.screenshot({ path: join(shots, 'wards-phone-ru.png'), fullPage: true });

  // The case list stays empty for a volunteer even when typed in.
  await page.goto('/cases');
  await expect(page.getByText(WARD_ADDRESS)).toHaveCount(0);
  await expect(page.getByText('ул. Заречная')).toHaveCount(0);
});

async function scoreNeeds(page: Page, date: string, scores: number[]) {
  await page.getByRole('button', { name: 'Оценка потребностей и рисков' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Дата').fill(date);
  await dialog.getByLabel('Дата').blur();
  const domains = [
    'child_safety',
    'health',
    'housing',
    'income',
    'employment',
    'parenting',
    'addiction',
    'violence',
    'social_ties',
    'education',
  ];
  for (const [i, domain] of domains.entries()) {
    await dialog
      .getByTestId(`score-${domain}`)
      .getByText(String(scores[i]), { exact: true })
      .click();
  }
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
}

test('assessments, ecomap, visits, plan and the map of changes of a case', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, SPECIALIST);
  await page.goto('/cases');
  await page
    .getByRole('link', { name: new RegExp(WARD_ADDRESS) })
    .first()
    .click();
  await expect(page.getByTestId('case-state')).toBeVisible();

  // Two needs assessments: the first one high, the later one better.
  await page.getByRole('tab', { name: 'Оценки' }).click();
  await scoreNeeds(page, '2026-09-01', [2, 1, 3, 2, 1, 2, 0, 1, 2, 1]);
  await scoreNeeds(page, '2026-11-02', [1, 1, 2, 1, 1, 1, 0, 0, 1, 1]);
  await expect(page.getByTestId('assessments')).toContainText('Оценка потребностей и рисков');
  await expect(page.getByTestId('case-risk')).not.toContainText('Не оценён');

  // Ecomap: family members and the family's contacts, ties of each strength. The demo case
  // may already have an ecomap: the new nodes are added to it and saved as a new one.
  await page.getByRole('tab', { name: 'Экокарта' }).click();
  await expect(page.getByTestId('ecomap-graph')).toBeVisible();
  const kind = page.getByLabel('Вид', { exact: true });
  const members: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    await kind.selectOption('member');
    const select = page.getByLabel('Название');
    const option = select.locator('option').nth(1);
    members.push((await option.textContent()) ?? '');
    await select.selectOption((await option.getAttribute('value')) ?? '');
    await page.getByRole('button', { name: 'Добавить узел' }).click();
  }
  const [first = '', second = ''] = members;
  const addOther = async (nodeKind: string, label: string) => {
    await kind.selectOption(nodeKind);
    await page.getByLabel('Название').fill(label);
    await page.getByRole('button', { name: 'Добавить узел' }).click();
  };
  await addOther('organisation', 'Школа № 5');
  await addOther('organisation', 'Центр «Надежда»');
  await addOther('person', 'Соседка');
  const tie = async (from: string, to: string, strength: string, support: string) => {
    await page.getByLabel('От', { exact: true }).selectOption({ label: from });
    await page.getByLabel('К', { exact: true }).selectOption({ label: to });
    await page.getByLabel('Сила связи').selectOption(strength);
    await page.getByLabel('Поддержка').selectOption(support);
    await page.getByRole('button', { name: 'Добавить связь' }).click();
  };
  await tie(first, second, 'strong', 'both');
  await tie(first, 'Школа № 5', 'stressful', 'none');
  await tie(second, 'Центр «Надежда»', 'weak', 'to');
  await tie('Соседка', second, 'strong', 'to');
  await page.getByRole('button', { name: 'Сохранить как новую экокарту' }).click();
  await expect(page.getByText('Экокарта сохранена')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Сохранить как новую экокарту' })).toBeDisabled();
  await quiet(page);
  await page.screenshot({ path: join(shots, 'ecomap-ru.png'), fullPage: true });

  await page.getByRole('tab', { name: 'Карта изменений' }).click();
  await expect(page.getByTestId('changes-outcome')).toContainText('Улучшение');
  await expect(page.getByTestId('changes-chart').locator('svg')).toBeVisible();
  await quiet(page);
  await page.screenshot({ path: join(shots, 'changes-ru.png'), fullPage: true });

  // Two visits: one done, one missed with a reason.
  await page.getByRole('tab', { name: 'Посещения' }).click();
  await page.getByRole('button', { name: 'Записать посещение' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('Цель').fill('Плановое посещение');
  await dialog.getByLabel('Жилищные условия').fill('Чисто, продукты есть');
  await dialog.getByLabel('Что сделано').fill('Обсудили план на месяц');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Записать посещение' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByText('Не состоялось', { exact: true }).click();
  await dialog.getByLabel('Причина').fill('Дома никого не было');
  await dialog.getByLabel('Цель').fill('Контрольное посещение');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  const visits = page.getByTestId('visits');
  await expect(visits).toContainText('Обсудили план на месяц');
  await expect(visits).toContainText('Дома никого не было');
  await expect(visits.getByText('Не состоялось')).toBeVisible();
  await expect(page.getByTestId('case-next-visit')).toBeVisible();
  await quiet(page);
  await page.screenshot({ path: join(shots, 'visits-ru.png'), fullPage: true });

  // A plan: one goal, one measure; its status moves on.
  await page.getByRole('tab', { name: 'План' }).click();
  await page.getByRole('button', { name: 'Составить план' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Конец периода').fill('2027-04-30');
  await dialog.getByLabel('Конец периода').blur();
  await dialog.getByRole('textbox', { name: 'Цель', exact: true }).fill('Стабильный доход семьи');
  await dialog.getByLabel('Сфера').selectOption('income');
  await dialog.getByLabel('Мероприятие').fill('Оформить детское пособие');
  await dialog.getByLabel('Вид патроната').selectOption('economic');
  await dialog.getByRole('textbox', { name: 'Срок', exact: true }).fill('2026-12-15');
  await dialog.getByRole('textbox', { name: 'Срок', exact: true }).blur();
  await dialog.getByRole('button', { name: 'Сохранить план' }).click();
  await expect(dialog).toBeHidden();
  const plan = page.getByTestId('plan');
  await expect(plan).toContainText('Оформить детское пособие');
  await expect(page.getByTestId('plan-approved')).toHaveText('Не утверждён');
  await plan.getByLabel('Статус: Оформить детское пособие').selectOption('in_progress');
  await expect(page.getByText('Статус изменён')).toBeVisible();
  await expect(plan.getByLabel('Статус: Оформить детское пособие')).toHaveValue('in_progress');
  const caseUrl = page.url();

  // A service from the catalogue.
  await page.getByRole('tab', { name: 'Услуги' }).click();
  await page.getByRole('button', { name: 'Добавить услугу' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Услуга').selectOption('consultation');
  await dialog.getByRole('textbox', { name: 'Кто оказал' }).fill('Иванова А. С.');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('deliveries')).toContainText('Консультация');

  // English.
  await page.getByRole('tab', { name: 'Карта изменений' }).click();
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Map of changes' })).toBeVisible();
  await expect(page.getByTestId('changes-outcome')).toContainText('Improved');
  await quiet(page);
  await page.screenshot({ path: join(shots, 'changes-en.png'), fullPage: true });
  await page.getByRole('tab', { name: 'Ecomap' }).click();
  await expect(page.getByTestId('ecomap-graph')).toBeVisible();
  await quiet(page);
  await page.screenshot({ path: join(shots, 'ecomap-en.png'), fullPage: true });
  // Back to Russian for the next tests in this browser profile.
  await page.getByText('RU', { exact: true }).click();

  // The head approves the plan.
  await page.getByRole('button', { name: 'Выйти' }).click();
  await signIn(page, HEAD);
  await page.goto(caseUrl);
  await page.getByRole('tab', { name: 'План' }).click();
  await page.getByRole('button', { name: 'Утвердить' }).click();
  await expect(page.getByTestId('plan-approved')).toHaveText('Утверждён');
});
