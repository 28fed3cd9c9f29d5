import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../api/worklist';
import { groupWorkItems, sortWorkItems, workGroup, workTopic } from './worklist';

const TODAY = '2026-12-05';

function item(kind: string, due_on: string, extra: Partial<WorkItem> = {}): WorkItem {
  return { kind, title: `${kind} ${due_on}`, due_on, ...extra };
}

describe('work list order (issue 13 point 10)', () => {
  it('puts a child-safety warning due today before signals due tomorrow', () => {
    // The server's own order: an emergency signal (urgency 1) above an ordinary item due today (3).
    const server = [
      item('signal_triage', '2026-12-06', { due_at: '2026-12-06T10:32:00', urgency: 1 }),
      item('signal_triage', '2026-12-06', { due_at: '2026-12-06T11:32:00', urgency: 1 }),
      item('early_warning', TODAY, { urgency: 3, case_id: 'c1' }),
      item('measure_due', '2026-12-01', { overdue: true, urgency: 0 }),
    ];
    const kinds = sortWorkItems(server, TODAY).map((i) => `${i.kind} ${i.due_on}`);
    expect(kinds).toEqual([
      'measure_due 2026-12-01',
      'early_warning 2026-12-05',
      'signal_triage 2026-12-06',
      'signal_triage 2026-12-06',
    ]);
  });

  it('within a day puts safety first, then emergency signals, then the rest', () => {
    const items = [
      item('plan_review', TODAY, { urgency: 3 }),
      item('signal_triage', TODAY, { due_at: `${TODAY}T09:00:00`, urgency: 3 }),
      item('signal_triage', TODAY, { due_at: `${TODAY}T18:00:00`, urgency: 1 }),
      item('critical_not_visited', TODAY, { urgency: 2 }),
    ];
    const sorted = sortWorkItems(items, TODAY);
    expect(sorted.map((i) => i.kind).slice(0, 2)).toEqual([
      'critical_not_visited',
      'signal_triage',
    ]);
    expect(sorted[1]?.urgency).toBe(1);
  });

  it('groups by when the item is due and names its topic', () => {
    expect(workGroup(item('visit_due', '2026-12-01', { overdue: true }), TODAY)).toBe('overdue');
    expect(workGroup(item('visit_due', TODAY), TODAY)).toBe('today');
    expect(workGroup(item('visit_due', '2026-12-06'), TODAY)).toBe('tomorrow');
    expect(workGroup(item('visit_due', '2026-12-10'), TODAY)).toBe('week');
    expect(workGroup(item('visit_due', '2027-01-10'), TODAY)).toBe('later');
    expect(
      groupWorkItems([item('visit_due', '2027-01-10'), item('early_warning', TODAY)], TODAY).map(
        (g) => g.group,
      ),
    ).toEqual(['today', 'later']);
    expect(workTopic(item('early_warning', TODAY))).toBe('safety');
    expect(workTopic(item('signal_triage', TODAY))).toBe('signals');
  });
});
