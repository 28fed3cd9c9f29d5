import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Against the real server only (scripts/e2e.sh: a fresh demo database).
test.skip(process.env.PATRONAGE_E2E_MOCK === '1', 'needs the real server');

const shots = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots');
const SPECIALIST = { login: 'ivanova', password: 'demo-spec-2026' };
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

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page).toHaveURL(/\/login/);
}

async function move(page: Page, button: string, reason: string, state: string) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Причина перехода').fill(reason);
  await dialog.getByRole('button', { name: 'Подтвердить' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('case-state')).toHaveText(state);
}

test('a specialist records a signal, opens a case and walks it to active', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, SPECIALIST);
  await page.screenshot({ path: join(shots, 'worklist-specialist-ru.png'), fullPage: true });

  // Intake: the duplicate panel warns about a known demo person as we type.
  await page.getByRole('link', { name: 'Новый сигнал' }).click();
  await expect(page.getByRole('heading', { name: 'Новый сигнал', level: 2 })).toBeVisible();
  await page.getByLabel('Источник').selectOption('school');
  await page.getByLabel('Срочность').selectOption('urgent');
  await page
    .getByLabel('Кто сообщил (организация, контакт)')
    .fill('Школа № 5, классный руководитель');
  await page
    .getByLabel('Что сообщили')
    .fill('Ребёнок две недели не посещает школу, мать не отвечает.');
  await page.getByLabel('Адрес').fill('ул. Заречная, д. 14, кв. 3');
  await page.getByLabel('Фамилия').fill('Смирнова');
  await page.getByLabel('Имя', { exact: true }).fill('Татьяна');
  await page.getByLabel('Дата рождения').fill('1988-04-17');
  await page.getByLabel('Дата рождения').blur();
  await expect(page.getByTestId('duplicate-warning')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('duplicate').first()).toContainText('Смирнова Татьяна');
  await expect(page.getByTestId('duplicate').first()).toContainText('та же дата рождения');
  await page.screenshot({ path: join(shots, 'intake-ru.png'), fullPage: true });
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'New signal', level: 2 })).toBeVisible();
  await expect(page.getByTestId('duplicate-warning')).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: join(shots, 'intake-en.png'), fullPage: true });
  await page.getByText('RU', { exact: true }).click();

  await page.getByRole('button', { name: 'Зарегистрировать сигнал' }).click();

  // Triage: a different family after all — open a case for a new household.
  await expect(page).toHaveURL(/\/signals\?triage=/);
  const triage = page.getByRole('dialog');
  await expect(triage.getByText('Разбор сигнала')).toBeVisible();
  await triage.getByLabel('Решение').selectOption('open_case');
  await triage.getByLabel('Обоснование').fill('Систематические пропуски школы, нужна оценка.');
  await triage.getByLabel('Новая семья').check();
  await expect(triage.getByLabel('Адрес семьи')).toHaveValue('ул. Заречная, д. 14, кв. 3');
  await triage.getByRole('combobox', { name: /^Пол/ }).selectOption('female');
  await triage.getByLabel('Роль в семье').selectOption('mother');
  await triage.getByRole('button', { name: 'Сохранить' }).click();

  // The new case.
  await expect(page).toHaveURL(/\/cases\/[A-Za-z0-9]+$/);
  const caseUrl = page.url();
  await expect(page.getByRole('heading', { name: 'ул. Заречная, д. 14, кв. 3' })).toBeVisible();
  await expect(page.getByTestId('case-state')).toHaveText('Сигнал');
  await move(page, 'Начать обследование', 'Первичный визит назначен.', 'Обследование');
  await move(
    page,
    'Передать на решение',
    'Диагностика проведена, план составлен.',
    'Ожидает решения',
  );

  // The active step is blocked by the consent rule, which the page names.
  const activate = page.getByTestId('transition-active');
  await expect(activate).toBeDisabled();
  await expect(page.getByTestId('blocked-active')).toHaveAttribute(
    'data-rule',
    'case.consent_required',
  );
  await expect(page.getByTestId('blocked-active')).toContainText('Смирнова Татьяна');
  await page.screenshot({ path: join(shots, 'case-ru.png'), fullPage: true });
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Start patronage' })).toBeDisabled();
  await expect(page.getByTestId('blocked-active')).toContainText('consent');
  await page.screenshot({ path: join(shots, 'case-en.png'), fullPage: true });
  await page.getByText('RU', { exact: true }).click();

  // Written consent with a scanned PDF.
  await page.getByRole('tab', { name: /Согласия/ }).click();
  await page.getByRole('button', { name: 'Добавить согласие' }).click();
  const consent = page.getByRole('dialog');
  await consent.getByLabel('Подписал(а)').selectOption({ label: 'Смирнова Татьяна' });
  await consent.locator('input[type="file"]').setInputFiles({
    name: 'soglasie.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  });
  await consent.getByRole('button', { name: 'Сохранить' }).click();
  await expect(consent).toBeHidden();
  await expect(page.getByTestId('consent')).toContainText('Смирнова Татьяна');
  await expect(page.getByTestId('blocked-active')).toHaveAttribute(
    'data-rule',
    'case.decision_required',
  );
  await signOut(page);

  // The secretary records and signs the council's register decision.
  await signIn(page, SECRETARY);
  await page.goto(caseUrl);
  await page.getByRole('tab', { name: /Решения/ }).click();
  await page.getByRole('button', { name: 'Записать решение' }).click();
  const decision = page.getByRole('dialog');
  await decision.getByLabel('Вид решения').selectOption('register_case');
  await decision.getByLabel('Номер протокола').fill('17');
  await decision
    .getByLabel('Присутствовали (по одному в строке)')
    .fill('Соколова М. П.\nПетров И. И.');
  await decision.getByLabel('Интенсивность').selectOption('standard');
  await decision.getByLabel('Психологический').check();
  await decision.getByLabel('Педагогический').check();
  await decision.getByLabel('Основания').fill('Акт обследования, согласие матери.');
  await decision.getByRole('button', { name: 'Сохранить' }).click();
  await expect(decision).toBeHidden();
  await expect(page.getByTestId('decision')).toContainText('Не подписано');
  await page.getByTestId('decision').getByRole('button', { name: 'Подписать' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Подписать' }).click();
  await expect(page.getByTestId('decision')).toContainText('Подписано');
  await signOut(page);

  // Now the specialist can start patronage.
  await signIn(page, SPECIALIST);
  await page.goto(caseUrl);
  await expect(page.getByTestId('transition-active')).toBeEnabled();
  await move(page, 'Поставить на патронаж', 'Решение ППк, протокол № 17.', 'Активный патронаж');
  await page.getByRole('tab', { name: 'История' }).click();
  await expect(page.getByText('Ожидает решения → Активный патронаж')).toBeVisible();
  await expect(page.getByText('Решение ППк, протокол № 17.')).toBeVisible();
  await page.screenshot({ path: join(shots, 'case-history-ru.png'), fullPage: true });
});

async function apiLogin(request: APIRequestContext, who: { login: string; password: string }) {
  const response = await request.post('/api/v1/auth/login', { data: who });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { csrf_token: string }).csrf_token;
}

test('a blocked action says which rule blocks it', async ({ page }) => {
  // Set up through the API: a case awaiting its decision, without consent.
  const request = page.request;
  const csrf = await apiLogin(request, SPECIALIST);
  const headers = { 'X-CSRF-Token': csrf };
  const post = async (path: string, data: unknown) => {
    const response = await request.post(path, { data, headers });
    expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
    return (await response.json()) as Record<string, unknown>;
  };
  const household = await post('/api/v1/households', { address: 'пр. Мира, д. 2, кв. 40' });
  await post(`/api/v1/households/${String(household.id)}/persons`, {
    last_name: 'Кузнецова',
    first_name: 'Ольга',
    birth_date: '1990-03-05',
    sex: 'female',
    household_role: 'mother',
  });
  const signal = await post('/api/v1/signals', {
    received_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    source: 'clinic',
    reported: 'Мать одна с ребёнком, нет средств.',
    urgency: 'routine',
    persons: [],
  });
  const triaged = await post(`/api/v1/signals/${String(signal.id)}/triage`, {
    outcome: 'open_case',
    reason: 'Нужна помощь',
    household_id: household.id,
  });
  const caseId = String((triaged.triage as { case_id: string }).case_id);
  for (const to of ['assessment', 'awaiting_decision']) {
    await post(`/api/v1/cases/${caseId}/transitions`, { to, reason: 'Шаг' });
  }

  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId('case-state')).toHaveText('Ожидает решения');
  const button = page.getByRole('button', { name: 'Поставить на патронаж' });
  await expect(button).toBeDisabled();
  const reason = page.getByTestId('blocked-active');
  await expect(reason).toBeVisible();
  await expect(reason).toHaveAttribute('data-rule', 'case.consent_required');
  await expect(reason).toContainText(
    'Нет действующего письменного согласия на патронаж для Кузнецова Ольга',
  );
  // The button is described by the rule's message (for screen readers too).
  await expect(button).toHaveAttribute('aria-describedby', 'blocked-active');
  // Rejecting stays possible.
  await expect(page.getByRole('button', { name: 'Отклонить' })).toBeEnabled();
});
