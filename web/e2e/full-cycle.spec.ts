import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signIn } from './signIn';

// A new family from its signal to a closed case, through the Russian UI only, each role in
// turn. Against the real server with the demo data (scripts/e2e.sh); the test only reads the
// API (to wait for the app's own requests).
test.skip(process.env.PATRONAGE_E2E_MOCK === '1', 'needs the real server');

const results = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');
const shots = join(results, 'screenshots');
const prints = join(results, 'print');
const SPECIALIST = { login: 'ivanova', password: 'demo-spec-2026' };
const SECRETARY = { login: 'secretary', password: 'demo-secretary-2026' };
const HEAD = { login: 'head', password: 'demo-head-2026' };
// Unique per run, so the spec can run again on the same database.
// Digits only: the Russian walk reads every list for Latin words, and this family shows in them.
const RUN = String(Date.now()).slice(-6);
const ADDRESS = `ул. Полевая, д. 7, кв. ${RUN}`;
const MOTHER = 'Смирнова Татьяна';

// The print test reads the case the lifecycle test closed.
test.describe.configure({ mode: 'serial' });
let cycleCaseId = '';

test.beforeAll(() => {
  mkdirSync(shots, { recursive: true });
  mkdirSync(prints, { recursive: true });
});

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Clicks `button` and waits for the app's `method` request to a URL containing `path`. */
async function submit(page: Page, button: ReturnType<Page['getByRole']>, path: RegExp) {
  const response = page.waitForResponse(
    (r) => path.test(new URL(r.url()).pathname) && r.request().method() !== 'GET',
  );
  await button.click();
  expect((await response).ok(), `${path.source}`).toBe(true);
}

async function move(page: Page, button: string, reason: string, state: string) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Причина перехода').fill(reason);
  await submit(page, dialog.getByRole('button', { name: 'Подтвердить' }), /\/transitions$/);
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('case-state')).toHaveText(state);
}

/** Waits for the toasts to go, so that screenshots show the page itself. */
async function quiet(page: Page) {
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function shoot(page: Page, name: string) {
  await quiet(page);
  await page.screenshot({ path: join(shots, name), fullPage: true });
}

async function tab(page: Page, name: string | RegExp) {
  await page.getByRole('tab', { name }).click();
}

async function scoreNeeds(page: Page, scores: number[]) {
  await page.getByRole('button', { name: 'Оценка потребностей и рисков' }).click();
  const dialog = page.getByRole('dialog');
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
  await submit(page, dialog.getByRole('button', { name: 'Сохранить' }), /\/assessments$/);
  await expect(dialog).toBeHidden();
}

async function recordDecision(
  page: Page,
  kind: string,
  protocol: string,
  grounds: string,
  extra?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await tab(page, /Решения/);
  await page.getByRole('button', { name: 'Записать решение' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Вид решения').selectOption(kind);
  await dialog.getByLabel('Номер протокола').fill(protocol);
  await dialog
    .getByLabel('Присутствовали (по одному в строке)')
    .fill('Соколова М. П.\nПетров И. И.');
  if (extra) {
    await extra(dialog);
  }
  await dialog.getByLabel('Основания').fill(grounds);
  await submit(page, dialog.getByRole('button', { name: 'Сохранить' }), /\/decisions$/);
  await expect(dialog).toBeHidden();
  const unsigned = page.getByTestId('decision').filter({ hasText: 'Не подписано' });
  await expect(unsigned).toHaveCount(1);
  await unsigned.getByRole('button', { name: 'Подписать' }).click();
  await submit(
    page,
    page.getByRole('dialog').getByRole('button', { name: 'Подписать' }),
    /\/decisions\/[^/]+\/sign$/,
  );
  await expect(page.getByTestId('decision').filter({ hasText: 'Не подписано' })).toHaveCount(0);
}

test('a new family from its signal to a closed case, through the UI', async ({ page }) => {
  // About a minute on an idle machine; it passed 4 minutes on a 2-core machine at load 12 (session 10), as the
  // Russian walk's whole lifecycle did: the same allowance as that walk.
  test.setTimeout(480_000);
  await page.setViewportSize({ width: 1280, height: 900 });

  // 1. Intake (specialist): the duplicate panel warns about a similar demo person.
  await signIn(page, SPECIALIST);
  await expect(page.getByRole('heading', { name: 'Рабочий список', level: 2 })).toBeVisible();
  await shoot(page, 'cycle-worklist-ru.png');
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Work list', level: 2 })).toBeVisible();
  await shoot(page, 'cycle-worklist-en.png');
  await page.getByText('RU', { exact: true }).click();

  await page.getByRole('link', { name: 'Новый сигнал' }).click();
  await page.getByLabel('Источник').selectOption('kindergarten');
  await page.getByLabel('Срочность').selectOption('routine');
  await page.getByLabel('Кто сообщил (организация, контакт)').fill('Детский сад № 12, воспитатель');
  await page.getByLabel('Что сообщили').fill('Младшего ребёнка забирают поздно, мать без работы.');
  await page.getByLabel('Адрес').fill(ADDRESS);
  await page.getByLabel('Фамилия').fill('Смирнова');
  // A typo of the demo mother's name: still found.
  await page.getByLabel('Имя', { exact: true }).fill('Татьяна');
  await page.getByLabel('Дата рождения').fill('1988-04-17');
  await page.getByLabel('Дата рождения').blur();
  await expect(page.getByTestId('duplicate-warning')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('duplicate').first()).toContainText('Смирнова Татьяна');
  await submit(page, page.getByRole('button', { name: 'Зарегистрировать сигнал' }), /\/signals$/);

  // 2. Triage: a different family after all.
  await expect(page).toHaveURL(/\/signals\?triage=/);
  const triage = page.getByRole('dialog');
  await triage.getByLabel('Решение').selectOption('open_case');
  await triage.getByLabel('Обоснование').fill('Семье нужна оценка и поддержка.');
  await triage.getByLabel('Новая семья').check();
  await expect(triage.getByLabel('Адрес семьи')).toHaveValue(ADDRESS);
  await triage.getByRole('combobox', { name: /^Пол/ }).selectOption('female');
  await triage.getByLabel('Роль в семье').selectOption('mother');
  await submit(page, triage.getByRole('button', { name: 'Сохранить' }), /\/triage$/);
  await expect(page).toHaveURL(/\/cases\/[A-Za-z0-9]+$/);
  const caseUrl = page.url();
  const caseId = caseUrl.split('/').pop() ?? '';
  await expect(page.getByRole('heading', { name: ADDRESS })).toBeVisible();
  await move(page, 'Начать обследование', 'Первичный визит назначен.', 'Обследование');

  // 3. Consent with a scanned PDF.
  await tab(page, /Согласия/);
  await page.getByRole('button', { name: 'Добавить согласие' }).click();
  const consent = page.getByRole('dialog');
  await consent.getByLabel('Подписал(а)').selectOption({ label: MOTHER });
  await consent.locator('input[type="file"]').setInputFiles({
    name: 'soglasie.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  });
  await submit(page, consent.getByRole('button', { name: 'Сохранить' }), /\/consents$/);
  await expect(page.getByTestId('consent')).toContainText(MOTHER);

  // 4. Assessment: the inspection report and the first needs assessment.
  await tab(page, 'Оценки');
  await page.getByRole('button', { name: 'Акт обследования' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('Тип жилья').fill('Квартира в многоквартирном доме');
  await dialog.getByLabel('Комнат').fill('2');
  await dialog.getByLabel('Проживает').fill('3');
  await dialog.getByLabel('Санитарное состояние').fill('Удовлетворительное');
  await dialog.getByLabel('Питание').fill('Продукты есть на 2–3 дня');
  await dialog.getByLabel('Заключение').fill('Условия удовлетворительные, нужна помощь с доходом.');
  await submit(page, dialog.getByRole('button', { name: 'Сохранить' }), /\/assessments$/);
  await expect(dialog).toBeHidden();
  await scoreNeeds(page, [2, 1, 2, 3, 3, 2, 0, 0, 2, 1]);
  await expect(page.getByTestId('case-risk')).not.toContainText('Не оценён');

  // 5. Ecomap: the mother, an organisation and a tie between them.
  await tab(page, 'Экокарта');
  await expect(page.getByTestId('ecomap-graph')).toBeVisible();
  await page.getByLabel('Вид', { exact: true }).selectOption('member');
  await page.getByLabel('Название').selectOption({ label: MOTHER });
  await page.getByRole('button', { name: 'Добавить узел' }).click();
  await page.getByLabel('Вид', { exact: true }).selectOption('organisation');
  await page.getByLabel('Название').fill('Детский сад № 12');
  await page.getByRole('button', { name: 'Добавить узел' }).click();
  await page.getByLabel('От', { exact: true }).selectOption({ label: MOTHER });
  await page.getByLabel('К', { exact: true }).selectOption({ label: 'Детский сад № 12' });
  await page.getByLabel('Сила связи').selectOption('strong');
  await page.getByLabel('Поддержка').selectOption('to');
  await page.getByRole('button', { name: 'Добавить связь' }).click();
  await submit(
    page,
    page.getByRole('button', { name: 'Сохранить как новую экокарту' }),
    /\/assessments$/,
  );
  await expect(page.getByText('Экокарта сохранена')).toBeVisible();
  await shoot(page, 'cycle-ecomap-ru.png');

  await move(
    page,
    'Передать на решение',
    'Согласие получено, диагностика проведена.',
    'Ожидает решения',
  );
  await expect(page.getByTestId('blocked-active')).toHaveAttribute(
    'data-rule',
    'case.decision_required',
  );
  await shoot(page, 'cycle-case-ru.png');
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByTestId('case-state')).toHaveText('Awaiting decision');
  await shoot(page, 'cycle-case-en.png');
  await page.getByText('RU', { exact: true }).click();
  // A 10-inch tablet in landscape.
  await page.setViewportSize({ width: 1024, height: 768 });
  await shoot(page, 'case-tablet-ru.png');
  await page.setViewportSize({ width: 1280, height: 900 });
  await signOut(page);

  // 6. The council registers the family; the secretary records and signs the decision.
  await signIn(page, SECRETARY);
  await page.goto(caseUrl);
  await recordDecision(
    page,
    'register_case',
    `${RUN}-1`,
    'Акт обследования, согласие матери.',
    async (d) => {
      await d.getByLabel('Интенсивность').selectOption('standard');
      await d.getByLabel('Экономический').check();
      await d.getByLabel('Психологический').check();
    },
  );
  await signOut(page);

  // 7. The specialist starts patronage, signs the agreement and draws up the plan.
  await signIn(page, SPECIALIST);
  await page.goto(caseUrl);
  await move(
    page,
    'Поставить на патронаж',
    `Решение ППк, протокол № ${RUN}-1.`,
    'Активный патронаж',
  );
  await tab(page, 'Соглашение');
  await page.getByRole('button', { name: 'Составить соглашение' }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Подписали')).toHaveValue(MOTHER);
  // Validated as typed: an end before the start is refused at once.
  await dialog.getByLabel('Действует по').fill('2020-01-01');
  await dialog.getByLabel('Действует по').blur();
  await expect(dialog.getByText('Дата окончания раньше начала')).toBeVisible();
  await dialog.getByLabel('Действует по').fill('2027-05-31');
  await dialog.getByLabel('Действует по').blur();
  await dialog.getByLabel('Подписали').fill(`${MOTHER}, мать\nИванова А. С., специалист`);
  await submit(page, dialog.getByRole('button', { name: 'Сохранить' }), /\/agreements$/);
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('agreement')).toContainText('Семья обязуется');

  await tab(page, 'План');
  await page.getByRole('button', { name: 'Составить план' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Конец периода').fill('2027-04-30');
  await dialog.getByLabel('Конец периода').blur();
  await dialog.getByRole('textbox', { name: 'Цель', exact: true }).fill('Стабильный доход семьи');
  await dialog.getByLabel('Сфера').selectOption('income');
  await dialog.getByLabel('Мероприятие').fill('Встать на учёт в центре занятости');
  await dialog.getByLabel('Вид патроната').selectOption('labour');
  await dialog.getByRole('textbox', { name: 'Срок', exact: true }).fill('2026-12-20');
  await dialog.getByRole('textbox', { name: 'Срок', exact: true }).blur();
  await submit(page, dialog.getByRole('button', { name: 'Сохранить план' }), /\/plans$/);
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('plan-approved')).toHaveText('Не утверждён');
  await signOut(page);

  // 8. The head approves the plan.
  await signIn(page, HEAD);
  await page.goto(caseUrl);
  await tab(page, 'План');
  await submit(page, page.getByRole('button', { name: 'Утвердить' }), /\/approve$/);
  await expect(page.getByTestId('plan-approved')).toHaveText('Утверждён');
  await signOut(page);

  // 9. Casework: two visits, a service, the measure done, the second assessment.
  await signIn(page, SPECIALIST);
  await page.goto(caseUrl);
  await tab(page, 'Посещения');
  const visits: [string, string][] = [
    ['Знакомство с семьёй', 'Обсудили соглашение и план'],
    ['Контроль плана', 'Проверили постановку на учёт в ЦЗН'],
  ];
  for (const [purpose, done] of visits) {
    await page.getByRole('button', { name: 'Записать посещение' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Цель').fill(purpose);
    await dialog.getByLabel('Жилищные условия').fill('Чисто, продукты есть');
    await dialog.getByLabel('Что сделано').fill(done);
    await submit(page, dialog.getByRole('button', { name: 'Сохранить' }), /\/visits$/);
    await expect(dialog).toBeHidden();
  }
  await expect(page.getByTestId('visits')).toContainText('Проверили постановку на учёт в ЦЗН');

  await tab(page, 'Услуги');
  await page.getByRole('button', { name: 'Добавить услугу' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Услуга').selectOption('job_search_help');
  await dialog.getByRole('textbox', { name: 'Кто оказал' }).fill('Иванова А. С.');
  await submit(page, dialog.getByRole('button', { name: 'Сохранить' }), /\/services$/);
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('deliveries')).toContainText('Помощь в поиске работы');

  await tab(page, 'План');
  const measure = page.getByTestId('plan').getByLabel('Статус: Встать на учёт в центре занятости');
  await measure.selectOption('done');
  await expect(page.getByText('Статус изменён')).toBeVisible();

  await tab(page, 'Оценки');
  await scoreNeeds(page, [1, 1, 1, 1, 1, 1, 0, 0, 1, 1]);
  await tab(page, 'Карта изменений');
  await expect(page.getByTestId('changes-outcome')).toContainText('Улучшение');
  await expect(page.getByTestId('changes-chart').locator('svg')).toBeVisible();
  await shoot(page, 'cycle-changes-ru.png');
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByTestId('changes-outcome')).toContainText('Improved');
  await shoot(page, 'cycle-changes-en.png');
  await tab(page, 'Ecomap');
  await expect(page.getByTestId('ecomap-graph')).toBeVisible();
  await shoot(page, 'cycle-ecomap-en.png');
  await page.getByText('RU', { exact: true }).click();

  // Leaving `active` is blocked until the council removes the family from the register.
  await expect(page.getByTestId('blocked-closing')).toHaveAttribute(
    'data-rule',
    'case.removal_decision_required',
  );
  await signOut(page);

  // 10. The closing decisions: removal from the register and supervision after it.
  await signIn(page, SECRETARY);
  await page.goto(caseUrl);
  await recordDecision(
    page,
    'remove_from_register',
    `${RUN}-2`,
    'Цели плана достигнуты, карта изменений: улучшение.',
  );
  await recordDecision(
    page,
    'move_to_supervision',
    `${RUN}-3`,
    'Наблюдение 6 месяцев после патронажа.',
  );
  await signOut(page);

  // 11. The specialist closes: closing → supervision → closed.
  await signIn(page, SPECIALIST);
  await page.goto(caseUrl);
  await move(page, 'Начать завершение', `Решение ППк, протокол № ${RUN}-2.`, 'Завершение');
  await move(page, 'Перевести под наблюдение', `Решение ППк, протокол № ${RUN}-3.`, 'Наблюдение');
  await move(page, 'Закрыть случай', 'Наблюдение завершено, повторных сигналов нет.', 'Закрыт');
  await expect(page.getByTestId('transition-active')).toHaveCount(0);
  await tab(page, 'История');
  await expect(page.getByText('Наблюдение → Закрыт')).toBeVisible();
  cycleCaseId = caseId;
});

test('print views of the closed case render their content and print on A4', async ({ page }) => {
  test.setTimeout(120_000);
  expect(cycleCaseId, 'the lifecycle test ran first').not.toBe('');
  const caseId = cycleCaseId;
  const caseUrl = `/cases/${caseId}`;
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, SPECIALIST);
  const documents: [string, string, string][] = [
    ['agreement', 'Соглашение о социальном патронаже', 'Семья обязуется'],
    ['inspection', 'Акт обследования условий жизни', 'Квартира в многоквартирном доме'],
    ['plan', 'План мероприятий', 'Встать на учёт в центре занятости'],
    ['visit', 'Запись о посещении семьи', 'Проверили постановку на учёт в ЦЗН'],
    ['changes', 'Карта изменений', 'Улучшение'],
    ['closure', 'Отчёт о завершении патронажа', 'Наблюдение → Закрыт'],
  ];
  await page.goto(caseUrl);
  await page.getByRole('button', { name: 'Документы для печати' }).click();
  await page.getByRole('menuitem', { name: 'План мероприятий' }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}/print/plan$`));
  for (const [doc, title, content] of documents) {
    await page.goto(`/cases/${caseId}/print/${doc}`);
    const sheet = page.getByTestId('print-sheet');
    await expect(sheet.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(sheet).toContainText(ADDRESS);
    await expect(sheet).toContainText(content);
    await expect(page.getByRole('button', { name: 'Печать' })).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    // The toolbar is not printed; the sheet is black on white.
    await expect(page.getByRole('button', { name: 'Печать' })).toBeHidden();
    const pdf = await page.pdf({ path: join(prints, `${doc}.pdf`), preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 portrait: 595 × 842 points (Chromium writes 594.96 × 841.92).
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
    await page.screenshot({ path: join(prints, `${doc}-ru.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  }
});
