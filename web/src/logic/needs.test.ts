import { describe, expect, it } from 'vitest';
import {
  emptyNeeds,
  needsErrors,
  needsPayload,
  needsTotal,
  readNeeds,
  RISK_DOMAINS,
} from './needs';

describe('needs form', () => {
  it('starts with every domain unscored and reports all of them', () => {
    const rows = emptyNeeds();
    expect(rows.map((r) => r.domain)).toEqual([...RISK_DOMAINS]);
    expect(needsErrors(rows)).toHaveLength(10);
  });

  it('accepts 0..3 only', () => {
    const rows = emptyNeeds().map((r, i) => ({ ...r, score: i % 4 }));
    expect(needsErrors(rows)).toEqual([]);
    const bad = rows.map((r) =>
      r.domain === 'housing'
        ? { ...r, score: 4 }
        : r.domain === 'parenting'
          ? { ...r, score: -1 }
          : r,
    );
    expect(needsErrors(bad)).toEqual(['housing', 'parenting']);
  });

  it('builds the payload in form order with trimmed notes and sums the scores', () => {
    const rows = emptyNeeds().map((r) => ({ ...r, score: 1, note: ' x ' }));
    const payload = needsPayload(rows);
    expect(payload.scores).toHaveLength(10);
    expect(payload.scores[0]).toEqual({ domain: 'child_safety', score: 1, note: 'x' });
    expect(needsTotal(rows)).toBe(10);
  });

  it('reads stored scores, taking sensitive notes from `sensitive`', () => {
    const rows = readNeeds(
      {
        scores: [
          { domain: 'health', score: 2, note: '' },
          { domain: 'housing', score: 3, note: 'damp' },
        ],
      },
      { notes: { health: 'asthma' } },
    );
    expect(rows.find((r) => r.domain === 'health')).toEqual({
      domain: 'health',
      score: 2,
      note: 'asthma',
    });
    expect(rows.find((r) => r.domain === 'housing')?.note).toBe('damp');
    expect(rows.find((r) => r.domain === 'income')?.score).toBeNull();
  });
});
