import { describe, expect, it } from 'vitest';
import type { RawReportTable } from '../api/reports';
import {
  chartHeight,
  chartOption,
  chartPlan,
  dashboardSearch,
  drillHref,
  hasNextPeriod,
  legendLines,
  normalizeTable,
  parseDashboardParams,
  periodRange,
  readDrill,
  shiftPeriod,
  type ChartTexts,
} from './reports';

const TODAY = '2026-11-23';
const texts: ChartTexts = {
  label: (key, value) => `${key}:${String(value)}`,
  number: (value) => String(value),
};

const byState: RawReportTable = {
  name: 'households_by_state',
  title: 'Семьи по состояниям',
  columns: [
    { key: 'state', title: 'Состояние' },
    { key: 'households', title: 'Семей' },
  ],
  rows: [
    ['active', 12],
    ['closing', 3],
    ['supervision', 0],
  ],
  drill: [
    { list: 'cases', query: { state: 'active', unit: 'u1' } },
    { list: 'cases', query: { state: 'closing', unit: 'u1' } },
    null,
  ],
  total_row: null,
  chart: { kind: 'pie', values: ['households'] },
};

describe('dashboard period', () => {
  it('gives the calendar month, quarter and year, the running one up to today', () => {
    expect(periodRange('month', '2026-10-15', TODAY)).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(periodRange('month', TODAY, TODAY)).toEqual({ from: '2026-11-01', to: TODAY });
    expect(periodRange('quarter', '2026-05-02', TODAY)).toEqual({
      from: '2026-04-01',
      to: '2026-06-30',
    });
    expect(periodRange('quarter', TODAY, TODAY)).toEqual({ from: '2026-10-01', to: TODAY });
    expect(periodRange('year', '2025-03-03', TODAY)).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
    });
  });

  it('steps back and forth, never into a period that has not begun', () => {
    expect(shiftPeriod('month', '2026-01-01', -1, TODAY)).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(shiftPeriod('quarter', '2026-10-01', -1, TODAY)).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
    });
    expect(shiftPeriod('month', '2026-10-01', 1, TODAY)).toEqual({ from: '2026-11-01', to: TODAY });
    expect(hasNextPeriod('month', '2026-10-01', TODAY)).toBe(true);
    expect(hasNextPeriod('month', '2026-11-01', TODAY)).toBe(false);
  });

  it('reads the URL, falling back to the current month', () => {
    expect(parseDashboardParams(new URLSearchParams(''), TODAY)).toEqual({
      period: 'month',
      from: '2026-11-01',
      to: TODAY,
      unit: null,
    });
    expect(
      parseDashboardParams(new URLSearchParams('period=quarter&from=2026-05-17&unit=u2'), TODAY),
    ).toEqual({ period: 'quarter', from: '2026-04-01', to: '2026-06-30', unit: 'u2' });
    expect(
      parseDashboardParams(
        new URLSearchParams('period=custom&from=2026-02-03&to=2026-03-04'),
        TODAY,
      ),
    ).toEqual({ period: 'custom', from: '2026-02-03', to: '2026-03-04', unit: null });
    // Reversed or impossible dates are not trusted.
    expect(
      parseDashboardParams(
        new URLSearchParams('period=custom&from=2026-03-04&to=2026-02-03'),
        TODAY,
      ).period,
    ).toBe('month');
    expect(
      parseDashboardParams(
        new URLSearchParams('period=custom&from=2026-02-30&to=2026-03-04'),
        TODAY,
      ).period,
    ).toBe('month');
    expect(parseDashboardParams(new URLSearchParams('period=week'), TODAY).period).toBe('month');
  });

  it('writes the URL so that reading it gives the same', () => {
    const params = { period: 'year' as const, from: '2025-01-01', to: '2025-12-31', unit: 'u 1' };
    const search = dashboardSearch(params);
    expect(search).toBe('period=year&from=2025-01-01&to=2025-12-31&unit=u+1');
    expect(parseDashboardParams(new URLSearchParams(search), TODAY)).toEqual(params);
  });
});

describe('drill-down', () => {
  it('builds the link to a filtered list', () => {
    expect(drillHref({ list: 'cases', query: { state: 'active', unit: 'u/1 ' } })).toBe(
      '/cases?state=active&unit=u%2F1+',
    );
    expect(drillHref({ list: 'signals', query: {} })).toBe('/signals');
    expect(drillHref({ list: 'cases', query: { state: '' } })).toBe('/cases');
  });

  it('gives no link for a list the app has no page for, or no descriptor', () => {
    expect(drillHref({ list: 'payments', query: { a: 'b' } })).toBeNull();
    expect(drillHref(null)).toBeNull();
    expect(drillHref(undefined)).toBeNull();
  });

  it('reads descriptors and rejects anything else', () => {
    expect(readDrill({ list: 'cases', query: { state: 'active', limit: 3, x: { y: 1 } } })).toEqual(
      {
        list: 'cases',
        query: { state: 'active', limit: '3' },
      },
    );
    expect(readDrill({ list: 'cases' })).toEqual({ list: 'cases', query: {} });
    expect(readDrill({ query: {} })).toBeNull();
    expect(readDrill('cases')).toBeNull();
    expect(readDrill(null)).toBeNull();
  });

  it('puts a row descriptor on the row’s numbers only', () => {
    const table = normalizeTable(byState);
    expect(table.rows).toEqual([
      ['active', 12],
      ['closing', 3],
      ['supervision', 0],
    ]);
    expect(table.drills[0]).toEqual([
      null,
      { list: 'cases', query: { state: 'active', unit: 'u1' } },
    ]);
    expect(table.drills[2]).toEqual([null, null]);
  });

  it('reads per-cell descriptors, cell objects and a trailing row descriptor', () => {
    const table = normalizeTable({
      name: 'visits',
      title: 'Visits',
      columns: [
        { key: 'kind', title: 'Kind' },
        { key: 'planned', title: 'Planned' },
        { key: 'made', title: 'Made' },
      ],
      rows: [
        ['home', { value: 5, drill: { list: 'cases', query: { visits: 'planned' } } }, 4],
        ['phone', 2, 1, { list: 'cases', query: { kind: 'phone' } }],
        ['office', 1, 1],
      ],
      drill: [null, null, { made: { list: 'cases', query: { made: '1' } } }],
    });
    expect(table.rows).toEqual([
      ['home', 5, 4],
      ['phone', 2, 1],
      ['office', 1, 1],
    ]);
    expect(table.drills[0]).toEqual([null, { list: 'cases', query: { visits: 'planned' } }, null]);
    expect(table.drills[1]![1]).toEqual({ list: 'cases', query: { kind: 'phone' } });
    expect(table.drills[1]![2]).toEqual({ list: 'cases', query: { kind: 'phone' } });
    expect(table.drills[2]).toEqual([null, null, { list: 'cases', query: { made: '1' } }]);
  });
});

describe('data → chart option', () => {
  it('draws one count per state as a pie whose slices lead to the list', () => {
    const table = normalizeTable(byState);
    const plan = chartPlan(table);
    expect(plan).toMatchObject({ kind: 'pie', labelColumns: [0], valueColumns: [1] });
    const option = chartOption(table, plan, texts) as {
      series: { type: string; name: string; data: unknown[] }[];
    };
    expect(option.series).toHaveLength(1);
    expect(option.series[0]!.type).toBe('pie');
    expect(option.series[0]!.name).toBe('Семей');
    expect(option.series[0]!.data).toEqual([
      { value: 12, name: 'state:active', href: '/cases?state=active&unit=u1' },
      { value: 3, name: 'state:closing', href: '/cases?state=closing&unit=u1' },
    ]);
    // The empty slice is left out of the pie (the table still has it).
  });

  // Issue 13 point 14: on a phone the labels around the pie ran off its sides.
  it("names a narrow pie's slices in a legend under it, with their values, not around it", () => {
    const table = normalizeTable(byState);
    const plan = chartPlan(table);
    const option = chartOption(table, plan, texts, 358) as {
      legend: {
        type: string;
        orient: string;
        top: number;
        formatter: (name: string) => string;
        textStyle: { width: number; overflow: string };
      };
      series: { label: { show: boolean }; center: [string, number]; radius: number[] }[];
    };
    expect(option.series[0]!.label.show).toBe(false);
    expect(option.legend).toMatchObject({ type: 'plain', orient: 'vertical' });
    expect(option.legend.textStyle).toMatchObject({ width: 302, overflow: 'break' });
    expect(option.legend.formatter('state:active')).toBe('state:active: 12');
    // The legend starts under the pie and the chart is tall enough for its two lines.
    expect(option.legend.top).toBeGreaterThan(
      option.series[0]!.center[1] + option.series[0]!.radius[1]!,
    );
    expect(chartHeight(table, plan, 358, texts)).toBeGreaterThanOrEqual(option.legend.top + 2 * 22);
    // A wide box keeps the labels beside the slices.
    const wide = chartOption(table, plan, texts, 900) as {
      legend?: unknown;
      series: { label: { formatter: string } }[];
    };
    expect(wide.legend).toBeUndefined();
    expect(wide.series[0]!.label.formatter).toBe('{b}: {c}');
  });

  it("wraps a bar chart's legend onto more lines instead of scrolling, the grid below it", () => {
    const table = normalizeTable({
      name: 'visits_norm',
      title: 'Визиты',
      columns: [
        { key: 'intensity', title: 'Интенсивность' },
        { key: 'norm', title: 'Норматив (интенсивный)' },
        { key: 'made', title: 'Проведено' },
        { key: 'on_time', title: 'Проведено в срок' },
      ],
      rows: [
        ['intensive', 8, 6, 5],
        ['standard', 4, 4, 3],
      ],
      chart: { kind: 'bar', values: ['norm', 'made', 'on_time'] },
    });
    const plan = chartPlan(table);
    const names = ['Норматив (интенсивный)', 'Проведено', 'Проведено в срок'];
    expect(legendLines(names, 1200)).toBe(1);
    const lines = legendLines(names, 358);
    expect(lines).toBeGreaterThan(1);
    const narrow = chartOption(table, plan, texts, 358) as {
      legend: { type: string };
      grid: { top: number; containLabel: boolean };
    };
    expect(narrow.legend.type).toBe('plain');
    expect(narrow.grid).toMatchObject({ top: 16 + lines * 22, containLabel: true });
    expect(chartHeight(table, plan, 358)).toBe(chartHeight(table, plan, 1200) + (lines - 1) * 22);
  });

  it('leaves the declared totals row and the columns not declared out of the chart (visits)', () => {
    const table = normalizeTable({
      name: 'visits_by_kind',
      title: 'Визиты по видам',
      columns: [
        { key: 'kind', title: 'Вид' },
        { key: 'planned', title: 'Запланировано' },
        { key: 'made', title: 'Состоялось' },
        { key: 'missed', title: 'Не состоялось' },
        { key: 'made_on_time', title: 'Вовремя' },
        { key: 'on_time_rate', title: 'Вовремя, %' },
      ],
      rows: [
        ['На дому', 10, 8, 2, 7, 70],
        ['По телефону', 4, 4, 0, 4, 100],
        ['Итого', 14, 12, 2, 11, 78.6],
      ],
      total_row: 2,
      chart: { kind: 'bar', values: ['planned', 'made', 'missed', 'made_on_time'] },
    });
    const plan = chartPlan(table);
    expect(plan).toMatchObject({ kind: 'bar', rows: [0, 1], valueColumns: [1, 2, 3, 4] });
    const option = chartOption(table, plan, texts) as { xAxis: { data: string[] } };
    expect(option.xAxis.data).toEqual(['kind:На дому', 'kind:По телефону']);
  });

  it('keeps a last row the server does not declare a total, whatever it says', () => {
    const table = normalizeTable({
      ...byState,
      rows: [
        ['active', 2],
        ['total', 5],
      ],
      drill: [],
    });
    expect(table.totalRow).toBeNull();
    expect(chartPlan(table).rows).toEqual([0, 1]);
    expect(normalizeTable({ ...byState, total_row: 7 }).totalRow).toBeNull();
    expect(normalizeTable({ ...byState, total_row: 2 }).totalRow).toBe(2);
  });

  it('names rows by the columns that tell them apart, and skips unlike figures', () => {
    const caseload = normalizeTable({
      name: 'caseload',
      title: 'Нагрузка',
      columns: [
        { key: 'specialist', title: 'Специалист' },
        { key: 'unit', title: 'Подразделение' },
        { key: 'intensive', title: 'Интенсивных' },
        { key: 'intensive_limit', title: 'Предел' },
        { key: 'over_limit', title: 'Сверх предела' },
      ],
      rows: [
        ['Иванова', 'Отделение', 3, 2, 'да'],
        ['Петрова', 'Отделение', 1, 2, 'нет'],
      ],
      chart: { kind: 'bar', values: ['intensive', 'intensive_limit'] },
    });
    expect(chartPlan(caseload)).toMatchObject({ labelColumns: [0], valueColumns: [2, 3] });
    const activity = normalizeTable({
      name: 'volunteer_activity',
      title: 'Работа волонтёров',
      columns: [
        { key: 'measure', title: 'Показатель' },
        { key: 'value', title: 'Значение' },
      ],
      rows: [
        ['Часов', 12.5],
        ['Подопечных', 4],
      ],
      chart: null,
    });
    expect(chartPlan(activity).kind).toBe('none');
  });

  it('draws bars where the server says bars (overlapping categories)', () => {
    const table = normalizeTable({
      ...byState,
      name: 'households_by_category',
      columns: [
        { key: 'category', title: 'Категория' },
        { key: 'households', title: 'Семей' },
      ],
      chart: { kind: 'bar', values: ['households'] },
    });
    expect(chartPlan(table)).toMatchObject({ kind: 'bar', valueColumns: [1], horizontal: false });
  });

  it('groups several counts as bars, leaving rates to the table', () => {
    const table = normalizeTable({
      name: 'caseload',
      title: 'Нагрузка',
      columns: [
        { key: 'specialist', title: 'Специалист' },
        { key: 'families', title: 'Семей' },
        { key: 'limit', title: 'Предел' },
        { key: 'load_share', title: 'Доля' },
      ],
      rows: [
        ['Иванова Мария Петровна', 9, 10, 0.9],
        ['Петров П. П.', 4, 10, 0.4],
      ],
      chart: { kind: 'bar', values: ['families', 'limit'] },
    });
    const plan = chartPlan(table);
    expect(plan).toMatchObject({ kind: 'bar', valueColumns: [1, 2], horizontal: true });
    const option = chartOption(table, plan, texts) as {
      yAxis: { type: string; data: string[]; axisLabel: { overflow: string } };
      xAxis: { type: string };
      series: { name: string; stack?: string; data: { value: number }[] }[];
    };
    expect(option.xAxis.type).toBe('value');
    // Issue 13 point 14: long names wrap on the axis, never "Иванова Мария Пет…".
    expect(option.yAxis.axisLabel.overflow).toBe('break');
    expect(option.yAxis.data).toEqual([
      'specialist:Иванова Мария Петровна',
      'specialist:Петров П. П.',
    ]);
    expect(option.series.map((s) => s.name)).toEqual(['Семей', 'Предел']);
    expect(option.series[0]!.stack).toBeUndefined();
    expect(option.series[1]!.data.map((p) => p.value)).toEqual([10, 10]);
  });

  it('stacks the columns the server stacks', () => {
    const table = normalizeTable({
      name: 'outcomes',
      title: 'Итоги',
      columns: [
        { key: 'type', title: 'Вид' },
        { key: 'improved', title: 'Лучше' },
        { key: 'unchanged', title: 'Без перемен' },
        { key: 'worse', title: 'Хуже' },
        { key: 'total', title: 'Всего' },
      ],
      rows: [
        ['social', 3, 1, 0, 4],
        ['medical', 1, 1, 1, 3],
      ],
      chart: { kind: 'stacked', values: ['improved', 'unchanged', 'worse'] },
    });
    const plan = chartPlan(table);
    expect(plan).toMatchObject({ kind: 'stacked', valueColumns: [1, 2, 3], horizontal: false });
    const option = chartOption(table, plan, texts) as {
      xAxis: { data: string[] };
      series: { name: string; stack: string }[];
    };
    expect(option.xAxis.data).toEqual(['type:social', 'type:medical']);
    expect(option.series.map((s) => [s.name, s.stack])).toEqual([
      ['Лучше', 'total'],
      ['Без перемен', 'total'],
      ['Хуже', 'total'],
    ]);
  });

  it('pivots (name, kind, count) rows into stacked bars per name', () => {
    const table = normalizeTable({
      name: 'referrals',
      title: 'Направления',
      columns: [
        { key: 'partner', title: 'Партнёр' },
        { key: 'status', title: 'Статус' },
        { key: 'count', title: 'Число' },
      ],
      rows: [
        ['Поликлиника', 'sent', 2],
        ['Поликлиника', 'accepted', 5],
        ['Школа', 'accepted', 1],
      ],
      drill: [null, { list: 'cases', query: { partner: 'p1' } }, null],
      chart: { kind: 'stacked', values: ['count'] },
    });
    const plan = chartPlan(table);
    expect(plan).toMatchObject({ kind: 'stacked', pivot: true, labelColumns: [0, 1] });
    const option = chartOption(table, plan, texts) as {
      xAxis: { data: string[] };
      series: { name: string; data: { value: number | null; href?: string }[] }[];
    };
    expect(option.xAxis.data).toEqual(['partner:Поликлиника', 'partner:Школа']);
    expect(option.series.map((s) => s.name)).toEqual(['status:sent', 'status:accepted']);
    expect(option.series[0]!.data).toEqual([{ value: 2 }, { value: null }]);
    expect(option.series[1]!.data).toEqual([{ value: 5, href: '/cases?partner=p1' }, { value: 1 }]);
  });

  it('pivots even when each name has one kind, so that the kind shows as a colour', () => {
    const table = normalizeTable({
      name: 'referrals',
      title: 'Направления',
      columns: [
        { key: 'partner', title: 'Партнёр' },
        { key: 'status', title: 'Статус' },
        { key: 'referrals', title: 'Число' },
      ],
      rows: [
        ['Поликлиника', 'Принято', 1],
        ['Школа', 'Выполнено', 0],
      ],
      chart: { kind: 'stacked', values: ['referrals'] },
    });
    const plan = chartPlan(table);
    expect(plan).toMatchObject({ kind: 'stacked', pivot: true });
    const option = chartOption(table, plan, texts) as {
      series: { name: string; label: { formatter: (p: { value: unknown }) => string } }[];
    };
    expect(option.series.map((s) => s.name)).toEqual(['status:Принято', 'status:Выполнено']);
    // No "0" over an empty bar.
    expect(option.series[0]!.label.formatter({ value: 0 })).toBe('');
    expect(option.series[0]!.label.formatter({ value: 3 })).toBe('3');
  });

  it('draws a single row of figures as bars of its columns', () => {
    const table = normalizeTable({
      name: 'visits_total',
      title: 'Визиты',
      columns: [
        { key: 'planned', title: 'План' },
        { key: 'made', title: 'Сделано' },
        { key: 'missed', title: 'Пропущено' },
        { key: 'on_time_rate', title: 'Вовремя, %' },
      ],
      rows: [[10, 8, 2, 75]],
      chart: { kind: 'bar', values: ['planned', 'made', 'missed'] },
    });
    const plan = chartPlan(table);
    expect(plan).toMatchObject({ kind: 'bar', transposed: true, valueColumns: [0, 1, 2] });
    const option = chartOption(table, plan, texts) as {
      xAxis: { data: string[] };
      series: { data: { value: number }[] }[];
    };
    expect(option.xAxis.data).toEqual(['План', 'Сделано', 'Пропущено']);
    expect(option.series[0]!.data.map((p) => p.value)).toEqual([10, 8, 2]);
  });

  it('draws nothing for an empty table, a lone figure, no chart or one of unknown columns', () => {
    expect(chartPlan(normalizeTable({ ...byState, rows: [], drill: [] })).kind).toBe('none');
    const lone = normalizeTable({
      name: 'duration',
      title: 'Средняя длительность',
      columns: [{ key: 'avg_days', title: 'Дней' }],
      rows: [[120]],
      chart: { kind: 'bar', values: ['avg_days'] },
    });
    expect(chartPlan(lone).kind).toBe('none');
    expect(chartOption(lone, chartPlan(lone), texts)).toBeNull();
    expect(chartPlan(normalizeTable({ ...byState, chart: null })).kind).toBe('none');
    expect(chartPlan(normalizeTable({ ...byState, chart: 'pie' })).kind).toBe('none');
    const unknown = { kind: 'bar', values: ['nothing'] };
    expect(chartPlan(normalizeTable({ ...byState, chart: unknown })).kind).toBe('none');
  });
});
