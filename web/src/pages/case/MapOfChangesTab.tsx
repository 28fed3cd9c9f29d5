import { useEffect, useRef } from 'react';
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { fetchMapOfChanges, type MapOfChanges } from '../../api/assessments';
import { isApiError } from '../../api/client';
import { enumLabel, formatDate } from '../../components/labels';
import { changeSeries, trendCounts } from '../../logic/mapOfChanges';
import { RISK_LEVEL_COLORS } from '../../logic/needs';
import { QueryState } from '../../components/QueryState';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const OUTCOME_COLORS: Record<string, string> = {
  improved: 'green',
  unchanged: 'gray',
  worse: 'red',
};

/** SPEC §10: the map of changes, before/after per domain, first and latest needs assessments. */
export default function MapOfChangesTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['map-of-changes', caseId],
    queryFn: ({ signal }) => fetchMapOfChanges(caseId, signal),
    retry: false,
  });
  if (query.isError && isApiError(query.error) && query.error.status === 409) {
    return <Text c="dimmed">{t('case.changes.empty')}</Text>;
  }
  if (!query.isSuccess) {
    return <QueryState query={query} size="sm" />;
  }
  return <ChangesView map={query.data} />;
}

function ChangesView({ map }: { map: MapOfChanges }) {
  const { t, i18n } = useTranslation();
  const counts = trendCounts(map.domains);
  const level = (l: string) => enumLabel(t, 'riskLevels', l);
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        <Text size="sm">
          {t('case.changes.period', {
            from: formatDate(map.from.date, i18n.language),
            to: formatDate(map.to.date, i18n.language),
          })}
        </Text>
        <Badge
          color={OUTCOME_COLORS[map.outcome] ?? 'gray'}
          tt="none"
          data-testid="changes-outcome"
        >
          {`${t('case.changes.outcome')}: ${
            map.outcome in { improved: 1, unchanged: 1, worse: 1 }
              ? t(`case.changes.outcomes.${map.outcome as 'improved' | 'unchanged' | 'worse'}`)
              : map.outcome
          }`}
        </Badge>
      </Group>
      <Group gap="lg" wrap="wrap">
        <Text size="sm">
          {t('case.changes.total', { before: map.total_before, after: map.total_after })}
        </Text>
        <Group gap={4}>
          <Text size="sm">{`${t('case.risk')}:`}</Text>
          <Badge color={RISK_LEVEL_COLORS[map.level_before] ?? 'gray'} tt="none">
            {level(map.level_before)}
          </Badge>
          <Text size="sm" aria-hidden>
            {'→'}
          </Text>
          <Badge color={RISK_LEVEL_COLORS[map.level_after] ?? 'gray'} tt="none">
            {level(map.level_after)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('case.changes.counts', counts)}
        </Text>
      </Group>
      <Paper withBorder p="xs" radius="md">
        <ChangesChart map={map} />
      </Paper>
    </Stack>
  );
}

function ChangesChart({ map }: { map: MapOfChanges }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) {
      return;
    }
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    const data = changeSeries(map.domains, (d) => enumLabel(t, 'riskDomains', d));
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 3, interval: 1 },
      yAxis: { type: 'category', data: data.categories, inverse: true },
      series: [
        {
          name: t('case.changes.before'),
          type: 'bar',
          data: data.before,
          itemStyle: { color: '#fa5252' },
          label: { show: true, position: 'right' },
        },
        {
          name: t('case.changes.after'),
          type: 'bar',
          data: data.after,
          itemStyle: { color: '#228be6' },
          label: { show: true, position: 'right' },
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [map, t, i18n.language]);
  return (
    <div
      ref={ref}
      role="img"
      aria-label={t('case.changes.chart')}
      data-testid="changes-chart"
      style={{ width: '100%', height: 520 }}
    />
  );
}
