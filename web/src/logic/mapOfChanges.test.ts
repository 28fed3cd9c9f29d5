import { describe, expect, it } from 'vitest';
import { changeSeries, trendCounts } from './mapOfChanges';

const domains = [
  { domain: 'housing', before: 3, after: 2, trend: 'better' },
  { domain: 'income', before: 1, after: 1, trend: 'same' },
  { domain: 'health', before: 0, after: 2, trend: 'worse' },
];

describe('map of changes', () => {
  it('maps domains to chart categories and before/after series in order', () => {
    expect(changeSeries(domains, (d) => d.toUpperCase())).toEqual({
      categories: ['HOUSING', 'INCOME', 'HEALTH'],
      before: [3, 1, 0],
      after: [2, 1, 2],
    });
  });

  it('counts trends', () => {
    expect(trendCounts(domains)).toEqual({ better: 1, same: 1, worse: 1 });
    expect(trendCounts([])).toEqual({ better: 0, same: 0, worse: 0 });
  });
});
