import type { MapOfChangesDomain } from '../api/assessments';

export interface ChangeSeries {
  categories: string[];
  before: number[];
  after: number[];
}

/** Bar chart data: one category per domain in the server's order, labels via `label`. */
export function changeSeries(
  domains: MapOfChangesDomain[],
  label: (domain: string) => string,
): ChangeSeries {
  return {
    categories: domains.map((d) => label(d.domain)),
    before: domains.map((d) => d.before),
    after: domains.map((d) => d.after),
  };
}

/** Counts of domains that got better, stayed the same and got worse. */
export function trendCounts(domains: MapOfChangesDomain[]): {
  better: number;
  same: number;
  worse: number;
} {
  const count = (trend: string) => domains.filter((d) => d.trend === trend).length;
  return { better: count('better'), same: count('same'), worse: count('worse') };
}
