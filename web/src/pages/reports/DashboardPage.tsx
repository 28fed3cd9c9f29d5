import { lazy, Suspense, useId, useMemo, useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconDownload } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { listUnits } from '../../api/admin';
import { isApiError } from '../../api/client';
import {
  downloadReport,
  fetchReport,
  listReports,
  type ReportFormat,
  type ReportInfo,
  type ReportParams,
} from '../../api/reports';
import { useMe } from '../../auth/session';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDate } from '../../components/labels';
import {
  chartPlan,
  dashboardSearch,
  drillHref,
  hasNextPeriod,
  isIsoDate,
  normalizeTable,
  parseDashboardParams,
  periodRange,
  PERIOD_KINDS,
  shiftPeriod,
  type DashboardParams,
  type PeriodKind,
  type ReportTable,
} from '../../logic/reports';
import { unitOptions, unitTree } from '../../logic/units';
import { cellText } from './format';
import { DateField } from '../../components/DateField';
import { notifyFailure } from '../../components/notifyFailure';

const ReportChart = lazy(() => import('./ReportChart'));

const FORMATS: ReportFormat[] = ['csv', 'xlsx'];

function today(): string {
  return dayjs().format('YYYY-MM-DD');
}

/**
 * SPEC §10: the reports of a unit for a period, each as a chart and its table,
 * numbers leading to the lists behind them (when the server says the reader
 * may see them), with CSV and XLSX downloads. Period and unit live in the URL.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('dashboard.title') }));
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseDashboardParams(search, today()), [search]);
  const me = useMe().data;
  const update = (next: DashboardParams, replace = false) =>
    setSearch(dashboardSearch(next), { replace });

  const catalogue = useQuery({
    queryKey: ['reports'],
    queryFn: ({ signal }) => listReports(signal),
    retry: false,
  });
  const request: ReportParams = {
    unit: params.unit ?? undefined,
    from: params.from,
    to: params.to,
  };

  return (
    <Stack gap="lg" maw={1280}>
      <div>
        <Title order={2}>{t('dashboard.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('dashboard.subtitle')}
        </Text>
      </div>
      <Filters params={params} onChange={update} defaultUnit={me?.unit_id ?? null} />
      {catalogue.isPending && <Loader aria-label={t('app.loading')} />}
      {catalogue.isError &&
        (isApiError(catalogue.error) && catalogue.error.status === 403 ? (
          <Paper withBorder radius="md" p="xl">
            <Text c="dimmed" ta="center">
              {t('dashboard.forbidden')}
            </Text>
          </Paper>
        ) : (
          <ErrorPanel
            error={catalogue.error}
            title={t('common.loadFailed')}
            onRetry={() => void catalogue.refetch()}
          />
        ))}
      {catalogue.isSuccess && catalogue.data.length === 0 && (
        <Text c="dimmed">{t('dashboard.noReports')}</Text>
      )}
      {catalogue.isSuccess && catalogue.data.length > 1 && <Contents reports={catalogue.data} />}
      {catalogue.data?.map((info) => (
        <ReportCard key={info.name} info={info} request={request} />
      ))}
    </Stack>
  );
}

function anchorId(name: string): string {
  return `report-${name}`;
}

/** Jump links: on a phone the reports are one long column. */
function Contents({ reports }: { reports: ReportInfo[] }) {
  const { t } = useTranslation();
  return (
    <Box component="nav" aria-label={t('dashboard.contents')}>
      <Group gap="xs" wrap="wrap">
        {reports.map((info) => (
          <Badge
            key={info.name}
            component="a"
            href={`#${anchorId(info.name)}`}
            variant="light"
            tt="none"
            size="lg"
            radius="sm"
            style={{ cursor: 'pointer' }}
          >
            {info.title}
          </Badge>
        ))}
      </Group>
    </Box>
  );
}

function Filters({
  params,
  onChange,
  defaultUnit,
}: {
  params: DashboardParams;
  onChange: (next: DashboardParams, replace?: boolean) => void;
  defaultUnit: string | null;
}) {
  const { t, i18n } = useTranslation();
  const periodLabelId = useId();
  const units = useQuery({
    queryKey: ['units'],
    queryFn: ({ signal }) => listUnits(signal),
    retry: false,
  });
  const unitRows = unitTree(units.data ?? []);
  // The dates being typed; the URL takes them once they make a range.
  const [draft, setDraft] = useState({ from: params.from, to: params.to });
  const [shown, setShown] = useState(`${params.from}/${params.to}`);
  if (shown !== `${params.from}/${params.to}`) {
    setShown(`${params.from}/${params.to}`);
    setDraft({ from: params.from, to: params.to });
  }
  const draftInvalid = isIsoDate(draft.from) && isIsoDate(draft.to) && draft.from > draft.to;

  const choosePeriod = (value: string) => {
    const period = value as PeriodKind;
    if (period === 'custom') {
      onChange({ ...params, period });
    } else {
      onChange({ ...params, period, ...periodRange(period, today(), today()) });
    }
  };
  const setDraftDate = (field: 'from' | 'to', value: string) => {
    const next = { ...draft, [field]: value };
    setDraft(next);
    if (isIsoDate(next.from) && isIsoDate(next.to) && next.from <= next.to) {
      onChange({ ...params, period: 'custom', ...next }, true);
    }
  };
  const preset = params.period === 'custom' ? null : params.period;
  const range = t('dashboard.range', {
    from: formatDate(params.from, i18n.language),
    to: formatDate(params.to, i18n.language),
  });

  return (
    <Paper withBorder radius="md" p="md">
      <Group align="flex-end" gap="md" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id={periodLabelId}>
            {t('dashboard.period')}
          </Text>
          <SegmentedControl
            aria-labelledby={periodLabelId}
            value={params.period}
            onChange={choosePeriod}
            data={PERIOD_KINDS.map((kind) => ({
              value: kind,
              label: t(`dashboard.periods.${kind}`),
            }))}
          />
        </Stack>
        {preset ? (
          <Group gap={4} wrap="nowrap" align="center" mih={36}>
            <Tooltip label={t('dashboard.previous')}>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={t('dashboard.previous')}
                onClick={() =>
                  onChange({ ...params, ...shiftPeriod(preset, params.from, -1, today()) })
                }
              >
                <IconChevronLeft size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <Text
              size="sm"
              fw={500}
              px="xs"
              miw={{ base: 0, sm: 240 }}
              ta="center"
              data-testid="dashboard-range"
              aria-live="polite"
            >
              {range}
            </Text>
            <Tooltip label={t('dashboard.next')}>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={t('dashboard.next')}
                disabled={!hasNextPeriod(preset, params.from, today())}
                onClick={() =>
                  onChange({ ...params, ...shiftPeriod(preset, params.from, 1, today()) })
                }
              >
                <IconChevronRight size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>
        ) : (
          <Group gap="sm" align="flex-start" wrap="wrap">
            <DateField
              label={t('dashboard.from')}
              value={draft.from}
              maxDate={draft.to || undefined}
              onChange={(value) => setDraftDate('from', value)}
              w={170}
            />
            <DateField
              label={t('dashboard.to')}
              value={draft.to}
              minDate={draft.from || undefined}
              onChange={(value) => setDraftDate('to', value)}
              error={draftInvalid ? t('dashboard.invalidRange') : undefined}
              w={170}
            />
          </Group>
        )}
        {unitRows.length > 1 && (
          <NativeSelect
            label={t('dashboard.unit')}
            value={params.unit ?? defaultUnit ?? ''}
            onChange={(e) => onChange({ ...params, unit: e.currentTarget.value || null })}
            data={unitOptions(unitRows)}
            w={{ base: '100%', sm: 320 }}
          />
        )}
      </Group>
    </Paper>
  );
}

function ReportCard({ info, request }: { info: ReportInfo; request: ReportParams }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const query = useQuery({
    queryKey: ['report', info.name, request.unit ?? '', request.from, request.to, i18n.language],
    queryFn: ({ signal }) => fetchReport(info.name, request, signal),
    retry: false,
  });
  const download = useMutation({
    mutationFn: (format: ReportFormat) => downloadReport(info.name, request, format),
    onError: (error) => notifyFailure(t('dashboard.downloadFailed'), error, t),
  });
  const tables = useMemo(() => (query.data?.tables ?? []).map(normalizeTable), [query.data]);
  const title = query.data?.title ?? info.title;

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby={titleId}
      id={anchorId(info.name)}
      data-testid={`report-${info.name}`}
      style={{ scrollMarginTop: 72 }}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <div>
            <Title order={3} size="h4" id={titleId}>
              {title}
            </Title>
            {query.data && (
              <Text size="xs" c="dimmed">
                {t('dashboard.shownFor', {
                  unit: query.data.unit.name,
                  from: formatDate(query.data.from, i18n.language),
                  to: formatDate(query.data.to, i18n.language),
                })}
              </Text>
            )}
          </div>
          <Group gap="xs">
            {FORMATS.map((format) => (
              <Button
                key={format}
                size="xs"
                variant="light"
                leftSection={<IconDownload size={16} aria-hidden />}
                aria-label={t('dashboard.downloadLabel', { title, format: format.toUpperCase() })}
                loading={download.isPending && download.variables === format}
                onClick={() => download.mutate(format)}
              >
                {format.toUpperCase()}
              </Button>
            ))}
          </Group>
        </Group>
        {query.isPending && <Skeleton height={220} radius="md" />}
        {query.isError && (
          <ErrorPanel
            error={query.error}
            title={t('common.loadFailed')}
            onRetry={() => void query.refetch()}
          />
        )}
        {tables.map((table) => (
          <TableBlock
            key={table.name}
            table={table}
            showTitle={tables.length > 1 || table.title !== title}
          />
        ))}
      </Stack>
    </Paper>
  );
}

function TableBlock({ table, showTitle }: { table: ReportTable; showTitle: boolean }) {
  const { t } = useTranslation();
  const plan = useMemo(() => chartPlan(table), [table]);
  const hasChart = plan.kind !== 'none';
  // A table of many columns needs the full width; the chart goes above it.
  const wide = table.columns.length > 3;
  const drillable = table.drills.some((row) => row.some((drill) => drillHref(drill) !== null));
  return (
    <Stack gap="xs" data-testid={`table-${table.name}`}>
      {showTitle && (
        <Title order={4} size="h5">
          {table.title}
        </Title>
      )}
      {table.rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('dashboard.empty')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: hasChart && !wide ? 2 : 1 }} spacing="md">
          {hasChart && (
            <Suspense fallback={<Skeleton height={240} radius="md" />}>
              <ReportChart table={table} plan={plan} />
            </Suspense>
          )}
          <Stack gap={4}>
            <DataTable table={table} />
            {drillable && (
              <Text size="xs" c="dimmed">
                {t('dashboard.drillHint')}
              </Text>
            )}
          </Stack>
        </SimpleGrid>
      )}
    </Stack>
  );
}

function DataTable({ table }: { table: ReportTable }) {
  const { t, i18n } = useTranslation();
  const numericColumn = table.columns.map((_, i) =>
    table.rows.some((row) => typeof row[i] === 'number'),
  );
  const firstText = numericColumn.indexOf(false);
  return (
    <Table.ScrollContainer minWidth={Math.min(640, 140 * table.columns.length)}>
      <Table striped withTableBorder verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            {table.columns.map((column, i) => (
              <Table.Th key={column.key} ta={numericColumn[i] ? 'right' : undefined}>
                {column.title}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row, r) => {
            const rowLabel =
              firstText >= 0
                ? cellText(t, i18n.language, table.columns[firstText]!.key, row[firstText] ?? null)
                : '';
            return (
              <Table.Tr key={r}>
                {row.map((cell, c) => {
                  const column = table.columns[c]!;
                  const text = cellText(t, i18n.language, column.key, cell);
                  const href = typeof cell === 'number' ? drillHref(table.drills[r]?.[c]) : null;
                  const Cell = c === firstText ? Table.Th : Table.Td;
                  return (
                    <Cell
                      key={column.key}
                      ta={numericColumn[c] ? 'right' : undefined}
                      fw={c === firstText ? 400 : undefined}
                      scope={c === firstText ? 'row' : undefined}
                      style={numericColumn[c] ? { fontVariantNumeric: 'tabular-nums' } : undefined}
                    >
                      {href ? (
                        <Anchor
                          component={Link}
                          to={href}
                          fw={600}
                          data-testid="drill-link"
                          aria-label={t('dashboard.openList', {
                            what: [rowLabel, `${column.title}: ${text}`]
                              .filter((part) => part !== '')
                              .join(', '),
                          })}
                        >
                          {text}
                        </Anchor>
                      ) : (
                        text
                      )}
                    </Cell>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
