import type { Page, Route } from '@playwright/test';

// The reports API (src/http/routes_reports.cpp) as a stand-in for PATRONAGE_E2E_MOCK=1:
// the catalogue, each report in its JSON shape with per-row drill-downs for heads,
// CSV/XLSX downloads, the units and the cases behind a number. Register after mockApi():
// Playwright tries the routes added last first.

type Cell = string | number | null;
interface Table {
  name: string;
  title: string;
  columns: { key: string; title: string }[];
  rows: Cell[][];
  drill?: ({ list: string; query: Record<string, string> } | null)[];
  total_row?: number | null;
  chart?: { kind: 'bar' | 'pie' | 'stacked'; values: string[] } | null;
}

const col = (key: string, title: string) => ({ key, title });

const STATES: [string, string, number][] = [
  ['signal', 'Сигнал', 2],
  ['assessment', 'Изучение ситуации', 3],
  ['awaiting_decision', 'Ожидает решения', 1],
  ['active', 'Активный патронаж', 6],
  ['closing', 'Завершение', 2],
  ['supervision', 'Наблюдение', 1],
];

function reports(drill: boolean): Record<string, { title: string; tables: Table[] }> {
  return {
    households: {
      title: 'Семьи под патронажем',
      tables: [
        {
          name: 'households_by_state',
          title: 'По состоянию случая',
          columns: [col('state', 'Состояние'), col('households', 'Семей')],
          rows: STATES.map(([, label, n]) => [label, n]),
          chart: { kind: 'pie', values: ['households'] },
          ...(drill
            ? { drill: STATES.map(([code]) => ({ list: 'cases', query: { state: code } })) }
            : {}),
        },
        {
          name: 'households_by_category',
          title: 'По категориям',
          columns: [col('category', 'Категория'), col('households', 'Семей')],
          rows: [
            ['Малоимущая', 7],
            ['Многодетная', 4],
            ['Неполная семья', 5],
            ['Ребёнок-инвалид', 1],
            ['Одиноко проживающий пожилой', 2],
          ],
          chart: { kind: 'bar', values: ['households'] },
        },
        {
          name: 'households_by_risk',
          title: 'По уровню риска',
          columns: [col('risk_level', 'Уровень риска'), col('households', 'Семей')],
          rows: [
            ['Низкий', 3],
            ['Средний', 5],
            ['Высокий', 4],
            ['Критический', 1],
            ['Не оценён', 2],
          ],
          chart: { kind: 'pie', values: ['households'] },
        },
      ],
    },
    caseload: {
      title: 'Нагрузка специалистов',
      tables: [
        {
          name: 'caseload',
          title: 'Нагрузка специалистов',
          columns: [
            col('specialist', 'Специалист'),
            col('unit', 'Подразделение'),
            col('intensive', 'Интенсивных'),
            col('intensive_limit', 'Предел интенсивных'),
            col('standard', 'Обычных'),
            col('standard_limit', 'Предел обычных'),
            col('over_limit', 'Сверх предела'),
          ],
          rows: [
            ['Иванова Мария Петровна', 'Отделение патронажа', 2, 2, 7, 8, 'нет'],
            ['Петрова Анна Сергеевна', 'Отделение патронажа', 3, 2, 5, 8, 'да'],
          ],
          chart: {
            kind: 'bar',
            values: ['intensive', 'intensive_limit', 'standard', 'standard_limit'],
          },
        },
      ],
    },
    visits: {
      title: 'Визиты',
      tables: [
        {
          name: 'visits_by_kind',
          title: 'Визиты',
          columns: [
            col('kind', 'Вид визита'),
            col('planned', 'Запланировано'),
            col('made', 'Состоялось'),
            col('missed', 'Не состоялось'),
            col('made_on_time', 'В срок'),
            col('on_time_rate', 'В срок, %'),
          ],
          rows: [
            ['На дому', 14, 11, 3, 9, 64.3],
            ['По телефону', 6, 6, 0, 6, 100],
            ['Итого', 20, 17, 3, 15, 75],
          ],
          total_row: 2,
          chart: { kind: 'bar', values: ['planned', 'made', 'missed', 'made_on_time'] },
        },
      ],
    },
    outcomes: {
      title: 'Итоги закрытых случаев',
      tables: [
        {
          name: 'outcomes',
          title: 'Итоги закрытых случаев',
          columns: [
            col('outcome', 'Итог'),
            col('cases', 'Случаев'),
            col('average_days', 'Средняя длительность, дней'),
          ],
          rows: [
            ['Улучшение', 4, 182.5],
            ['Без изменений', 2, 150],
            ['Ухудшение', 1, 90],
            ['Не оценено', 0, null],
            ['Итого', 7, 162.1],
          ],
          total_row: 4,
          chart: { kind: 'pie', values: ['cases'] },
        },
      ],
    },
    volunteers: {
      title: 'Волонтёры',
      tables: [
        {
          name: 'volunteer_activity',
          title: 'Работа волонтёров',
          columns: [col('measure', 'Показатель'), col('value', 'Значение')],
          rows: [
            ['Активных за период', 3],
            ['Часов', 12.5],
            ['Подопечных на волонтёра', 1.5],
          ],
          chart: null,
        },
      ],
    },
  };
}

const CASES = [
  { id: 'c_active_1', state: 'active', address: 'ул. Ленина, д. 12' },
  { id: 'c_active_2', state: 'active', address: 'ул. Мира, д. 3' },
  { id: 'c_closing_1', state: 'closing', address: 'ул. Заречная, д. 7' },
].map((c) => ({
  ...c,
  unit_id: 'unit_1',
  household_id: `h_${c.id}`,
  signal_id: null,
  state_entered_on: '2026-10-01',
  opened_on: '2026-09-01',
  intensity: null,
  planned_end: null,
  lead_id: 'u_9f3k2',
  previous_case_id: null,
  version: 1,
}));

export async function mockReports(page: Page, options: { drill: boolean }) {
  const all = reports(options.drill);
  await page.route('**/api/v1/**', async (route: Route) => {
    const url = new URL(route.request().url());
    const path = url.pathname;
    if (path === '/api/v1/reports') {
      return route.fulfill({
        json: { items: Object.entries(all).map(([name, r]) => ({ name, title: r.title })) },
      });
    }
    const match = /^\/api\/v1\/reports\/([a-z_]+)$/.exec(path);
    if (match) {
      const report = all[match[1]!];
      if (!report) {
        return route.fulfill({ status: 404, json: { title: 'Not Found', status: 404 } });
      }
      const from = url.searchParams.get('from') ?? '2026-01-01';
      const to = url.searchParams.get('to') ?? '2026-12-31';
      const format = url.searchParams.get('format');
      if (format === 'csv' || format === 'xlsx') {
        return route.fulfill({
          status: 200,
          contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/octet-stream',
          headers: {
            'Content-Disposition': `attachment; filename="report-${match[1]}-${from}-${to}.${format}"`,
          },
          body: report.tables.map((t) => t.columns.map((c) => c.title).join(',')).join('\n'),
        });
      }
      return route.fulfill({
        json: {
          report: match[1],
          title: report.title,
          unit: { id: 'unit_1', name: 'Отделение социального патронажа' },
          from,
          to,
          tables: report.tables,
        },
      });
    }
    if (path === '/api/v1/units') {
      return route.fulfill({
        json: {
          items: [
            {
              id: 'unit_0',
              name: 'Центр социального обслуживания',
              kind: 'institution',
              parent_id: null,
            },
            {
              id: 'unit_1',
              name: 'Отделение социального патронажа',
              kind: 'department',
              parent_id: 'unit_0',
            },
          ],
        },
      });
    }
    if (path === '/api/v1/cases') {
      return route.fulfill({ json: { items: CASES } });
    }
    return route.fallback();
  });
}
