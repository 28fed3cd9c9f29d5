import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Issue 13, points 2, 3, 4, 5, 6 and 9: every family captured once and whole, nothing typed lost.
// Against the real server with the demo data (scripts/e2e.sh); the family here is not in it.
test.skip(process.env.PATRONAGE_E2E_MOCK === '1', 'needs the real server');

// The browser speaks English: dates must still follow the app's language (Russian by default).
test.use({ locale: 'en-US', timezoneId: 'Europe/Moscow', actionTimeout: 15_000 });

const shots = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots');
const SPECIALIST = { login: 'ivanova', password: 'demo-spec-2026' };
// A run-unique street so that a second run against the same database is again a new family.
// Digits only: the Russian walk reads every list for Latin words, and this family shows in them.
const RUN = String(Date.now()).slice(-6);
const ADDRESS = `г. Энск, ул. Садовая-${RUN}, д. 7, кв. 12`;
const MOTHER = 'Орлова Вера Петровна';
const SON = 'Орлов Илья';
const DAUGHTER = 'Орлова Дарья';
const GRANDMOTHER = 'Орлова Галина Ивановна';

test.beforeAll(() => {
  mkdirSync(shots, { recursive: true });
});

async function signIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Логин').fill(SPECIALIST.login);
  await page.getByLabel('Пароль').fill(SPECIALIST.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { name: 'Рабочий список', level: 2 })).toBeVisible();
}

/** Animations and notifications settled, for a screenshot. */
async function quiet(page: Page) {
  await page.waitForTimeout(400);
}

async function shot(page: Page, name: string) {
  await quiet(page);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** A day as the Russian UI writes it in a date field, `days` from today in the browser's zone (Moscow). */
function typedDay(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('ru-RU', {
    timeZone: 'Europe/Moscow',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(d);
}

async function person(page: Page, n: number, last: string, first: string, birth: string) {
  const row = page.getByText(`Человек ${n}`, { exact: true }).locator('xpath=ancestor::div[2]');
  await row.getByLabel('Фамилия').fill(last);
  await row.getByLabel('Имя', { exact: true }).fill(first);
  await row.getByLabel('Дата рождения').fill(birth);
  await row.getByLabel('Дата рождения').blur();
}

/** Esc on a dialog with typed text asks first; "continue" keeps the text. */
async function escAsks(page: Page, dialog: Locator, field: Locator, text: string) {
  await page.keyboard.press('Escape');
  const ask = page.getByRole('dialog', { name: 'Закрыть форму?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Продолжить заполнение' }).click();
  await expect(ask).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(field).toHaveValue(text);
}

test('a new family from a signal to a recorded visit: nothing typed is lost', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page);

  // Point 4: a plain surname at intake finds the demo family the header search finds.
  await page.getByRole('link', { name: 'Новый сигнал' }).click();
  await expect(page.getByRole('heading', { name: 'Новый сигнал', level: 2 })).toBeVisible();
  await page.getByLabel('Фамилия').fill('Смирнова');
  await expect(page.getByTestId('namesakes')).toContainText('Смирнова Татьяна', {
    timeout: 10_000,
  });
  await shot(page, 'capture-intake-surname-ru');

  // Point 2: a signal naming a mother and two children.
  await page.getByLabel('Источник').selectOption('school');
  await page.getByLabel('Срочность').selectOption('urgent');
  await page
    .getByLabel('Что сообщили')
    .fill('Дети приходят в школу без сменной обуви и голодными, мать просит помощи.');
  await page.getByLabel('Адрес').fill(ADDRESS);
  await person(page, 1, 'Орлова', 'Вера', '12.03.1990');
  await page.getByLabel('Отчество').first().fill('Петровна');
  await page.getByRole('button', { name: 'Добавить человека' }).click();
  await person(page, 2, 'Орлов', 'Илья', '10.07.2016');
  await page.getByRole('button', { name: 'Добавить человека' }).click();
  await person(page, 3, 'Орлова', 'Дарья', '05.01.2019');
  // Point 9: the typed date stays day first, as Russian writes it, in an English browser.
  await expect(page.getByLabel('Дата рождения').first()).toHaveValue('12.03.1990');
  await expect(page.locator('body')).not.toContainText(/\b(AM|PM)\b|mm\/dd\/yyyy/);
  await shot(page, 'capture-intake-ru');
  await page.getByRole('button', { name: 'Зарегистрировать сигнал' }).click();

  // Triage keeps all three people; the children are pre-set as children.
  await expect(page).toHaveURL(/\/signals\?triage=/);
  const triage = page.getByRole('dialog', { name: 'Разбор сигнала' });
  await triage.getByLabel('Решение').selectOption('open_case');
  const reason = triage.getByLabel('Обоснование');
  await reason.fill('Нужды детей не удовлетворены, мать согласна на помощь.');
  // Point 3: Esc with typed text asks first.
  await escAsks(page, triage, reason, 'Нужды детей не удовлетворены, мать согласна на помощь.');
  await triage.getByLabel('Новая семья').check();
  const members = triage.getByTestId('triage-member');
  await expect(members).toHaveCount(3);
  await expect(members.nth(0)).toContainText(MOTHER);
  await expect(members.nth(1).getByLabel('Роль в семье')).toHaveValue('child');
  await expect(members.nth(2).getByLabel('Роль в семье')).toHaveValue('child');
  await expect(members.nth(0).getByLabel('Пол')).toHaveValue('female');
  await expect(members.nth(1).getByLabel('Пол')).toHaveValue('male');
  await members.nth(0).getByLabel('Роль в семье').selectOption('mother');
  await shot(page, 'capture-triage-ru');
  await triage.getByRole('button', { name: 'Сохранить' }).click();

  await expect(page).toHaveURL(/\/cases\/[A-Za-z0-9]+$/);
  const caseUrl = page.url();
  await expect(page.getByRole('heading', { name: ADDRESS })).toBeVisible();
  const household = page.getByRole('tabpanel');
  for (const name of [MOTHER, SON, DAUGHTER]) {
    await expect(household.getByText(name)).toBeVisible();
  }

  // The household's phone and categories, and a member's phone.
  await page.getByRole('button', { name: 'Изменить сведения о семье' }).click();
  let dialog = page.getByRole('dialog', { name: 'Сведения о семье' });
  await dialog.getByLabel('Телефон').fill('+7 900 123-45-67');
  await dialog.getByLabel('Категории').click();
  await page.getByRole('option', { name: 'Малоимущая' }).click();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  await expect(household.getByText('+7 900 123-45-67')).toBeVisible();
  await expect(household.getByText('Малоимущая')).toBeVisible();
  await page.getByRole('button', { name: `Изменить сведения: ${SON}` }).click();
  dialog = page.getByRole('dialog', { name: `Изменить сведения: ${SON}` });
  await dialog.getByLabel('Школа или сад').fill('Школа № 3, 4 «Б» класс');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  await expect(household.getByText('Школа № 3, 4 «Б» класс')).toBeVisible();
  // A member the signal did not name is added on the case page.
  await page.getByRole('button', { name: 'Добавить члена семьи' }).click();
  dialog = page.getByRole('dialog', { name: 'Добавить члена семьи' });
  await dialog.getByLabel('Фамилия').fill('Орлова');
  await dialog.getByRole('textbox', { name: 'Имя', exact: true }).fill('Галина');
  await dialog.getByLabel('Отчество').fill('Ивановна');
  await dialog.getByLabel('Дата рождения').fill('02.04.1961');
  await dialog.getByLabel('Дата рождения').blur();
  await dialog.getByRole('combobox', { name: 'Пол', exact: true }).selectOption('female');
  await dialog.getByLabel('Роль в семье').selectOption('grandparent');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  await expect(household.getByText(GRANDMOTHER)).toBeVisible();
  await expect(household.getByText('Бабушка или дедушка')).toBeVisible();
  await shot(page, 'capture-household-ru');

  // Point 6 and 3: the inspection report asks every SPEC §5 line, reads "32,5", keeps a draft.
  await page.getByRole('tab', { name: 'Оценки' }).click();
  await page.getByRole('button', { name: 'Акт обследования' }).click();
  dialog = page.getByRole('dialog', { name: 'Акт обследования' });
  await dialog.getByLabel('Тип жилья').fill('Квартира в многоквартирном доме');
  await dialog.getByLabel('Собственность').fill('Социальный наём');
  await dialog.getByLabel('Комнат').fill('2');
  await dialog.getByLabel('Площадь, м²').fill('32,5');
  await dialog.getByLabel('Проживает').fill('3');
  await page.keyboard.press('Escape');
  const ask = page.getByRole('dialog', { name: 'Закрыть форму?' });
  await ask.getByRole('button', { name: 'Закрыть, оставить черновик' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Акт обследования' }).click();
  await expect(dialog.getByLabel('Площадь, м²')).toHaveValue('32,5');
  await expect(dialog.getByLabel('Собственность')).toHaveValue('Социальный наём');
  for (const utility of ['Водоснабжение', 'Отопление', 'Канализация', 'Электричество']) {
    await dialog
      .getByRole('radiogroup', { name: utility })
      .getByRole('radio', { name: utility === 'Отопление' ? 'нет' : 'да' })
      .check();
  }
  await dialog.getByLabel('Санитарное состояние').fill('Удовлетворительное');
  await dialog.getByLabel('Питание').fill('Продуктов на два дня');
  await dialog.getByLabel('Одежда и обувь детей').fill('Зимней обуви у сына нет');
  await dialog.getByLabel('Игрушки и книги').fill('Есть книги и настольные игры');
  await dialog.getByLabel('Опасности').fill('Открытая проводка на кухне');
  const places = dialog.getByTestId('child-places');
  await expect(places).toHaveCount(2);
  for (const i of [0, 1]) {
    await places
      .nth(i)
      .getByRole('radiogroup', { name: 'Своё спальное место' })
      .getByRole('radio', { name: 'нет' })
      .check();
    await places
      .nth(i)
      .getByRole('radiogroup', { name: 'Место для занятий' })
      .getByRole('radio', { name: 'да' })
      .check();
  }
  await dialog.getByLabel('Комментарий о спальных местах').fill('Дети спят на одном диване');
  await dialog.getByLabel('Заключение').fill('Нужны спальные места детям и зимняя обувь.');
  await shot(page, 'capture-inspection-ru');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Показать' }).first().click();
  await expect(page.getByTestId('assessments')).toContainText('Площадь, м²: 32,5');

  // The printed report: every SPEC §5 line asked, none printed as "—".
  await page.goto(`${caseUrl}/print/inspection`);
  const printed = page.locator('table.print-fields').last();
  await expect(printed).toContainText('Социальный наём');
  await expect(printed).toContainText('32,5');
  await expect(printed).toContainText('водоснабжение: да; отопление: нет');
  await expect(printed).toContainText('Зимней обуви у сына нет');
  // A bed and a place to study for each child, one line per child, then the comment.
  const sleeping = printed.locator('tr', { hasText: 'Спальное место каждого ребёнка' });
  await expect(sleeping).toContainText(`${SON}: нет`);
  await expect(sleeping).toContainText(`${DAUGHTER}: нет`);
  await expect(sleeping).toContainText('Дети спят на одном диване');
  const study = printed.locator('tr', { hasText: 'Место для занятий' });
  await expect(study).toContainText(`${SON}: да`);
  await expect(study).toContainText(`${DAUGHTER}: да`);
  const dashes = printed.locator('td', { hasText: /^—$/ });
  await expect(dashes).toHaveCount(0);
  await shot(page, 'capture-print-inspection-ru');
  await page.goto(caseUrl);

  // Point 5: the visit form. Safety is not ticked for the worker; a concern says what it is.
  await page.getByRole('tab', { name: 'Посещения' }).click();
  await page.getByRole('button', { name: 'Записать посещение' }).click();
  dialog = page.getByRole('dialog', { name: 'Записать посещение' });
  await expect(dialog.getByLabel('Безопасность детей проверена')).not.toBeChecked();
  await expect(dialog.getByLabel('Дата посещения')).toHaveValue(typedDay(0));
  await dialog.getByLabel('Цель').fill('Первичное посещение семьи');
  const home = dialog.getByLabel('Жилищные условия');
  await home.fill('Холодно, отопление не работает');
  await escAsks(page, dialog, home, 'Холодно, отопление не работает');
  await dialog.getByLabel('Есть опасения за безопасность детей').check();
  await expect(dialog.getByLabel('Безопасность детей проверена')).toBeChecked();
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog.getByText('Обязательное поле')).toBeVisible();
  await dialog.getByLabel('Что вызывает опасения').fill('У дочери ожог на руке, объяснений нет');
  await shot(page, 'capture-visit-form-ru');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  const visits = page.getByTestId('visits');
  await expect(visits.getByTestId('visit-concern')).toHaveCount(1);
  await expect(visits).toContainText('У дочери ожог на руке');
  await expect(page.getByTestId('case-concern')).toContainText('У дочери ожог на руке');

  // A visit planned in three days is the header's next visit; then it is opened and marked done.
  await page.getByRole('button', { name: 'Записать посещение' }).click();
  await dialog.getByText('Запланировать', { exact: true }).click();
  await dialog.getByLabel('Плановая дата').fill(typedDay(3));
  await dialog.getByLabel('Плановая дата').blur();
  await dialog.getByLabel('Цель').fill('Проверить, что ожог лечат');
  await dialog.getByRole('button', { name: 'Запланировать' }).last().click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('case-next-visit')).toContainText('Проверить, что ожог лечат');
  await expect(visits.getByText('Запланировано', { exact: true })).toBeVisible();
  await shot(page, 'capture-visits-ru');
  await visits.getByRole('button', { name: 'Отметить итог' }).click();
  const outcome = page.getByRole('dialog', { name: /Итог посещения/ });
  await outcome.getByLabel('Безопасность детей проверена').check();
  await outcome.getByLabel('Что сделано').fill('Ожог заживает, были у врача');
  await outcome.getByRole('button', { name: 'Сохранить' }).click();
  await expect(outcome).toBeHidden();
  await expect(visits.getByRole('button', { name: 'Отметить итог' })).toHaveCount(0);
  await expect(visits).toContainText('Ожог заживает, были у врача');
  // The later check found no concern: the header no longer raises it; the list still marks it.
  await expect(page.getByTestId('case-concern')).toHaveCount(0);
  await expect(visits.getByTestId('visit-concern')).toHaveCount(1);

  // Nothing here writes an ISO date or a browser-language date.
  await expect(page.locator('body')).not.toContainText(/\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4}/);
  await shot(page, 'capture-case-ru');

  // The same case on a phone.
  // On a phone the case's tabs are a select (issue 13 point 10).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('case-tab-select').selectOption({ label: 'Семья и состав' });
  await shot(page, 'capture-household-phone-ru');
  await page.getByTestId('case-tab-select').selectOption({ label: 'Посещения' });
  await page.getByRole('button', { name: 'Записать посещение' }).click();
  await shot(page, 'capture-visit-form-phone-ru');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
