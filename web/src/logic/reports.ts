import dayjs from 'dayjs';
import type { DrillDescriptor, RawReportTable, ReportCell, ReportColumn } from '../api/reports';

// ---- The period and unit of the dashboard, kept in the URL ----------------

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface DateRange {
  from: string;
  to: string;
}

export interface DashboardParams extends DateRange {
  period: PeriodKind;
  /** null: the user's own unit (the server's default). */
  unit: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FORMAT = 'YYYY-MM-DD';

export function isIsoDate(value: string | null | undefined): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && dayjs(value).format(FORMAT) === value;
}

function isPeriodKind(value: unknown): value is PeriodKind {
  return typeof value === 'string' && (PERIOD_KINDS as readonly string[]).includes(value);
}

function periodStart(kind: Exclude<PeriodKind, 'custom'>, date: dayjs.Dayjs): dayjs.Dayjs {
  if (kind === 'quarter') {
    return date.startOf('month').month(Math.floor(date.month() / 3) * 3);
  }
  return date.startOf(kind);
}

function periodEnd(kind: Exclude<PeriodKind, 'custom'>, start: dayjs.Dayjs): dayjs.Dayjs {
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  return start.add(months, 'month').subtract(1, 'day');
}

/**
 * The calendar month, quarter or year that holds `day` (YYYY-MM-DD). A period
 * still running ends on `today`: the figures are "to date", not with the
 * visits that cannot have been made yet.
 */
export function periodRange(
  kind: Exclude<PeriodKind, 'custom'>,
  day: string,
  today: string,
): DateRange {
  const start = periodStart(kind, dayjs(day));
  const end = periodEnd(kind, start);
  const last = end.isAfter(dayjs(today)) && !start.isAfter(dayjs(today)) ? dayjs(today) : end;
  return { from: start.format(FORMAT), to: last.format(FORMAT) };
}

/** The period `step` periods before (negative) or after (positive) the one starting at `from`. */
export function shiftPeriod(
  kind: Exclude<PeriodKind, 'custom'>,
  from: string,
  step: number,
  today: string,
): DateRange {
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  return periodRange(
    kind,
    dayjs(from)
      .add(step * months, 'month')
      .format(FORMAT),
    today,
  );
}

/** Whether the period after the one starting at `from` has begun by `today`. */
export function hasNextPeriod(
  kind: Exclude<PeriodKind, 'custom'>,
  from: string,
  today: string,
): boolean {
  return !dayjs(shiftPeriod(kind, from, 1, today).from).isAfter(dayjs(today));
}

/**
 * Reads `period`, `from`, `to` and `unit` from the URL. Anything missing or
 * invalid falls back to the current month; a preset period is re-aligned to
 * its calendar bounds (so a hand-edited URL still shows a whole month).
 */
export function parseDashboardParams(search: URLSearchParams, today: string): DashboardParams {
  const unit = search.get('unit') || null;
  const rawPeriod = search.get('period');
  const from = search.get('from');
  const to = search.get('to');
  const period: PeriodKind = isPeriodKind(rawPeriod) ? rawPeriod : 'month';
  if (period === 'custom') {
    if (isIsoDate(from) && isIsoDate(to) && from <= to) {
      return { period, from, to, unit };
    }
    return { period: 'month', ...periodRange('month', today, today), unit };
  }
  const anchor = isIsoDate(from) ? from : today;
  return { period, ...periodRange(period, anchor, today), unit };
}

/** The URL query of `params`, in a stable order. */
export function dashboardSearch(params: DashboardParams): string {
  const search = new URLSearchParams();
  search.set('period', params.period);
  search.set('from', params.from);
  search.set('to', params.to);
  if (params.unit) {
    search.set('unit', params.unit);
  }
  return search.toString();
}

// ---- Tables as received → cells and the drill-down behind each cell ------

export interface ReportTable {
  name: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** drills[row][column]: the list behind that cell, or null. */
  drills: (DrillDescriptor | null)[][];
  /** The row that totals the others, as the server declares it; null for none. */
  totalRow: number | null;
  /** How the server draws the table; null: a table only. */
  chart: ReportChart | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A drill-down descriptor, or null when `value` is not one. */
export function readDrill(value: unknown): DrillDescriptor | null {
  if (!isRecord(value) || typeof value.list !== 'string' || value.list === '') {
    return null;
  }
  const query: Record<string, string> = {};
  if (isRecord(value.query)) {
    for (const [key, item] of Object.entries(value.query)) {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
        query[key] = String(item);
      }
    }
  }
  return { list: value.list, query };
}

function readCell(value: unknown): { cell: ReportCell; drill: DrillDescriptor | null } {
  if (typeof value === 'string' || typeof value === 'number') {
    return { cell: value, drill: null };
  }
  if (isRecord(value) && 'value' in value) {
    const inner = readCell(value.value);
    return { cell: inner.cell, drill: readDrill(value.drill) };
  }
  return { cell: null, drill: null };
}

/**
 * The drill of every cell of one row from the shapes the contract allows:
 * one descriptor for the row (its numbers), one per cell (an array), or one
 * per column key (an object of descriptors).
 */
function rowDrills(entry: unknown, columns: ReportColumn[], cells: ReportCell[]) {
  const drills: (DrillDescriptor | null)[] = columns.map(() => null);
  const whole = readDrill(entry);
  if (whole) {
    cells.forEach((cell, i) => {
      if (typeof cell === 'number') {
        drills[i] = whole;
      }
    });
  } else if (Array.isArray(entry)) {
    entry.forEach((item, i) => {
      if (i < drills.length) {
        drills[i] = readDrill(item);
      }
    });
  } else if (isRecord(entry)) {
    columns.forEach((column, i) => {
      drills[i] = readDrill(entry[column.key]);
    });
  }
  return drills;
}

const CHART_KINDS = ['bar', 'pie', 'stacked'] as const;
/** 'none': no chart, the table alone. */
export type ChartKind = (typeof CHART_KINDS)[number] | 'none';

/** The server's `chart`: the kind and the keys of the columns drawn (SPEC §10, ReportChart). */
export interface ReportChart {
  kind: (typeof CHART_KINDS)[number];
  values: string[];
}

function readChart(value: unknown): ReportChart | null {
  if (!isRecord(value) || !(CHART_KINDS as readonly unknown[]).includes(value.kind)) {
    return null;
  }
  const values = Array.isArray(value.values)
    ? value.values.filter((key): key is string => typeof key === 'string')
    : [];
  return { kind: value.kind as ReportChart['kind'], values };
}

/** Cells and drills of a table, whatever shape of drill-down the server used. */
export function normalizeTable(raw: RawReportTable): ReportTable {
  const columns = Array.isArray(raw.columns) ? raw.columns : [];
  const rawRows = Array.isArray(raw.rows) ? raw.rows : [];
  const tableDrill: unknown[] = Array.isArray(raw.drill) ? raw.drill : [];
  const rows: ReportCell[][] = [];
  const drills: (DrillDescriptor | null)[][] = [];
  rawRows.forEach((rawRow: unknown, r) => {
    let values: unknown[] = [];
    let rowEntry: unknown = tableDrill[r];
    if (Array.isArray(rawRow)) {
      values = rawRow;
    } else if (isRecord(rawRow)) {
      const list = rawRow.cells ?? rawRow.values;
      values = Array.isArray(list) ? list : [];
      rowEntry = rawRow.drill ?? rowEntry;
    }
    // A descriptor after the last column is the row's own.
    if (values.length > columns.length && readDrill(values[columns.length])) {
      rowEntry = values[columns.length];
    }
    const read = columns.map((_, i) => readCell(values[i]));
    const cells = read.map((c) => c.cell);
    const fromRow = rowDrills(rowEntry, columns, cells);
    rows.push(cells);
    drills.push(read.map((c, i) => c.drill ?? fromRow[i] ?? null));
  });
  return {
    name: raw.name,
    title: raw.title,
    columns,
    rows,
    drills,
    totalRow:
      typeof raw.total_row === 'number' &&
      Number.isInteger(raw.total_row) &&
      raw.total_row >= 0 &&
      raw.total_row < rows.length
        ? raw.total_row
        : null,
    chart: readChart(raw.chart),
  };
}

// ---- Drill-down links ------------------------------------------------------

/** The pages that can show a list with filters from their URL. */
const LIST_PATHS: Record<string, string> = {
  cases: '/cases',
  signals: '/signals',
};

/** The in-app address of the list behind a number; null for a list the app cannot show. */
export function drillHref(drill: DrillDescriptor | null | undefined): string | null {
  if (!drill) {
    return null;
  }
  const path = LIST_PATHS[drill.list];
  if (path === undefined) {
    return null;
  }
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(drill.query)) {
    if (value !== '') {
      query.set(key, value);
    }
  }
  const search = query.toString();
  return search === '' ? path : `${path}?${search}`;
}

// ---- Chart: which rows and columns, which kind, and the ECharts option ----

export interface ChartPlan {
  kind: ChartKind;
  /** The rows drawn (a totals row is left to the table). */
  rows: number[];
  /** The text columns naming each row (source, urgency…); empty for none. */
  labelColumns: number[];
  /** The columns drawn, as series (or pie values / single-row bars). */
  valueColumns: number[];
  /** One row drawn as bars of its columns. */
  transposed: boolean;
  /** Rows of (name, kind, count) drawn as bars per name, stacked by kind. */
  pivot: boolean;
  /** Bars along the rows (long names, many rows: better on a phone). */
  horizontal: boolean;
}

const NONE: ChartPlan = {
  kind: 'none',
  rows: [],
  labelColumns: [],
  valueColumns: [],
  transposed: false,
  pivot: false,
  horizontal: false,
};

const MAX_PIVOT_SERIES = 8;

/**
 * How to draw `table`: the kind and the columns the server declared, the rows but its totals
 * row; the rows named by the columns before the figures that tell them apart, and bars laid
 * along the rows when there are many or their names are long.
 */
export function chartPlan(table: ReportTable): ChartPlan {
  const chart = table.chart;
  if (chart === null || table.rows.length === 0) {
    return NONE;
  }
  const values = chart.values
    .map((key) => table.columns.findIndex((column) => column.key === key))
    .filter((i) => i >= 0);
  if (values.length === 0) {
    return NONE;
  }
  const naming = table.columns.map((_, i) => i).filter((i) => i < Math.min(...values));
  if (table.rows.length === 1) {
    // One row of figures (planned / made / missed): its columns are the bars.
    return values.length >= 2
      ? {
          ...NONE,
          kind: 'bar',
          rows: [0],
          labelColumns: naming,
          valueColumns: values,
          transposed: true,
        }
      : NONE;
  }
  if (naming.length === 0) {
    return NONE;
  }
  const rows = table.rows.map((_, r) => r).filter((r) => r !== table.totalRow);
  // Name rows by the leading columns that tell them apart (not a unit all rows share).
  const varying = naming.filter((i) => new Set(rows.map((r) => table.rows[r]![i])).size > 1);
  const labelColumns = varying.length > 0 ? varying : naming.slice(0, 1);
  const labelLength = (r: number, columns: number[]) =>
    columns.map((i) => String(table.rows[r]![i] ?? '')).join(' · ').length;
  const longest = (columns: number[]) => Math.max(...rows.map((r) => labelLength(r, columns)));

  if (chart.kind === 'stacked' && labelColumns.length === 2 && values.length === 1) {
    const names = new Set(rows.map((r) => table.rows[r]![labelColumns[0]!]));
    const kinds = new Set(rows.map((r) => table.rows[r]![labelColumns[1]!]));
    if (kinds.size <= MAX_PIVOT_SERIES) {
      return {
        kind: 'stacked',
        rows,
        labelColumns,
        valueColumns: values,
        transposed: false,
        pivot: true,
        horizontal: names.size > 6 || longest(labelColumns.slice(0, 1)) > 14,
      };
    }
  }
  if (chart.kind === 'pie') {
    return { ...NONE, kind: 'pie', rows, labelColumns, valueColumns: values.slice(0, 1) };
  }
  return {
    kind: chart.kind,
    rows,
    labelColumns,
    valueColumns: values,
    transposed: false,
    pivot: false,
    horizontal: rows.length > 6 || longest(labelColumns) > 14,
  };
}

/** A point of a series: the value and, when there is a list behind it, where it leads. */
export interface ChartPoint {
  value: number | null;
  name?: string;
  href?: string;
}

export interface ChartTexts {
  /** The label shown for a cell of a label column (codes → words). */
  label: (columnKey: string, value: ReportCell) => string;
  /** Formats numbers in tooltips for the page's language. */
  number: (value: number) => string;
}

export const CHART_COLORS = [
  '#228be6',
  '#40c057',
  '#fab005',
  '#fa5252',
  '#7950f2',
  '#15aabf',
  '#fd7e14',
  '#e64980',
  '#868e96',
];

function point(table: ReportTable, row: number, column: number, name?: string): ChartPoint {
  const cell = table.rows[row]?.[column];
  const href = drillHref(table.drills[row]?.[column]);
  const result: ChartPoint = { value: typeof cell === 'number' ? cell : null };
  if (name !== undefined) {
    result.name = name;
  }
  if (href !== null) {
    result.href = href;
  }
  return result;
}

/** No "0" written at an empty bar or segment (the table has it). */
function hideZero(params: { value?: unknown }): string {
  const value = params.value;
  return typeof value === 'number' && value !== 0 ? String(value) : '';
}

/** Below this width (px) a pie keeps its slices' names in a legend under it, not around it. */
export const NARROW_CHART = 520;
/** A legend line's height (px) and the top of a narrow pie's legend. */
const LEGEND_LINE = 22;
const NARROW_PIE = 210;

/** The estimated width (px) of a legend item: its mark, gap and text at 12 px. */
function legendItemWidth(text: string): number {
  return 25 + 5 + 10 + Math.ceil(text.length * 7.5);
}

/**
 * How many lines a plain legend of `names` takes in `width` px (ECharts wraps a horizontal
 * plain legend onto new lines; a scrolling one hid the items beyond its first line).
 */
export function legendLines(names: string[], width: number): number {
  const room = Math.max(120, width - 16);
  let lines = 1;
  let used = 0;
  for (const name of names) {
    const item = Math.min(room, legendItemWidth(name));
    if (used > 0 && used + item > room) {
      lines += 1;
      used = 0;
    }
    used += item;
  }
  return lines;
}

/** The series names a bar chart's legend lists (more than one series), else none. */
function barLegendNames(table: ReportTable, plan: ChartPlan, texts?: ChartTexts): string[] {
  if (plan.transposed || plan.kind === 'pie' || plan.kind === 'none') {
    return [];
  }
  let names: string[];
  if (plan.pivot) {
    const kindColumn = plan.labelColumns[1]!;
    names = [];
    for (const r of plan.rows) {
      const value = table.rows[r]![kindColumn] ?? null;
      const name = texts ? texts.label(table.columns[kindColumn]!.key, value) : String(value ?? '');
      if (!names.includes(name)) {
        names.push(name);
      }
    }
  } else {
    names = plan.valueColumns.map((c) => table.columns[c]!.title);
  }
  return names.length > 1 ? names : [];
}

/** The slices a pie draws: its non-empty rows. */
function pieRows(table: ReportTable, plan: ChartPlan): number[] {
  const column = plan.valueColumns[0]!;
  return plan.rows.filter((r) => {
    const v = table.rows[r]?.[column];
    return typeof v === 'number' && v !== 0;
  });
}

/**
 * The ECharts option for `table` drawn as `plan` in a box `width` px wide: plain
 * data but for its formatters, so that it can be checked in a unit test. Points
 * carry `href` for the click-through. Every label stays whole (issue 13 point
 * 14): on a narrow box a pie names its slices in a legend under it, and legends
 * wrap onto more lines rather than scroll.
 */
export function chartOption(
  table: ReportTable,
  plan: ChartPlan,
  texts: ChartTexts,
  width = 800,
): Record<string, unknown> | null {
  if (plan.kind === 'none') {
    return null;
  }
  const base = { animation: false, color: CHART_COLORS };
  const valueFormatter = (value: unknown) =>
    typeof value === 'number' ? texts.number(value) : '—';
  const labelOf = (row: number, columns: number[]) =>
    columns.map((i) => texts.label(table.columns[i]!.key, table.rows[row]![i] ?? null)).join(' · ');

  if (plan.transposed) {
    return {
      ...base,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter },
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: plan.valueColumns.map((c) => table.columns[c]!.title),
        axisLabel: { interval: 0, width: 96, overflow: 'break', lineHeight: 15 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: table.title,
          type: 'bar',
          colorBy: 'data',
          data: plan.valueColumns.map((c) => point(table, 0, c)),
          label: { show: true, position: 'top' },
          barMaxWidth: 56,
        },
      ],
    };
  }

  if (plan.kind === 'pie') {
    const column = plan.valueColumns[0]!;
    // Empty slices only crowd the labels; the table still lists them.
    const data = pieRows(table, plan).map((r) =>
      point(table, r, column, labelOf(r, plan.labelColumns)),
    );
    const series = {
      name: table.columns[column]!.title,
      type: 'pie',
      avoidLabelOverlap: true,
      data,
    };
    if (width < NARROW_CHART) {
      // On a phone labels around the pie ran off its sides ("Ожидает решения:", "Не оценён: 8"
      // cut): the pie alone, and under it a legend of one slice a line, "name: value", wrapping.
      const valueOf = new Map(data.map((p) => [p.name, p.value]));
      return {
        ...base,
        tooltip: { trigger: 'item', valueFormatter },
        legend: {
          type: 'plain',
          orient: 'vertical',
          left: 8,
          top: NARROW_PIE,
          itemGap: 6,
          formatter: (name: string) => `${name}: ${valueFormatter(valueOf.get(name))}`,
          textStyle: { width: Math.max(120, width - 56), overflow: 'break', lineHeight: 15 },
        },
        series: [
          {
            ...series,
            radius: [40, 90],
            center: ['50%', 100],
            label: { show: false },
            labelLine: { show: false },
          },
        ],
      };
    }
    // Labels name the slices: no legend to repeat them.
    return {
      ...base,
      tooltip: { trigger: 'item', valueFormatter },
      series: [
        {
          ...series,
          radius: ['32%', '58%'],
          center: ['50%', '50%'],
          // Room for "Ожидает решения: 2" on one line (ECharts narrows it to the space beside the
          // pie, then breaks it: at 110 px it wrote "Ожидает решения:" over a lone "2").
          label: { formatter: '{b}: {c}', width: 160, overflow: 'break', lineHeight: 15 },
          labelLine: { length: 10, length2: 8 },
        },
      ],
    };
  }

  let categories: string[];
  let series: { name: string; data: ChartPoint[] }[];
  if (plan.pivot) {
    // One category per distinct name, one stacked series per kind.
    const [nameColumn, kindColumn] = plan.labelColumns as [number, number];
    const value = plan.valueColumns[0]!;
    const names: string[] = [];
    const kinds: string[] = [];
    const rowAt = new Map<string, number>();
    for (const r of plan.rows) {
      const name = labelOf(r, [nameColumn]);
      const kind = labelOf(r, [kindColumn]);
      if (!names.includes(name)) {
        names.push(name);
      }
      if (!kinds.includes(kind)) {
        kinds.push(kind);
      }
      rowAt.set(`${name}\u0000${kind}`, r);
    }
    categories = names;
    series = kinds.map((kind) => ({
      name: kind,
      data: names.map((name) => {
        const r = rowAt.get(`${name}\u0000${kind}`);
        return r === undefined ? { value: null } : point(table, r, value);
      }),
    }));
  } else {
    categories = plan.rows.map((r) => labelOf(r, plan.labelColumns));
    series = plan.valueColumns.map((c) => ({
      name: table.columns[c]!.title,
      data: plan.rows.map((r) => point(table, r, c)),
    }));
  }
  const horizontal = plan.horizontal;
  const categoryAxis = {
    type: 'category',
    data: categories,
    ...(horizontal
      ? { inverse: true, axisLabel: { width: 150, overflow: 'break', lineHeight: 15 } }
      : { axisLabel: { interval: 0, width: 96, overflow: 'break', lineHeight: 15 } }),
  };
  const valueAxis = { type: 'value', minInterval: 1 };
  const stacked = plan.kind === 'stacked';
  const withLegend = series.length > 1;
  // A plain legend wraps (a scrolling one hid "Норматив (интенсивный)" on a phone); the grid
  // starts under its last line.
  const lines = withLegend ? legendLines(barLegendNames(table, plan, texts), width) : 0;
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter },
    ...(withLegend ? { legend: { type: 'plain', top: 0, left: 8, right: 8 } } : {}),
    grid: {
      left: 8,
      right: 32,
      top: withLegend ? 16 + lines * LEGEND_LINE : 16,
      bottom: 8,
      containLabel: true,
    },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      ...(stacked ? { stack: 'total' } : {}),
      data: s.data,
      label: {
        show: true,
        position: stacked ? 'inside' : horizontal ? 'right' : 'top',
        formatter: hideZero,
      },
      barMaxWidth: 40,
    })),
  };
}

/**
 * Height in pixels that fits the chart in a box `width` px wide: horizontal bars
 * grow with their rows, a legend with its lines, a narrow pie with its legend.
 */
export function chartHeight(
  table: ReportTable,
  plan: ChartPlan,
  width = 800,
  texts?: ChartTexts,
): number {
  const labelOf = (r: number) =>
    plan.labelColumns
      .map((c) => {
        const value = table.rows[r]![c] ?? null;
        return texts ? texts.label(table.columns[c]!.key, value) : String(value ?? '');
      })
      .join(' · ');
  if (plan.kind === 'pie' && width < NARROW_CHART) {
    // One slice a line, a long name wrapping onto more.
    const textWidth = Math.max(120, width - 56);
    const lines = pieRows(table, plan)
      .map((r) => Math.ceil(((labelOf(r).length + 6) * 7.5) / textWidth))
      .reduce((a, b) => a + b, 0);
    return NARROW_PIE + lines * LEGEND_LINE + 16;
  }
  const legend = barLegendNames(table, plan, texts);
  const extra = legend.length > 0 ? (legendLines(legend, width) - 1) * LEGEND_LINE : 0;
  return chartHeight0(table, plan) + extra;
}

function chartHeight0(table: ReportTable, plan: ChartPlan): number {
  if (plan.horizontal) {
    const categories = plan.pivot
      ? new Set(plan.rows.map((r) => table.rows[r]![plan.labelColumns[0]!])).size
      : plan.rows.length;
    const bars = plan.kind === 'stacked' ? 1 : plan.valueColumns.length;
    const perRow = Math.max(30, 16 * bars + 14);
    return Math.min(900, 90 + categories * perRow);
  }
  return plan.kind === 'pie' ? 320 : 300;
}
