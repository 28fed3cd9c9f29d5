import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import {
  chartHeight,
  chartOption,
  type ChartPlan,
  type ChartTexts,
  type ReportTable,
} from '../../logic/reports';
import { cellText, formatNumber } from './format';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/**
 * One report table as an ECharts chart (loaded on demand with ECharts). A bar
 * or slice with a list behind it opens that list; keyboard users have the same
 * links in the table under the chart, so the chart itself is one image.
 */
export default function ReportChart({ table, plan }: { table: ReportTable; plan: ChartPlan }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const ref = useRef<HTMLDivElement>(null);
  // The box's width decides how labels fit (issue 13 point 14): measured before the first
  // drawing, and again when it changes by more than a little.
  const [width, setWidth] = useState(0);
  const language = i18n.language;
  const texts = useMemo<ChartTexts>(
    () => ({
      label: (key, value) => cellText(t, language, key, value),
      number: (value) => formatNumber(value, language),
    }),
    [t, language],
  );
  const height = chartHeight(table, plan, width || undefined, texts);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) {
      return;
    }
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() =>
      setWidth((old) => (Math.abs(element.clientWidth - old) > 24 ? element.clientWidth : old)),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = ref.current;
    if (!element || width === 0) {
      return;
    }
    const option = chartOption(table, plan, texts, width);
    if (!option) {
      return;
    }
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    chart.setOption(option);
    chart.on('click', (params) => {
      const data = params.data as { href?: unknown } | null | undefined;
      if (data && typeof data.href === 'string') {
        void navigate(data.href);
      }
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [table, plan, texts, width, navigate]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={t('dashboard.chart', { title: table.title })}
      data-testid={`chart-${table.name}`}
      style={{ width: '100%', height }}
    />
  );
}
